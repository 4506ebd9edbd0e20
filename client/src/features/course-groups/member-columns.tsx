// The columns of a member table, shared by the proposal and a saved group: who, where, priority, which deficits.
import type { Column } from "../../lib/data-table";
import type { Person } from "./course-groups-api";

export function priorityText(p: Pick<Person, "lowResults" | "unfavourable">): string {
  return [p.lowResults ? "низкие результаты" : "", p.unfavourable ? "неблагоприятные условия" : ""].filter(Boolean).join(", ");
}

export function memberColumns(titles: ReadonlyMap<string, string>): Array<Column<Person>> {
  return [
    { key: "name", header: "ФИО", value: (p) => p.name, render: (p) => <>{p.name}{p.position && <span className="muted member-position">{p.position}</span>}</> },
    { key: "school", header: "Школа", value: (p) => p.schoolName },
    { key: "municipality", header: "Муниципалитет", value: (p) => p.municipalityName },
    {
      key: "priority", header: "Приоритет", value: (p) => priorityText(p),
      render: (p) => (p.priority > 0
        ? <>{p.lowResults && <span className="tag tag-risk">низкие результаты</span>}{p.unfavourable && <span className="tag tag-risk">неблагоприятные условия</span>}</>
        : <span className="muted">—</span>),
    },
    {
      key: "deficits", header: "Дефициты", value: (p) => p.deficits.map((d) => titles.get(d) ?? d).join("; "),
      render: (p) => <span className="member-deficits">{p.deficits.map((d) => <span key={d} className="tag">{titles.get(d) ?? d}</span>)}</span>,
    },
  ];
}
