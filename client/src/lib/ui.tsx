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
