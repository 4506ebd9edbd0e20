// Home: the diagnostics this person may take in the running campaign, each with its state and next step.
import { useAuth } from "../../app/auth";
import { Link } from "../../app/router";
import { api, type InstrumentSummary } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { formatDate, formatPercent, plural, WAVE_LABELS } from "../../lib/format";
import { ErrorNotice, Loading } from "../../lib/ui";

export function HomePage() {
  const { user } = useAuth();
  const { data: items, error, reload } = useLoader(() => api.instruments(), []);

  const firstName = user?.name.split(" ").slice(1).join(" ") || user?.name;
  const campaign = items?.[0]?.campaign;
  const takesTests = user?.roles.some((r) => r === "teacher" || r === "principal") || user?.anonymous;

  return (
    <section className="page">
      <header className="page-header">
        <p className="eyebrow">{campaign ? `${campaign.title} · ${WAVE_LABELS[campaign.wave] ?? ""}` : "Диагностика"}</p>
        <h1>Здравствуйте, {firstName}</h1>
        {takesTests && <p className="lead">Пройдите диагностику: по её итогам вы увидите свой профиль — сильные стороны, дефициты и курсы, которые помогут их закрыть.</p>}
      </header>

      {error ? <ErrorNotice error={error} onRetry={reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <div className="notice">
          <p>{takesTests ? "Сейчас для вас нет назначенных диагностик. Когда институт откроет новый этап мониторинга, они появятся здесь." : "Разделы аналитики и управления кампаниями для вашей роли подключаются в следующих версиях. Диагностики, доступные вам для прохождения, появятся здесь."}</p>
        </div>
      ) : (
        <ul className="cards" aria-label="Диагностики">
          {items.map((item) => <InstrumentCard key={item.id} item={item} />)}
        </ul>
      )}
    </section>
  );
}

function InstrumentCard({ item }: { item: InstrumentSummary }) {
  const attempt = item.attempt;
  const state = !attempt ? "new" : attempt.status === "submitted" ? "done" : "progress";
  const meta = [
    `${item.questionCount} ${plural(item.questionCount, ["вопрос", "вопроса", "вопросов"])}`,
    item.timeLimitMinutes ? `${item.timeLimitMinutes} мин` : "без ограничения времени",
  ];
  return (
    <li className="card">
      <div className="card-body">
        <span className={`status status-${state}`}>
          {state === "new" ? "Не начата" : state === "progress" ? "Начата, не отправлена" : `Пройдена ${attempt?.submittedAt ? formatDate(attempt.submittedAt) : ""}`}
        </span>
        <h2 className="card-title">{item.title}</h2>
        {item.description && <p className="card-text">{item.description}</p>}
        <p className="card-meta">{meta.join(" · ")}</p>
      </div>
      <div className="card-actions">
        {state === "done" && attempt ? (
          attempt.percent !== undefined ? (
            <>
              <span className="score">{formatPercent(attempt.percent)}</span>
              <Link className="button button-secondary" href={`/results/${attempt.id}`}>Результат</Link>
            </>
          ) : <span className="muted">Ответы получены, спасибо</span>
        ) : (
          <Link className="button button-primary" href={`/tests/${item.id}`}>{state === "new" ? "Начать" : "Продолжить"}</Link>
        )}
      </div>
    </li>
  );
}
