// A modal question before an action that matters: the native <dialog> keeps focus inside and closes on Escape.
import { useEffect, useId, useRef, type ReactNode } from "react";

export function ConfirmDialog({ title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Paints the confirming button red: the action cannot be undone. */
  danger?: boolean;
  busy?: boolean;
  /** Why the action failed (a 409 from the server, in Russian), shown inside the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    // Focus goes back to the button that opened the dialog.
    const opener = document.activeElement as HTMLElement | null;
    if (element && !element.open) element.showModal();
    return () => { element?.close(); opener?.focus(); };
  }, []);
  return (
    <dialog ref={dialog} className="dialog confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}
      onCancel={(e) => { e.preventDefault(); if (!busy) onCancel(); }}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy} autoFocus>Отмена</button>
        <button type="button" className={`button ${danger ? "button-danger" : "button-primary"}`} onClick={onConfirm} disabled={busy}>
          {busy ? "Подождите…" : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
