// Мои наставляемые: the signed-in mentor's current mentees with their school, subject, deficits and since when.
import { useMemo } from "react";
import type { Static } from "@sinclair/typebox";
import type { MyMenteeSchema } from "../../../../server/modules/mentoring/mentoring.schemas";
import { Link } from "../../app/router";
import { apiRequest } from "../../lib/api";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate, formatPercent, plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { subjectTitle } from "../../lib/subjects";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import "./mentees.css";

type Mentee = Static<typeof MyMenteeSchema>;

const subject = (code: string | undefined) => (code ? subjectTitle(code) : "");

/** The weakest deficits first, a few of them named; the profile has the rest. */
function Deficits({ mentee }: { mentee: Mentee }) {
  if (!mentee.deficitTitles.length) return <span className="muted">Дефицитов нет или диагностика не пройдена</span>;
  const shown = [...mentee.deficitTitles].sort((a, b) => a.percent - b.percent).slice(0, 5);
  const rest = mentee.deficitTitles.length - shown.length;
  return (
    <ul className="deficit-tags">
      {shown.map((d) => <li key={d.id} className="tag tag-risk" title={`${d.title}: ${formatPercent(d.percent)}`}>{d.title} · {formatPercent(d.percent)}</li>)}
      {rest > 0 && <li className="muted">и ещё {rest}</li>}
    </ul>
  );
}

export default function MenteesPage() {
  const { data, error, reload } = useLoader(() => apiRequest<Mentee[]>("GET", "/api/mentor/mentees"), []);
  const columns = useMemo<Array<Column<Mentee>>>(() => [
    { key: "name", header: "Наставляемый", value: (m) => m.name, render: (m) => <Link href={`/people/${m.userId}`}>{m.name}</Link> },
    { key: "school", header: "Школа", value: (m) => m.schoolName, render: (m) => <>{m.schoolName ?? "—"}{m.municipalityName && <><br /><span className="muted">{m.municipalityName}</span></>}</> },
    { key: "subject", header: "Предмет", value: (m) => subject(m.subject) || m.subjects.map(subject).join(", ") },
    { key: "since", header: "С какого числа", value: (m) => m.since, render: (m) => formatDate(m.since) },
    { key: "deficits", header: "Дефициты", value: (m) => m.deficits.length, render: (m) => <Deficits mentee={m} />, numeric: false },
    { key: "reason", header: "Почему вы", value: (m) => m.reason, render: (m) => <span className="reason-text">{m.reason ?? "—"}</span> },
  ], []);

  return (
    <section className="page mentees-section" aria-labelledby="mentees-title">
      <header className="page-header">
        <p className="eyebrow">Наставничество</p>
        <h1 id="mentees-title">Мои наставляемые</h1>
        <p className="lead">Педагоги, которых институт закрепил за вами. Откройте профиль, чтобы увидеть все результаты и рекомендованные курсы.</p>
      </header>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !data ? <Loading /> : (
        <Panel id="mentees" title={data.length ? `${data.length} ${plural(data.length, ["наставляемый", "наставляемых", "наставляемых"])}` : "Наставляемых пока нет"}>
          {data.length === 0 ? (
            <p className="muted">Когда методист института подтвердит пару, педагог появится здесь.</p>
          ) : (
            <DataTable rows={data} columns={columns} rowKey={(m) => m.userId} caption="Мои наставляемые" initialSort={{ key: "name", direction: "asc" }}
              exportName="moi-nastavlyaemye.csv" />
          )}
        </Panel>
      )}
    </section>
  );
}
