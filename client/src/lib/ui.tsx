// Small shared pieces of the interface: loading and error states, level badges.
import type { ReactNode } from "react";
import type { Level } from "./api";
import { LEVEL_LABELS } from "./format";

export function Loading({ label = "Загрузка…" }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : "Что-то пошло не так";
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && <button type="button" className="button button-secondary" onClick={onRetry}>Повторить</button>}
    </div>
  );
}

export function LevelBadge({ level }: { level: Level }) {
  return <span className={`badge badge-${level}`}>{LEVEL_LABELS[level]}</span>;
}

/** A titled section of a page; the title labels the section for screen readers. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A figure at a glance: a label, a number, and what it is measured against. */
export function Stat({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note && <span className="stat-note">{note}</span>}
    </div>
  );
}

/** A progress bar with its label and figures; `good` paints it green (a target reached). */
export function ProgressBar({ label, value, max, good }: { label: string; value: number; max: number; good?: boolean }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="progress-block">
      <div className="progress-label"><span>{label}</span><span>{value} из {max} · {Math.round(share * 100)}%</span></div>
      <div className={`progress${good ? " progress-good" : ""}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
