// The mentor's workspace (/mentees): each current mentee with deficits, latest result, plan progress, last meeting and unread news.
import { useMemo } from "react";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate, formatPercent, plural, WAVE_LABELS } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { subjectTitle } from "../../lib/subjects";
import { ErrorNotice, Loading, Panel, Stat } from "../../lib/ui";
import { daysSince, menteesApi, totals, type Mentee } from "./mentees-api";
import "./mentees.css";

const subject = (code: string | undefined) => (code ? subjectTitle(code) : "");

/** The weakest deficits first, a few of them named; the mentee's page has the rest. */
function Deficits({ mentee }: { mentee: Mentee }) {
  if (!mentee.deficitTitles.length) return <span className="muted">{mentee.latestResult ? "Дефицитов нет" : "Диагностика не пройдена"}</span>;
  const shown = [...mentee.deficitTitles].sort((a, b) => a.percent - b.percent).slice(0, 4);
  const rest = mentee.deficitTitles.length - shown.length;
  return (
    <ul className="deficit-tags">
      {shown.map((d) => <li key={d.id} className="tag tag-risk" title={`${d.title}: ${formatPercent(d.percent)}`}>{d.title} · {formatPercent(d.percent)}</li>)}
      {rest > 0 && <li className="muted">и ещё {rest}</li>}
    </ul>
  );
}

function LatestResult({ mentee }: { mentee: Mentee }) {
  const r = mentee.latestResult;
  if (!r) return <span className="muted">нет</span>;
  return (
    <span className="cell-stack">
      <b>{formatPercent(r.percent)}</b> <span className="muted">{formatDate(r.measuredAt)}</span>
      <span className="cell-note">{r.instrumentTitle}{r.wave ? `, ${WAVE_LABELS[r.wave] ?? r.wave}` : ""}</span>
    </span>
  );
}

function PlanProgress({ mentee }: { mentee: Mentee }) {
  const p = mentee.plan;
  if (!p.total) return <span className="muted">пунктов нет</span>;
  return (
    <span className="cell-stack">
      <span className="plan-meter" role="img" aria-label={`выполнено ${p.done} из ${p.total}`}><span style={{ width: `${(100 * p.done) / p.total}%` }} /></span>
      <span>{p.done} из {p.total}</span>
      {p.overdue > 0 && <span className="cell-overdue">просрочено: {p.overdue}</span>}
    </span>
  );
}

function LastMeeting({ mentee }: { mentee: Mentee }) {
  if (!mentee.lastMeetingOn) return <span className="cell-overdue">встреч не было</span>;
  const days = daysSince(mentee.lastMeetingOn);
  return (
    <span className="cell-stack">
      {formatDate(mentee.lastMeetingOn)}
      <span className="cell-note">{days <= 0 ? "сегодня" : `${days} ${plural(days, ["день", "дня", "дней"])} назад`} · всего {mentee.meetings}</span>
    </span>
  );
}

export default function MenteesPage() {
  const { data, error, reload } = useLoader(() => menteesApi.list(), []);
  const columns = useMemo<Array<Column<Mentee>>>(() => [
    {
      key: "name", header: "Наставляемый", value: (m) => m.name,
      render: (m) => (
        <span className="cell-stack">
          <Link href={`/people/${encodeURIComponent(m.userId)}`}>{m.name}</Link>
          <span className="cell-note">{m.schoolName ?? "—"}{m.municipalityName ? `, ${m.municipalityName}` : ""} · {subject(m.subject) || m.subjects.map(subject).join(", ")}</span>
          {m.email && <a className="cell-note" href={`mailto:${m.email}`}>{m.email}</a>}
        </span>
      ),
    },
    { key: "unread", header: "Новое", numeric: true, value: (m) => m.unread, render: (m) => (m.unread ? <span className="tag tag-news">{m.unread} {plural(m.unread, ["новое", "новых", "новых"])}</span> : <span className="muted">—</span>) },
    { key: "deficits", header: "Дефициты", value: (m) => m.deficits.length, render: (m) => <Deficits mentee={m} /> },
    { key: "result", header: "Последний результат", value: (m) => m.latestResult?.measuredAt ?? "", render: (m) => <LatestResult mentee={m} /> },
    { key: "plan", header: "План", numeric: true, value: (m) => (m.plan.total ? Math.round((100 * m.plan.done) / m.plan.total) : null), render: (m) => <PlanProgress mentee={m} /> },
    { key: "meeting", header: "Последняя встреча", value: (m) => m.lastMeetingOn ?? "", render: (m) => <LastMeeting mentee={m} /> },
    {
      key: "since", header: "С какого числа", value: (m) => m.since,
      render: (m) => <span className="cell-stack">{formatDate(m.since)}{m.reason && <span className="cell-note reason-text">{m.reason}</span>}</span>,
    },
  ], []);

  const sum = data ? totals(data) : null;
  return (
    <section className="page mentees-section" aria-labelledby="mentees-title">
      <header className="page-header">
        <p className="eyebrow">Наставничество</p>
        <h1 id="mentees-title">Мои наставляемые</h1>
        <p className="lead">Педагоги, которых институт закрепил за вами. Откройте страницу наставляемого: профиль по компетенциям, что стоит за дефицитами, результаты по волнам, план и встречи.</p>
      </header>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !data || !sum ? <Loading /> : (
        <>
          {data.length > 0 && (
            <div className="stats">
              <Stat label="Наставляемых" value={data.length} />
              <Stat label="Новое" value={sum.unread} note="непрочитанные уведомления о наставляемых" />
              <Stat label="Пунктов плана выполнено" value={`${sum.done} из ${sum.total}`} />
              <Stat label="Просрочено пунктов" value={sum.overdue} />
              <Stat label="Без встречи больше 30 дней" value={sum.noRecentMeeting} />
            </div>
          )}
          <Panel id="mentees" title={data.length ? `${data.length} ${plural(data.length, ["наставляемый", "наставляемых", "наставляемых"])}` : "Наставляемых пока нет"}>
            {data.length === 0 ? (
              <p className="muted">Когда методист института подтвердит пару, педагог появится здесь.</p>
            ) : (
              <DataTable rows={data} columns={columns} rowKey={(m) => m.userId} caption="Мои наставляемые" initialSort={{ key: "unread", direction: "desc" }}
                exportName="moi-nastavlyaemye.csv" />
            )}
          </Panel>
        </>
      )}
    </section>
  );
}
