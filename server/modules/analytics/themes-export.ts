// The training themes as spreadsheet tables: per subject, cross-subject, and the matrices by municipality and cluster. Pure.
import type { Sheet, SheetColumn } from "../../shared/spreadsheet.js";
import type { Theme } from "./analytics.schemas.js";
import { themeMatrix, type MatrixColumn, type ThemesBody } from "./training-themes.js";

const SECTION_METHOD = "Межпредметные (методические)";
const SECTION_LEADERSHIP = "Управленческие";

const percent = (share: number) => Math.round(share * 1000) / 10;
const courseList = (t: Theme) => t.courses.map((c) => c.title).join("; ");

const FIGURES: SheetColumn[] = [
  { header: "Тема (компетенция)", key: "title", width: 60 },
  { header: "Дефицит, чел.", key: "deficit", width: 14 },
  { header: "Доля дефицита, %", key: "share", width: 18 },
  { header: "Частично, чел.", key: "partial", width: 15 },
  { header: "Прошли диагностику, чел.", key: "tested", width: 24 },
  { header: "Курсы, которые закрывают тему", key: "courses", width: 80 },
];

const figuresOf = (t: Theme) => ({ title: t.title, deficit: t.deficit, share: percent(t.share), partial: t.partial, tested: t.tested, courses: courseList(t) });

/** Every theme with the section it belongs to, in the order of the report. */
export function sectionedThemes(report: ThemesBody): Array<{ theme: Theme; section: string }> {
  return [
    ...report.subjects.flatMap((s) => s.themes.map((theme) => ({ theme, section: s.title }))),
    ...report.crossSubject.themes.map((theme) => ({ theme, section: SECTION_METHOD })),
    ...report.leadership.themes.map((theme) => ({ theme, section: SECTION_LEADERSHIP })),
  ];
}

/** The main table: every theme, one row each (the CSV export, and the first look of the XLSX). */
export function mainSheet(report: ThemesBody): Sheet {
  return {
    name: "Темы обучения",
    columns: [{ header: "Раздел", key: "section", width: 30 }, ...FIGURES],
    rows: sectionedThemes(report).map(({ theme, section }) => ({ section, ...figuresOf(theme) })),
  };
}

function matrixSheet(name: string, report: ThemesBody, columns: MatrixColumn[], cellsOf: Parameters<typeof themeMatrix>[2]): Sheet {
  const rows = themeMatrix(sectionedThemes(report), columns, cellsOf);
  return {
    name,
    columns: [
      { header: "Раздел", key: "section", width: 30 }, { header: "Тема (компетенция)", key: "title", width: 60 },
      ...columns.map((c, i) => ({ header: c.title, key: `c${i}`, width: Math.min(30, Math.max(12, c.title.length + 2)) })),
      { header: "Итого дефицит, чел.", key: "deficit", width: 20 }, { header: "Прошли, чел.", key: "tested", width: 14 },
    ],
    rows: rows.map((r) => ({
      section: r.section, title: r.title, deficit: r.deficit, tested: r.tested,
      ...Object.fromEntries(r.cells.map((cell, i) => [`c${i}`, cell ? cell.deficit : null])),
    })),
  };
}

/**
 * The workbook: themes per subject, cross-subject themes (with the management themes of principals
 * when there are any), and two matrices whose cells are the number of people at a deficit.
 */
export function themesSheets(report: ThemesBody): Sheet[] {
  const sheets: Sheet[] = [
    {
      name: "Темы по предметам",
      columns: [{ header: "Предмет", key: "section", width: 22 }, ...FIGURES],
      rows: report.subjects.flatMap((s) => s.themes.map((t) => ({ section: s.title, ...figuresOf(t) }))),
    },
    {
      name: "Межпредметные темы",
      columns: [{ header: "Раздел", key: "section", width: 30 }, ...FIGURES],
      rows: [
        ...report.crossSubject.themes.map((t) => ({ section: SECTION_METHOD, ...figuresOf(t) })),
        ...report.leadership.themes.map((t) => ({ section: SECTION_LEADERSHIP, ...figuresOf(t) })),
      ],
    },
  ];
  const municipalities = report.municipalities.filter((m) => m.tested > 0).map((m) => ({ key: m.id, title: m.name }));
  sheets.push(matrixSheet("По муниципалитетам", report, municipalities, (t) => t.byMunicipality.map((c) => ({ key: c.id, deficit: c.deficit, tested: c.tested }))));
  const clusters = report.clusters.map((c) => ({ key: c.cluster, title: c.title }));
  sheets.push(matrixSheet("По кластерам", report, clusters, (t) => t.byCluster.map((c) => ({ key: c.cluster, deficit: c.deficit, tested: c.tested }))));
  return sheets;
}
