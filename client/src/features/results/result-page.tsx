// The result of one diagnostic: the total, a chart of competencies, the deficits and the courses that close them.
import { Link } from "../../app/router";
import { api } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { CompetencyChart } from "../../lib/competency-chart";
import { CompetencyTable } from "../../lib/competency-table";
import { CourseList } from "../../lib/course-list";
import { formatDate, formatPercent, formatScore, plural } from "../../lib/format";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";

export default function ResultPage({ attemptId }: { attemptId: string }) {
  const { data: result, error, reload } = useLoader(() => api.result(attemptId), [attemptId]);

  if (error) return <section className="page"><ErrorNotice error={error} onRetry={reload} /></section>;
  if (!result) return <Loading label="Загружаем результат…" />;

  const deficits = result.competencies.filter((c) => c.level === "deficit");
  const groups = GROUPS.map((g) => ({ ...g, rows: result.competencies.filter((c) => groupOf(c.id) === g.key) })).filter((g) => g.rows.length > 0);

  return (
    <section className="page" aria-labelledby="result-title">
      <header className="page-header">
        <p className="eyebrow">Результат диагностики · {formatDate(result.submittedAt)}</p>
        <h1 id="result-title">{result.instrumentTitle}</h1>
      </header>

      <div className="summary">
        <div className="summary-total">
          <span className="summary-percent">{formatPercent(result.percent)}</span>
          <span className="summary-score">{formatScore(result.score)} из {formatScore(result.maxScore)} {plural(Math.round(result.maxScore), ["балла", "баллов", "баллов"])}</span>
        </div>
        <p className="summary-text">
          {deficits.length === 0
            ? "Дефицитов не выявлено: по всем компетенциям результат не ниже 50%."
            : `Выявлено ${deficits.length} ${plural(deficits.length, ["дефицит", "дефицита", "дефицитов"])} из ${result.competencies.length} ${plural(result.competencies.length, ["компетенции", "компетенций", "компетенций"])}. Ниже — курсы, которые помогут ${deficits.length === 1 ? "его" : "их"} закрыть.`}
        </p>
      </div>

      <div className={groups.length > 1 ? "grid-2" : undefined}>
        {groups.map((g) => (
          <Panel key={g.key} id={g.key} title={g.title}>
            <CompetencyChart rows={g.rows} label={`${g.title}, процент выполнения`} />
          </Panel>
        ))}
      </div>

      <Panel id="deficits" title="Дефициты">
        {deficits.length === 0 ? <p className="muted">Нет компетенций с результатом ниже 50%.</p> : (
          <ul className="deficit-list">
            {deficits.map((d) => (
              <li key={d.id}><strong>{d.title}</strong> — {formatPercent(d.percent)} ({formatScore(d.score)} из {formatScore(d.maxScore)})</li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel id="courses" title="Рекомендованные курсы">
        <CourseList courses={result.courses} />
      </Panel>

      <Panel id="table" title="Все компетенции">
        <CompetencyTable rows={result.competencies} fileName={`result-${result.instrumentId}.csv`} />
      </Panel>

      <p className="page-actions">
        <Link className="button button-primary" href="/profile">Мой профиль</Link>
        <Link className="button button-secondary" href="/">На главную</Link>
      </p>
    </section>
  );
}

const GROUPS = [
  { key: "subject", title: "Предметная компетентность" },
  { key: "method", title: "Методическая компетентность" },
  { key: "leadership", title: "Управленческие компетенции" },
] as const;
const groupOf = (id: string) => (id.startsWith("method.") ? "method" : id.startsWith("lead.") ? "leadership" : "subject");
