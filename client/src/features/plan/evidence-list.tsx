// Evidence of one plan item: notes, links and files (downloads only); adding a note, a link or a file with its progress.
import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, planApi, type PlanItem } from "./plan-api";
import { formatSize } from "./plan-logic";

type Adding = "note" | "link" | "file" | null;

export function EvidenceList({ userId, item, editable, viewerId, onChanged }: {
  userId: string; item: PlanItem; editable: boolean; viewerId: string; onChanged: () => void;
}) {
  const id = useId();
  const [adding, setAdding] = useState<Adding>(null);
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = (e: unknown) => { setError(e instanceof ApiError ? e.message : "Не удалось сохранить"); setBusy(false); setProgress(null); };
  const reset = () => { setAdding(null); setText(""); setUrl(""); setFile(null); setProgress(null); setBusy(false); setError(null); };
  const tooLarge = file !== null && file.size > EVIDENCE_MAX_BYTES;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (adding === "note") await planApi.addNote(userId, item.id, text.trim());
      else if (adding === "link") await planApi.addLink(userId, item.id, url.trim(), text.trim() || undefined);
      else if (adding === "file" && file) {
        setProgress(0);
        await planApi.uploadFile(userId, item.id, file, setProgress);
      }
      reset();
      onChanged();
    } catch (e) { fail(e); }
  };

  const remove = async (evidenceId: string) => {
    setError(null);
    try { await planApi.deleteEvidence(userId, item.id, evidenceId); onChanged(); } catch (e) { fail(e); }
  };
  const download = async (evidenceId: string) => {
    setError(null);
    try { await planApi.downloadFile(userId, item.id, evidenceId); } catch (e) { fail(e); }
  };

  return (
    <div className="evidence">
      {item.evidence.length > 0 && (
        <ul className="evidence-list" aria-label="Подтверждения">
          {item.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === "note" && <span className="evidence-note">{e.note}</span>}
              {e.kind === "link" && (
                <a href={e.url} target="_blank" rel="noopener noreferrer nofollow">{e.note || e.url}<span className="visually-hidden"> (откроется в новой вкладке)</span></a>
              )}
              {e.kind === "file" && (
                <button type="button" className="link-button" onClick={() => void download(e.id)}>
                  Скачать «{e.fileName}»{e.size !== undefined ? `, ${formatSize(e.size)}` : ""}
                </button>
              )}
              <span className="muted evidence-meta"> — {e.createdBy?.name ?? "удалённый пользователь"}, {formatDate(e.createdAt)}</span>
              {editable && e.createdBy?.id === viewerId && (
                <button type="button" className="link-button link-danger" onClick={() => void remove(e.id)} aria-label={`Удалить подтверждение ${e.fileName ?? e.note ?? e.url ?? ""}`}>Удалить</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && adding === null && (
        <div className="evidence-add" role="group" aria-label="Добавить подтверждение">
          <span className="muted">Подтверждение:</span>
          <button type="button" className="button button-ghost-dark" onClick={() => setAdding("note")}>Заметка</button>
          <button type="button" className="button button-ghost-dark" onClick={() => setAdding("link")}>Ссылка</button>
          <button type="button" className="button button-ghost-dark" onClick={() => setAdding("file")}>Файл</button>
        </div>
      )}
      {editable && adding !== null && (
        <form className="evidence-form" onSubmit={submit}>
          {adding === "link" && (
            <label className="field"><span>Адрес ссылки</span>
              <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" maxLength={2000} autoFocus /></label>
          )}
          {adding !== "file" && (
            <label className="field"><span>{adding === "note" ? "Заметка" : "Подпись (необязательно)"}</span>
              {adding === "note"
                ? <textarea required value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoFocus />
                : <input value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />}
            </label>
          )}
          {adding === "file" && (
            <label className="field"><span>Файл</span>
              <input type="file" accept={EVIDENCE_ACCEPT} required aria-describedby={`${id}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} autoFocus />
              <small id={`${id}-hint`}>PDF, PNG, JPEG, DOCX, XLSX, PPTX или TXT, не больше 5 МБ. Файлы хранятся и выдаются только для скачивания.</small>
            </label>
          )}
          {tooLarge && <p className="form-error" role="alert">Файл {formatSize(file.size)} — больше 5 МБ. Уменьшите его или приложите ссылку.</p>}
          {progress !== null && (
            <label className="upload-progress">Загрузка: {Math.round(progress * 100)}%
              <progress max={1} value={progress} />
            </label>
          )}
          {error && <p className="form-error" role="alert">{error}</p>}
          <div className="plan-form-actions">
            <button type="submit" className="button button-primary" disabled={busy || tooLarge || (adding === "file" && !file)}>{busy ? "Сохраняем…" : "Добавить"}</button>
            <button type="button" className="button button-secondary" onClick={reset} disabled={busy}>Отмена</button>
          </div>
        </form>
      )}
      {adding === null && error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
