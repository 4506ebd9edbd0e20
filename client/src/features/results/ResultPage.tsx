// The result of one diagnostic: the total, a chart of competencies, the deficits and the courses that close them.
import { useCallback, useEffect, useState } from "react";
import { Link } from "../../app/router";
import { api, type Result } from "../../lib/api";
import { CompetencyChart } from "../../lib/CompetencyChart";
import { CompetencyTable } from "../../lib/CompetencyTable";
import { CourseList } from "../../lib/CourseList";
import { formatDate, formatPercent, plural } from "../../lib/format";
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
  const subject = result.competencies.filter((c) => !c.id.startsWith("method."));
  const method = result.competencies.filter((c) => c.id.startsWith("method."));

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
            : `Выявлено ${deficits.length} ${plural(deficits.length, ["дефицит", "дефицита", "дефицитов"])} из ${result.competencies.length} ${plural(result.competencies.length, ["компетенции", "компетенций", "компетенций"])}. Ниже — курсы, которые помогут их закрыть.`}
        </p>
      </div>

      <div className="grid-2">
        {subject.length > 0 && (
          <section className="panel" aria-labelledby="subject-title">
            <h2 id="subject-title">Предметная компетентность</h2>
            <CompetencyChart rows={subject} label="Предметные компетенции, процент выполнения" />
          </section>
        )}
        {method.length > 0 && (
          <section className="panel" aria-labelledby="method-title">
            <h2 id="method-title">Методическая компетентность</h2>
            <CompetencyChart rows={method} label="Методические компетенции, процент выполнения" />
          </section>
        )}
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

const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(".", ","));
