// Подбор: filters, the optimal proposal with its figures and chart, the pairs to confirm and those left without a mentor.
import { useEffect, useState, type FormEvent } from "react";
import { plural } from "../../lib/format";
import { ErrorNotice, Panel, Stat } from "../../lib/ui";
import { mentoringApi, type Distance, type Municipality, type Proposal } from "./mentoring-api";
import { DISTANCE_LABELS, SUBJECTS } from "./mentoring-labels";
import { ProposedTable, toRow, type Row } from "./proposed-table";
import { SubjectChart } from "./subject-chart";
import { UnmatchedTable } from "./unmatched-table";

/** Seconds since `busy` became true, to show that a long proposal is still being worked on. */
function useElapsed(busy: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const began = Date.now();
    setSeconds(0);
    const timer = setInterval(() => setSeconds((Date.now() - began) / 1000), 200);
    return () => clearInterval(timer);
  }, [busy]);
  return seconds;
}

export function ProposalSection({ municipalities, onChanged }: { municipalities: Municipality[]; onChanged: () => void }) {
  const [subject, setSubject] = useState("");
  const [municipalityId, setMunicipalityId] = useState("");
  const [distance, setDistance] = useState<Distance>("neighbours");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ run: number; proposal: Proposal; rows: Row[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const elapsed = useElapsed(busy);

  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const proposal = await mentoringApi.propose({ ...(subject ? { subject } : {}), ...(municipalityId ? { municipalityId } : {}), distance });
      setResult((r) => ({ run: (r?.run ?? 0) + 1, proposal, rows: proposal.pairs.map(toRow) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const s = result?.proposal.summary;
  const gain = s && s.greedy.totalCost > 0 && s.matched === s.greedy.matched ? Math.round((1 - s.totalCost / s.greedy.totalCost) * 1000) / 10 : null;
  return (
    <Panel id="proposal" title="Подбор наставников">
      <p className="muted">
        Платформа предлагает каждому учителю с дефицитами наставника того же предмета, освоившего эти темы, — лучше из школы с высокими
        результатами и из того же или соседнего муниципалитета, не больше мест наставника. Сначала как можно больше пар, затем самые
        подходящие; учителя школ с низкими результатами и в сложных условиях — первыми. Подбор ничего не сохраняет, пока вы не подтвердите пары.
      </p>
      <form className="toolbar" onSubmit={run}>
        <label className="field">
          <span>Предмет</span>
          <select value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">Все предметы</option>
            {SUBJECTS.map((x) => <option key={x.code} value={x.code}>{x.title}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Муниципалитет наставляемых</span>
          <select value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
            <option value="">Весь регион</option>
            {municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Где искать наставника</span>
          <select value={distance} onChange={(e) => setDistance(e.target.value as Distance)}>
            {Object.entries(DISTANCE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? "Подбираем…" : "Подобрать наставников"}</button>
      </form>
      {busy && (
        <div className="mentoring-progress" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Считаем оптимальные пары по всем учителям и наставникам… {elapsed.toFixed(1).replace(".", ",")} с
        </div>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={() => void run()} />}
      {notice && <div className="notice notice-ok" role="status"><p>{notice}</p></div>}

      {result && s && (
        <div className="proposal-result">
          <div className="stats">
            <Stat label="Учителей с дефицитами без наставника" value={s.mentees} />
            <Stat label="Предложено пар" value={s.matched} note={`свободных мест у наставников: ${s.places}`} />
            <Stat label="Остаются без наставника" value={result.proposal.unmatchedDetails.length} />
            <Stat label="Против жадного подбора" value={s.matched > s.greedy.matched ? `+${s.matched - s.greedy.matched} ${plural(s.matched - s.greedy.matched, ["пара", "пары", "пар"])}` : gain !== null ? `−${String(gain).replace(".", ",")}% стоимости` : "так же"}
              note={`жадный: ${s.greedy.matched} ${plural(s.greedy.matched, ["пара", "пары", "пар"])}; расчёт ${s.elapsedMs} мс`} />
          </div>
          {s.bySubject.length > 0 && <SubjectChart rows={s.bySubject} />}
          <h3>Предложенные пары</h3>
          <ProposedTable key={result.run} rows={result.rows}
            onRowsChange={(rows) => setResult((r) => (r ? { ...r, rows } : r))}
            onConfirmed={(count) => { setNotice(`Утверждено ${count} ${plural(count, ["пара", "пары", "пар"])}. Наставники увидят наставляемых в своём разделе.`); onChanged(); }} />
          <h3>Без наставника</h3>
          <UnmatchedTable key={`u${result.run}`} rows={result.proposal.unmatchedDetails}
            onAssigned={(id) => {
              setResult((r) => (r ? { ...r, proposal: { ...r.proposal, unmatchedDetails: r.proposal.unmatchedDetails.filter((u) => u.menteeId !== id) } } : r));
              setNotice("Пара утверждена.");
              onChanged();
            }} />
        </div>
      )}
    </Panel>
  );
}
