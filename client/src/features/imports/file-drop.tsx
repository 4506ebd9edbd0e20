// Choosing a file: a real button for the keyboard and screen readers, and a drop area for the mouse.
import { useRef, useState, type DragEvent } from "react";

const ACCEPT = ".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} МБ`;
}

export function FileDrop({ id, file, disabled, onFile }: { id: string; file: File | null; disabled?: boolean; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  return (
    <div className={`file-drop${over ? " file-drop-over" : ""}`}
      onDragOver={(e) => { e.preventDefault(); if (!disabled) setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <input ref={input} id={id} type="file" accept={ACCEPT} className="visually-hidden" tabIndex={-1} aria-hidden="true" disabled={disabled}
        onChange={(e) => { const chosen = e.target.files?.[0]; if (chosen) onFile(chosen); e.target.value = ""; }} />
      <button type="button" className="button button-secondary" disabled={disabled} onClick={() => input.current?.click()}
        aria-describedby={`${id}-chosen`}>
        {file ? "Выбрать другой файл" : "Выбрать файл"}
      </button>
      <span className="muted file-drop-hint">или перетащите его сюда · XLSX или CSV, до 20 МБ</span>
      <p id={`${id}-chosen`} className="file-drop-chosen" aria-live="polite">
        {file ? <>Выбран файл <strong>{file.name}</strong> ({size(file.size)})</> : "Файл не выбран"}
      </p>
    </div>
  );
}
