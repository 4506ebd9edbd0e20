// A table of training themes: people at a deficit, the share, and the courses that close each theme.
import type { Static } from "@sinclair/typebox";
import type { ThemeSchema } from "../../../../server/modules/analytics/analytics.schemas";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { formatPercent } from "../../lib/format";

export type Theme = Static<typeof ThemeSchema>;

/** The courses of a theme as links to the groups section, where groups for a course are formed. */
export function ThemeCourses({ theme }: { theme: Theme }) {
  if (theme.courses.length === 0) return <span className="muted">нет в каталоге</span>;
  return (
    <ul className="theme-courses">
      {theme.courses.map((c) => <li key={c.id}><Link href={`/groups?courseId=${encodeURIComponent(c.id)}`}>{c.title}</Link></li>)}
    </ul>
  );
}

function columnsFor(withSubject: boolean): Array<Column<Theme>> {
  return [
    ...(withSubject ? [{ key: "subject", header: "Предмет", value: (t: Theme) => t.subjectTitle ?? "" }] : []),
    { key: "title", header: "Тема", value: (t) => t.title },
    { key: "deficit", header: "Дефицит, чел.", value: (t) => t.deficit, numeric: true },
    { key: "share", header: "Доля", value: (t) => Math.round(t.share * 1000) / 10, render: (t) => formatPercent(t.share * 100), numeric: true },
    { key: "partial", header: "Частично, чел.", value: (t) => t.partial, numeric: true },
    { key: "tested", header: "Прошли, чел.", value: (t) => t.tested, numeric: true },
    { key: "courses", header: "Курсы", value: (t) => t.courses.map((c) => c.title).join("; "), render: (t) => <ThemeCourses theme={t} />, sortable: false },
  ];
}

const WITH_SUBJECT = columnsFor(true);
const WITHOUT_SUBJECT = columnsFor(false);

export function ThemeTable({ themes, caption, exportName, withSubject = false }: { themes: Theme[]; caption: string; exportName: string; withSubject?: boolean }) {
  return (
    <DataTable rows={themes} columns={withSubject ? WITH_SUBJECT : WITHOUT_SUBJECT} rowKey={(t) => t.competencyId} caption={caption}
      initialSort={{ key: "deficit", direction: "desc" }} exportName={exportName} pageSize={25}
      filterPlaceholder="Поиск по темам и курсам…" emptyText="Нет тем по выбранным условиям" />
  );
}
