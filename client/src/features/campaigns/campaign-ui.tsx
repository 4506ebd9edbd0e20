// Small pieces of the campaign pages: the state badge.
import { STATUS_LABELS } from "./campaign-logic";
import type { Campaign } from "./campaigns-api";

/** A campaign's state as a calm coloured badge: запланирована, идёт, закрыта. */
export function StatusBadge({ status }: { status: Campaign["status"] }) {
  return <span className={`campaign-status campaign-status-${status}`}>{STATUS_LABELS[status]}</span>;
}
