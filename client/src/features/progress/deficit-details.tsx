// DeficitDetails: behind each deficit, the topics and kinds of items not fully done, counted (never the items themselves).
import { formatDate, formatPercent } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, LevelBadge, Loading } from "../../lib/ui";
import { progressApi, type DeficitDetailsView } from "./progress-api";
import "./progress.css";

type Detail = DeficitDetailsView["competencies"][number];
interface Tally { title: string; items: number; missed: number }

function Tallies({ label, rows }: { label: string; rows: Tally[] }) {
  if (!rows.length) return null;
  return (
    <div className="deficit-tally">
      <h4>{label}</h4>
      <ul>
        {rows.map((r) => (
          <li key={r.title}>
            <span className="deficit-tally-title">{r.title}</span>
            <span className="deficit-tally-bar" role="img" aria-label={`не полностью ${r.missed} из ${r.items}`}>
              <span style={{ width: `${(100 * r.missed) / Math.max(1, r.items)}%` }} />
            </span>
            <span className="deficit-tally-count">{r.missed} из {r.items}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DeficitCard({ d }: { d: Detail }) {
  return (
    <li className="deficit-card">
      <div className="deficit-card-head">
        <h3>{d.title}</h3>
        <span>{formatPercent(d.percent)} <LevelBadge level={d.level} /></span>
      </div>
      <p className="muted deficit-card-meta">{d.instrumentTitle}, {formatDate(d.measuredAt)}</p>
      <p>{d.words}</p>
      {d.available && (
        <div className="deficit-tallies">
          <Tallies label="Темы" rows={d.topics} />
          <Tallies label="Виды заданий" rows={d.kinds} />
          <Tallies label="Трудовые действия (профстандарт педагога)" rows={d.laborActions} />
        </div>
      )}
    </li>
  );
}

/**
 * For a mentor's (or the person's own) reading of a profile: what lies behind each deficit of the latest
 * results. The server sends topics and kinds with counts only, so nothing here gives a future answer away.
 */
export function DeficitDetails({ userId }: { userId: string }) {
  const { data, error, reload } = useLoader(() => progressApi.deficitDetails(userId), [userId]);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Loading label="Загружаем подробности дефицитов…" />;
  return (
    <section className="panel" aria-labelledby="deficit-details-title">
      <h2 id="deficit-details-title">Что стоит за дефицитами</h2>
      {data.competencies.length === 0 ? (
        <p className="muted">По последним результатам дефицитов нет — или диагностика ещё не пройдена.</p>
      ) : (
        <>
          <p className="muted">Темы и виды заданий, выполненных не полностью, с числом таких заданий. Тексты заданий и ответы не показываются: их можно будет встретить в следующей волне.</p>
          <ul className="deficit-cards">{data.competencies.map((d) => <DeficitCard key={`${d.instrumentId}/${d.id}`} d={d} />)}</ul>
        </>
      )}
    </section>
  );
}
