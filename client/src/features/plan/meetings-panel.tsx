// A mentor's meetings with a teacher: the mentor records, changes and deletes their own; the teacher and readers see them.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { planApi, type Meeting, type PlanMode } from "./plan-api";
import { localToday } from "./plan-logic";
import "./plan.css";

function MeetingForm({ userId, meeting, onDone, onCancel }: { userId: string; meeting?: Meeting; onDone: () => void; onCancel?: () => void }) {
  const [heldOn, setHeldOn] = useState(meeting?.heldOn ?? localToday());
  const [topic, setTopic] = useState(meeting?.topic ?? "");
  const [agreed, setAgreed] = useState(meeting?.agreed ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (meeting) await planApi.updateMeeting(userId, meeting.id, { heldOn, topic: topic.trim(), agreed: agreed.trim() || null });
      else await planApi.addMeeting(userId, { heldOn, topic: topic.trim(), ...(agreed.trim() ? { agreed: agreed.trim() } : {}) });
      if (!meeting) { setTopic(""); setAgreed(""); }
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось сохранить встречу");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="plan-form" onSubmit={submit}>
      <div className="form-grid">
        <label className="field"><span>Дата встречи</span>
          <input type="date" required value={heldOn} max={localToday()} onChange={(e) => setHeldOn(e.target.value)} /></label>
        <label className="field"><span>Тема</span>
          <input required value={topic} maxLength={300} onChange={(e) => setTopic(e.target.value)} placeholder="Например: разбор посещённого урока" autoFocus={!meeting} /></label>
      </div>
      <label className="field"><span>О чём договорились</span>
        <textarea value={agreed} maxLength={4000} onChange={(e) => setAgreed(e.target.value)} /></label>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="plan-form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !topic.trim()}>{busy ? "Сохраняем…" : meeting ? "Сохранить" : "Записать встречу"}</button>
        {onCancel && <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>Отмена</button>}
      </div>
    </form>
  );
}

export function MeetingsPanel({ userId, mode }: { userId: string; mode: PlanMode }) {
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const [version, setVersion] = useState(0);
  const { data, error, reload } = useLoader(() => planApi.meetings(userId), [userId, version]);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const changed = () => { setEditing(null); setVersion((v) => v + 1); };
  // A notification's link (/plan#meetings) lands here once the list has loaded.
  const loaded = data !== null;
  useEffect(() => {
    if (loaded && location.hash === "#meetings") section.current?.scrollIntoView({ block: "start" });
  }, [loaded]);

  const recording = mode === "mentor" && data?.mode === "mentor";
  const remove = async (m: Meeting) => {
    setFailure(null);
    try { await planApi.deleteMeeting(userId, m.id); changed(); } catch (e) { setFailure(e instanceof ApiError ? e.message : "Не удалось удалить встречу"); }
  };

  return (
    <section id="meetings" ref={section} className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Встречи с наставником</h2>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !data ? <Loading label="Загружаем встречи…" /> : (
        <>
          {recording && !adding && <button type="button" className="button button-primary" onClick={() => setAdding(true)}>Записать встречу</button>}
          {recording && adding && <MeetingForm userId={userId} onDone={() => { setAdding(false); changed(); }} onCancel={() => setAdding(false)} />}
          {failure && <p className="form-error" role="alert">{failure}</p>}
          {data.meetings.length === 0 ? <p className="muted">Встреч пока не было.</p> : (
            <ol className="meetings">
              {data.meetings.map((m) => (
                <li key={m.id} className="meeting">
                  {editing === m.id ? <MeetingForm userId={userId} meeting={m} onDone={changed} onCancel={() => setEditing(null)} /> : (
                    <>
                      <p className="meeting-head"><time dateTime={m.heldOn}>{formatDate(m.heldOn)}</time> · <strong>{m.topic}</strong></p>
                      {m.agreed && <p className="meeting-agreed"><span className="muted">Договорились:</span> {m.agreed}</p>}
                      {m.mentor && mode !== "mentor" && <p className="muted meeting-mentor">Записал(а): {m.mentor.name}</p>}
                      {recording && m.mine && (
                        <div className="plan-form-actions">
                          <button type="button" className="button button-ghost-dark" onClick={() => setEditing(m.id)}>Изменить</button>
                          <button type="button" className="button button-ghost-dark" onClick={() => void remove(m)} aria-label={`Удалить встречу ${formatDate(m.heldOn)}`}>Удалить</button>
                        </div>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
