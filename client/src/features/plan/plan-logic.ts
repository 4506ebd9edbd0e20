// The plan as a page shows it: items grouped by deficit, counts, the words for kinds and states, today's date. Pure.
import { KIND_LABELS, STATUS_LABELS } from "../../../../server/modules/plans/plan-changes";
import type { Plan, PlanItem, PlanMode } from "./plan-api";

export { KIND_LABELS, STATUS_LABELS };
export const KINDS = Object.keys(KIND_LABELS) as Array<keyof typeof KIND_LABELS>;
export const STATUSES = Object.keys(STATUS_LABELS) as Array<keyof typeof STATUS_LABELS>;

export interface PlanSection {
  key: string;
  title: string;
  /** Set for a current deficit: its result, for the heading. */
  percent?: number;
  items: PlanItem[];
}

/** A deficit with no item of its own, and the open course items whose courses address it anyway. */
export interface OtherDeficit { id: string; title: string; percent: number; coveredBy: PlanItem[] }

/**
 * Sections with items: deficits first, weakest first; then other competencies the items name; then
 * items tied to none. Deficits without items of their own follow in a short list, each with the
 * courses that address it (a course is filed under its weakest deficit only), so that a gap shows.
 */
export function groupByDeficit(plan: Pick<Plan, "items" | "deficits">): { sections: PlanSection[]; others: OtherDeficit[] } {
  const sections = new Map<string, PlanSection>();
  for (const d of plan.deficits) sections.set(d.id, { key: d.id, title: d.title, percent: d.percent, items: [] });
  const extra: PlanSection[] = [];
  const loose: PlanItem[] = [];
  for (const item of plan.items) {
    if (!item.competencyId) { loose.push(item); continue; }
    let section = sections.get(item.competencyId);
    if (!section) {
      section = { key: item.competencyId, title: item.competencyTitle ?? item.competencyId, items: [] };
      sections.set(item.competencyId, section);
      extra.push(section);
    }
    section.items.push(item);
  }
  const deficits = plan.deficits.map((d) => sections.get(d.id)!);
  const open = plan.items.filter((i) => i.status !== "dropped");
  return {
    sections: [...deficits.filter((s) => s.items.length), ...extra, ...(loose.length ? [{ key: "none", title: "Без привязки к компетенции", items: loose }] : [])],
    others: plan.deficits.filter((d) => !sections.get(d.id)!.items.length)
      .map((d) => ({ ...d, coveredBy: open.filter((i) => i.addresses?.includes(d.id)) })),
  };
}

export function counts(items: readonly PlanItem[]) {
  const active = items.filter((i) => i.status !== "dropped");
  return {
    total: active.length,
    done: active.filter((i) => i.status === "done").length,
    inProgress: active.filter((i) => i.status === "in-progress").length,
    overdue: active.filter((i) => i.overdue).length,
  };
}

/** The viewer may change the plan only if both the page and the server say so. */
export const editableIn = (asked: PlanMode, granted: PlanMode): boolean => asked !== "read" && granted !== "read";

/** Today in the viewer's own calendar, as the API writes days. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2,4 МБ", "380 КБ" */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}
