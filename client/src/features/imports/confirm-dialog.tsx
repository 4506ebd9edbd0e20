// A modal question before issuing new codes: the native <dialog> keeps focus inside and closes on Escape.
import { useEffect, useId, useRef, type ReactNode } from "react";

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: {
  title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement as HTMLElement | null;
    if (element && !element.open) element.showModal();
    return () => { element?.close(); opener?.focus(); };
  }, []);
  return (
    <dialog ref={dialog} className="dialog imports-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} autoFocus>Отмена</button>
        <button type="button" className="button button-danger" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
