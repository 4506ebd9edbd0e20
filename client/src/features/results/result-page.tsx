// The result of one diagnostic: the total, a chart of competencies, the deficits and the courses that close them.
import { useCallback, useEffect, useState } from "react";
import { Link } from "../../app/router";
import { api, type Result } from "../../lib/api";
import { CompetencyChart } from "../../lib/competency-chart";
import { CompetencyTable } from "../../lib/competency-table";
import { CourseList } from "../../lib/course-list";
import { formatDate, formatPercent, formatScore, plural } from "../../lib/format";
import { ErrorNotice, Loading } from "../../lib/ui";

export default function ResultPage({ attemptId }: { attemptId: string }) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api.result(attemptId).then(setResult, setError);
  }, [attemptId]);
  useEffect(load, [load]);

  if (error) return <section className="page"><ErrorNotice error={error} onRetry={load} /></section>;
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
          <section key={g.key} className="panel" aria-labelledby={`${g.key}-title`}>
            <h2 id={`${g.key}-title`}>{g.title}</h2>
            <CompetencyChart rows={g.rows} label={`${g.title}, процент выполнения`} />
          </section>
        ))}
      </div>

      <section className="panel" aria-labelledby="deficits-title">
        <h2 id="deficits-title">Дефициты</h2>
        {deficits.length === 0 ? <p className="muted">Нет компетенций с результатом ниже 50%.</p> : (
          <ul className="deficit-list">
            {deficits.map((d) => (
              <li key={d.id}><strong>{d.title}</strong> — {formatPercent(d.percent)} ({formatScore(d.score)} из {formatScore(d.maxScore)})</li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="courses-title">
        <h2 id="courses-title">Рекомендованные курсы</h2>
        <CourseList courses={result.courses} />
      </section>

      <section className="panel" aria-labelledby="table-title">
        <h2 id="table-title">Все компетенции</h2>
        <CompetencyTable rows={result.competencies} fileName={`result-${result.instrumentId}.csv`} />
      </section>

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
