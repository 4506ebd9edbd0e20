// Rosters of course groups as tables: one sheet per group plus a summary (XLSX), or one table (CSV).
import { ruDate } from "../../shared/dates.js";
import type { Sheet, SheetColumn } from "../../shared/spreadsheet.js";
import type { GroupDetailView } from "./course-groups.schemas.js";

const STATUS = { proposed: "предложена", confirmed: "утверждена" } as const;

const MEMBER_COLUMNS: SheetColumn[] = [
  { header: "№", key: "n", width: 5 },
  { header: "ФИО", key: "name", width: 34 },
  { header: "Должность", key: "position", width: 30 },
  { header: "Школа", key: "school", width: 48 },
  { header: "Муниципалитет", key: "municipality", width: 30 },
  { header: "E-mail", key: "email", width: 28 },
  { header: "Дефициты, которые закрывает курс", key: "deficits", width: 70 },
];

function memberRows(group: GroupDetailView) {
  const titles = new Map(group.competencies.map((c) => [c.id, c.title]));
  return group.people.map((p, i) => ({
    n: i + 1, name: p.name, position: p.position ?? "", school: p.schoolName, municipality: p.municipalityName, email: p.email ?? "",
    deficits: p.deficits.map((d) => titles.get(d) ?? d).join("; "),
  }));
}

const dates = (g: GroupDetailView) => [g.startsOn ? ruDate(g.startsOn) : "", g.endsOn ? ruDate(g.endsOn) : ""];

/** Sheet names must be unique and short (31 characters): the group's number, then as much of its title as fits. */
function sheetName(index: number, title: string, taken: Set<string>): string {
  let name = `${index + 1}. ${title.replace(/[[\]:*?/\\]/g, " ")}`.slice(0, 31);
  for (let k = 2; taken.has(name); k++) name = `${name.slice(0, 27)} (${k})`;
  taken.add(name);
  return name;
}

export function rosterSheets(courseTitle: string, groups: GroupDetailView[]): Sheet[] {
  const taken = new Set<string>(["Сводка"]);
  const summary: Sheet = {
    name: "Сводка",
    columns: [
      { header: "Курс", key: "course", width: 44 }, { header: "Группа", key: "title", width: 44 }, { header: "Статус", key: "status", width: 14 },
      { header: "Начало", key: "startsOn", width: 18 }, { header: "Окончание", key: "endsOn", width: 18 },
      { header: "Участников", key: "members", width: 12 }, { header: "Муниципалитеты", key: "municipalities", width: 50 },
    ],
    rows: groups.map((g) => {
      const [startsOn, endsOn] = dates(g);
      return {
        course: courseTitle, title: g.title, status: STATUS[g.status], startsOn, endsOn, members: g.people.length,
        municipalities: g.municipalities.map((m) => m.name).join(", "),
      };
    }),
  };
  return [summary, ...groups.map((g, i) => ({ name: sheetName(i, g.title, taken), columns: MEMBER_COLUMNS, rows: memberRows(g) }))];
}

/** All groups in one table, for CSV: the group comes first in each row. */
export function rosterTable(groups: GroupDetailView[]): Sheet {
  return {
    name: "Группы",
    columns: [{ header: "Группа", key: "group", width: 40 }, { header: "Статус", key: "status", width: 14 }, ...MEMBER_COLUMNS],
    rows: groups.flatMap((g) => memberRows(g).map((r) => ({ group: g.title, status: STATUS[g.status], ...r }))),
  };
}

/** A file name people recognise, in Latin letters for old mail clients: kursovye-gruppy-<course>. */
export function rosterFileName(courseId: string, groupTitle?: string): string {
  const base = `gruppy-${courseId}`;
  return groupTitle ? `${base}-${groupTitle.replace(/[^0-9A-Za-zА-Яа-яЁё]+/g, "-").slice(0, 40)}` : base;
}
