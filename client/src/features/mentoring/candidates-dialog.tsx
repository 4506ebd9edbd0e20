// Choosing a mentor for one teacher: every mentor who could help, the best first, with free places and the reason.
import { useState } from "react";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { mentoringApi, type Candidate, type Distance } from "./mentoring-api";
import { GEO_LABELS, subjectTitle } from "./mentoring-labels";

export function CandidatesDialog({ mentee, current, taken, confirmLabel, onChoose, onCancel }: {
  mentee: { id: string; name: string };
  /** The mentor proposed now, if any: preselected. */
  current?: string;
  /** Places already given in the proposal on screen, per mentor (not yet saved). */
  taken?: ReadonlyMap<string, number>;
  confirmLabel: string;
  onChoose: (candidate: Candidate) => Promise<void> | void;
  onCancel: () => void;
}) {
  const [distance, setDistance] = useState<Distance>("neighbours");
  const [chosen, setChosen] = useState<string | undefined>(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useLoader(() => mentoringApi.candidates(mentee.id, distance), [mentee.id, distance]);
  const free = (c: Candidate) => c.capacity - c.load - (taken?.get(c.mentorId) ?? 0) + (c.mentorId === current ? 1 : 0);

  const confirm = async () => {
    const candidate = list.data?.find((c) => c.mentorId === chosen);
    if (!candidate) { setError("Выберите наставника из списка"); return; }
    setBusy(true);
    setError(null);
    try {
      await onChoose(candidate);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Не удалось сохранить");
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`Наставник для: ${mentee.name}`} confirmLabel={confirmLabel} busy={busy} error={error} onConfirm={confirm} onCancel={onCancel}>
      <label className="mentoring-check">
        <input type="checkbox" checked={distance === "any"} onChange={(e) => setDistance(e.target.checked ? "any" : "neighbours")} />
        Искать по всему региону, не только в своём и соседних муниципалитетах
      </label>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : !list.data ? <Loading label="Ищем наставников…" /> : list.data.length === 0 ? (
        <p className="muted">Подходящих наставников нет: никто из пула не преподаёт этот предмет{distance === "neighbours" ? " рядом" : ""} и не освоил дефицитные темы педагога.</p>
      ) : (
        <fieldset className="candidate-list">
          <legend className="visually-hidden">Наставники</legend>
          {/* Mentors with a free place first; within each, the server's order (best first). */}
          {[...list.data].sort((a, b) => Number(free(a) <= 0) - Number(free(b) <= 0)).map((c) => {
            const places = free(c);
            return (
              <label key={c.mentorId} className={`candidate${places <= 0 ? " candidate-full" : ""}`}>
                <input type="radio" name={`mentor-for-${mentee.id}`} value={c.mentorId} checked={chosen === c.mentorId} disabled={places <= 0}
                  onChange={() => setChosen(c.mentorId)} />
                <span>
                  <strong>{c.name}</strong>
                  <span className="candidate-meta">
                    {[c.schoolName, c.municipalityName && `${c.municipalityName} (${GEO_LABELS[c.geo] ?? c.geo})`, subjectTitle(c.subject)].filter(Boolean).join(" · ")}
                  </span>
                  <span className="candidate-meta">
                    Освоил {c.covered} из {c.deficits} дефицитных тем · {places > 0 ? `свободно мест: ${places} из ${c.capacity}` : "мест нет"}
                  </span>
                  <span className="candidate-reason">{c.reason}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
    </ConfirmDialog>
  );
}
