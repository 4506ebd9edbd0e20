// The plan's history: every change, who made it and when, newest first.
import { formatDate, formatTime } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { planApi } from "./plan-api";

export function PlanHistory({ userId, version }: { userId: string; version: number }) {
  const { data, error, reload } = useLoader(() => planApi.history(userId), [userId, version]);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Loading label="Загружаем историю…" />;
  if (!data.events.length) return <p className="muted">Изменений пока не было.</p>;
  return (
    <>
      <ol className="plan-history">
        {data.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatDate(e.at)}, {formatTime(new Date(e.at))}</time>
            <span className="plan-history-who">{e.actor?.name ?? "удалённый пользователь"}</span>
            <span className="plan-history-what"><strong>{e.itemTitle}</strong>: {e.summary}</span>
          </li>
        ))}
      </ol>
      {data.total > data.events.length && <p className="muted">Показаны последние {data.events.length} из {data.total} изменений.</p>}
    </>
  );
}
