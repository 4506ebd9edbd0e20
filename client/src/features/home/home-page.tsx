// Home: what this person is assigned now (each with its window and state), then what closed campaigns held.
import { useAuth } from "../../app/auth";
import { Link } from "../../app/router";
import { api, type Assignment, type InstrumentSummary } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { formatDate, formatPercent, plural, WAVE_LABELS } from "../../lib/format";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";

export function HomePage() {
  const { user } = useAuth();
  const { data: items, error, reload } = useLoader(() => api.instruments(), []);
  const takesTests = user?.roles.some((r) => r === "teacher" || r === "principal") || user?.anonymous;
  // Anonymous respondents have no history; people do.
  const { data: assignments } = useLoader(() => (user?.anonymous ? Promise.resolve([]) : api.myAssignments()), [user?.anonymous]);

  const firstName = user?.name.split(" ").slice(1).join(" ") || user?.name;
  const campaigns = [...new Map((items ?? []).flatMap((i) => (i.campaign ? [[i.campaign.id, i.campaign]] : []))).values()];
  const closed = (assignments ?? []).filter((a) => a.campaign.status === "closed");

  return (
    <section className="page">
      <header className="page-header">
        <p className="eyebrow">{campaigns.length === 1 ? `${campaigns[0]!.title} · ${WAVE_LABELS[campaigns[0]!.wave] ?? ""}` : "Диагностика"}</p>
        <h1>{user?.anonymous ? "Здравствуйте!" : `Здравствуйте, ${firstName}`}</h1>
        {user?.anonymous
          ? <p className="lead">Анкета анонимная: ответы не связаны с вашим именем, а результаты школа увидит только в обобщённом виде.</p>
          : takesTests && <p className="lead">Пройдите диагностику: по её итогам вы увидите свой профиль — сильные стороны, дефициты и курсы, которые помогут их закрыть.</p>}
      </header>

      {error ? <ErrorNotice error={error} onRetry={reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <div className="notice">
          <p>{takesTests ? "Сейчас для вас нет назначенных диагностик. Когда институт откроет новый этап мониторинга, они появятся здесь." : "Диагностики, доступные вам для прохождения, появятся здесь."}</p>
        </div>
      ) : (
        <>
          <h2 className="visually-hidden">Назначено сейчас</h2>
          <ul className="cards" aria-label="Назначено сейчас">
            {items.map((item) => <InstrumentCard key={`${item.campaign?.id}-${item.id}`} item={item} />)}
          </ul>
        </>
      )}

      {closed.length > 0 && (
        <div style={{ marginTop: 28 }}>
          <Panel id="closed" title="Завершённые кампании">
            <ClosedList rows={closed} />
          </Panel>
        </div>
      )}
    </section>
  );
}

function InstrumentCard({ item }: { item: InstrumentSummary }) {
  const attempt = item.attempt;
  const state = !attempt ? "new" : attempt.status === "submitted" ? "done" : "progress";
  const window = item.campaign?.startsOn && item.campaign.endsOn ? item.campaign : undefined;
  const closedForNow = item.campaign?.inWindow === false;
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
        {window && state !== "done" && (
          <p className="card-meta">{closedForNow ? "Доступна" : "Пройти можно"} с {formatDate(window.startsOn!)} по {formatDate(window.endsOn!)}</p>
        )}
      </div>
      <div className="card-actions">
        {state === "done" && attempt ? (
          attempt.percent !== undefined ? (
            <>
              <span className="score">{formatPercent(attempt.percent)}</span>
              <Link className="button button-secondary" href={`/results/${attempt.id}`}>Результат</Link>
            </>
          ) : <span className="muted">Ответы получены, спасибо</span>
        ) : closedForNow ? (
          <span className="muted">Сейчас недоступна</span>
        ) : (
          <Link className="button button-primary" href={`/tests/${item.id}`}>{state === "new" ? "Начать" : "Продолжить"}</Link>
        )}
      </div>
    </li>
  );
}

function ClosedList({ rows }: { rows: Assignment[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr><th scope="col">Кампания</th><th scope="col">Инструмент</th><th scope="col">Итог</th></tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={`${a.campaign.id}-${a.instrumentId}`}>
              <td>{a.campaign.title}<br /><span className="muted">{WAVE_LABELS[a.campaign.wave]}, {formatDate(a.campaign.startsOn)} — {formatDate(a.campaign.endsOn)}</span></td>
              <td>{a.instrumentTitle}</td>
              <td>
                {a.attempt?.status === "submitted"
                  ? (a.attempt.percent !== undefined ? <Link href={`/results/${a.attempt.id}`}>{formatPercent(a.attempt.percent)}</Link> : "Ответы отправлены")
                  : a.attempt ? "Не отправлена: кампания закрыта, ответы сохранены" : "Не пройдена"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
