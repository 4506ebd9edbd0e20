// Building a proposal: the course or deficit, the parameters, «Предложить группы», then the proposal and «Сохранить группы».
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorNotice, Panel } from "../../lib/ui";
import { groupsApi, type CourseChoice, type Proposal } from "./course-groups-api";
import { CoursePicker, type Pick } from "./course-picker";
import { ProposalResult } from "./proposal-result";

interface Params { minSize: string; maxSize: string; seats: string; startsOn: string; endsOn: string; municipalityIds: Set<string> }

export function ProposalSection({ choice, onSaved }: { choice: CourseChoice; onSaved: (courseId: string) => void }) {
  const [pick, setPick] = useState<Pick | null>(null);
  const [params, setParams] = useState<Params>({ minSize: "15", maxSize: "25", seats: "", startsOn: "", endsOn: "", municipalityIds: new Set() });
  const [busy, setBusy] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const set = (key: keyof Params) => (e: { target: { value: string } }) => setParams((p) => ({ ...p, [key]: e.target.value }));

  useEffect(() => {
    if (!busy) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 100) / 10), 100);
    return () => clearInterval(timer);
  }, [busy]);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!pick) return;
    setBusy(true); setError(null); setProposal(null);
    try {
      const next = await groupsApi.propose({
        courseId: pick.courseId, ...(pick.competencyId ? { competencyId: pick.competencyId } : {}),
        minSize: Number(params.minSize), maxSize: Number(params.maxSize),
        ...(params.seats ? { seats: Number(params.seats) } : {}),
        ...(params.startsOn && params.endsOn ? { startsOn: params.startsOn, endsOn: params.endsOn } : {}),
        ...(params.municipalityIds.size ? { municipalityIds: [...params.municipalityIds] } : {}),
      });
      setProposal(next);
      requestAnimationFrame(() => result.current?.focus());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const toggleMunicipality = (id: string) => setParams((p) => {
    const next = new Set(p.municipalityIds);
    if (next.has(id)) next.delete(id); else next.add(id);
    return { ...p, municipalityIds: next };
  });
  const datesHalf = Boolean(params.startsOn) !== Boolean(params.endsOn);

  return (
    <>
      <Panel id="pick" title="1. Курс или дефицит">
        <CoursePicker choice={choice} value={pick} onChange={(p) => { setPick(p); setProposal(null); }} />
      </Panel>
      <Panel id="params" title="2. Параметры групп">
        <form onSubmit={run}>
          <div className="form-grid">
            <label className="field"><span>Минимум в группе</span><input type="number" min={1} max={100} required value={params.minSize} onChange={set("minSize")} /></label>
            <label className="field"><span>Максимум в группе</span><input type="number" min={1} max={200} required value={params.maxSize} onChange={set("maxSize")} /></label>
            <label className="field"><span>Мест на курсе</span><input type="number" min={1} value={params.seats} onChange={set("seats")} placeholder="без ограничения" /><small>Места получают сначала школы с низкими результатами и в неблагоприятных условиях</small></label>
            <label className="field"><span>Начало курса</span><input type="date" value={params.startsOn} onChange={set("startsOn")} /></label>
            <label className="field"><span>Окончание курса</span><input type="date" value={params.endsOn} onChange={set("endsOn")} /><small>Занятые в утверждённых группах других курсов в эти даты не войдут</small></label>
          </div>
          <fieldset className="checks checks-scroll">
            <legend>Муниципалитеты {params.municipalityIds.size ? `(выбрано ${params.municipalityIds.size})` : "(все)"}</legend>
            <div className="groups-municipalities">
              {choice.municipalities.map((m) => (
                <label key={m.id}><input type="checkbox" checked={params.municipalityIds.has(m.id)} onChange={() => toggleMunicipality(m.id)} /> {m.name}</label>
              ))}
            </div>
          </fieldset>
          {datesHalf && <p className="form-error" role="alert">Укажите обе даты курса или ни одной.</p>}
          <div className="page-actions">
            <button type="submit" className="button button-primary" disabled={!pick || busy || datesHalf}>
              {busy ? "Подбираем группы…" : "Предложить группы"}
            </button>
            {!pick && <span className="muted">Сначала выберите курс.</span>}
            {busy && (
              <span className="groups-progress" role="status" aria-live="polite">
                <span className="spinner" aria-hidden="true" /> Отбираем кандидатов, делим по муниципалитетам, сравниваем профили… {elapsed.toFixed(1).replace(".", ",")} с
              </span>
            )}
          </div>
        </form>
      </Panel>
      {error !== null && <ErrorNotice error={error} />}
      <div ref={result} tabIndex={-1} className="groups-result-anchor" aria-label="Предложение групп">
        {proposal && <ProposalResult proposal={proposal} onSaved={() => onSaved(proposal.courseId)} />}
      </div>
    </>
  );
}
