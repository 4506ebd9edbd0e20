// The region's training themes from aggregated counts: ranks deficits per subject and across subjects, builds the matrices. Pure.
import type { Theme, ThemeSummary } from "./analytics.schemas.js";
import { CLUSTERS, clusterTitle, SUBJECTS, subjectName } from "../../shared/labels.js";

export type Area = "subject" | "method" | "leadership";

/** Counts of one competency within one municipality or one cluster (`key`), as the database aggregates them. */
export interface AreaCell {
  competencyId: string;
  title: string;
  area: Area;
  subject: string | null;
  key: string;
  tested: number;
  deficit: number;
  partial: number;
}

export interface PeopleCounts { tested: number; withDeficits: number; withoutMentor: number }

export interface ResultCounts {
  total: PeopleCounts;
  teachers: PeopleCounts;
  principals: PeopleCounts;
  /** People with results per area and subject (subject null for methodology and leadership). */
  byArea: Array<{ area: string; subject: string | null; tested: number }>;
  byMunicipality: Map<string, number>;
}

export interface CourseRef { id: string; title: string; audience: readonly string[]; subjects?: readonly string[] | undefined; competencies: readonly string[] }

export interface ThemesInput {
  /** The municipalities in scope, in the order they are shown. */
  municipalities: ReadonlyArray<{ id: string; name: string }>;
  byMunicipality: readonly AreaCell[];
  /** Optional: the dashboard needs no cluster breakdown. */
  byCluster?: readonly AreaCell[];
  clusterTested?: ReadonlyMap<string, number>;
  counts: ResultCounts;
  courses: readonly CourseRef[];
  /** The subject the report is filtered to, if any: subject-specific courses of other subjects do not fit. */
  subject: string | null;
  /** How many themes each list keeps. */
  top: number;
}

export interface ThemesBody {
  tested: number;
  teachers: { tested: number; withDeficits: number };
  principals: { tested: number; withDeficits: number };
  municipalities: Array<{ id: string; name: string; tested: number }>;
  clusters: Array<{ cluster: string; title: string; tested: number }>;
  subjects: Array<{ subject: string; title: string; tested: number; themes: Theme[] }>;
  crossSubject: { tested: number; themes: Theme[] };
  leadership: { tested: number; themes: Theme[] };
  top: ThemeSummary[];
}

/** deficit / tested to four decimals; nobody tested is no deficit. */
export const shareOf = (deficit: number, tested: number): number => (tested > 0 ? Math.round((deficit / tested) * 10_000) / 10_000 : 0);

/** The most people at a deficit first; then the larger share; then by id, so that equal counts keep one order. */
export function compareThemes(a: Pick<ThemeSummary, "deficit" | "share" | "competencyId">, b: Pick<ThemeSummary, "deficit" | "share" | "competencyId">): number {
  if (a.deficit !== b.deficit) return b.deficit - a.deficit;
  if (a.share !== b.share) return b.share - a.share;
  return a.competencyId < b.competencyId ? -1 : a.competencyId > b.competencyId ? 1 : 0;
}

export function rankThemes<T extends Pick<ThemeSummary, "deficit" | "share" | "competencyId">>(themes: readonly T[]): T[] {
  return [...themes].sort(compareThemes);
}

/**
 * Courses of the catalogue that address a competency, for the audience the theme belongs to
 * (teachers and mentors for subject and methodological themes, principals for leadership). A course
 * made for one subject fits a subject theme of that subject, and a methodological theme only when the
 * report is about that subject: otherwise a cross-subject theme would list every subject's course.
 */
export function coursesFor(theme: { competencyId: string; area: Area; subject: string | null }, courses: readonly CourseRef[], subject: string | null) {
  const audiences = theme.area === "leadership" ? ["principal"] : ["teacher", "mentor"];
  const fitSubject = theme.subject ?? subject;
  return courses
    .filter((c) => c.competencies.includes(theme.competencyId) && c.audience.some((a) => audiences.includes(a)))
    .filter((c) => !c.subjects?.length || (fitSubject !== null && c.subjects.includes(fitSubject)))
    .map((c) => ({ id: c.id, title: c.title }));
}

interface Totals { competencyId: string; title: string; area: Area; subject: string | null; tested: number; deficit: number; partial: number }

/** Sums cells per competency: every person belongs to one municipality, so the sum over municipalities is the whole. */
export function totalsOf(cells: readonly AreaCell[]): Totals[] {
  const byId = new Map<string, Totals>();
  for (const c of cells) {
    const t = byId.get(c.competencyId);
    if (t) { t.tested += c.tested; t.deficit += c.deficit; t.partial += c.partial; }
    else byId.set(c.competencyId, { competencyId: c.competencyId, title: c.title, area: c.area, subject: c.subject, tested: c.tested, deficit: c.deficit, partial: c.partial });
  }
  return [...byId.values()];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

export function buildThemes(input: ThemesInput): ThemesBody {
  const names = new Map(input.municipalities.map((m, i) => [m.id, { name: m.name, order: i }]));
  const municipalityCells = groupBy(input.byMunicipality, (c) => c.competencyId);
  const clusterCells = groupBy(input.byCluster ?? [], (c) => c.competencyId);
  const extraClusters = [...new Set((input.byCluster ?? []).map((c) => c.key))].filter((k) => !CLUSTERS.some((c) => c.code === k)).sort();
  const clusterCodes = [...CLUSTERS.map((c) => c.code as string), ...extraClusters];

  const themes: Theme[] = totalsOf(input.byMunicipality).map((t) => {
    const byCluster = new Map((clusterCells.get(t.competencyId) ?? []).map((c) => [c.key, c]));
    return {
      competencyId: t.competencyId, title: t.title, area: t.area, ...(t.subject ? { subject: t.subject, subjectTitle: subjectName(t.subject) } : {}),
      deficit: t.deficit, partial: t.partial, tested: t.tested, share: shareOf(t.deficit, t.tested),
      courses: coursesFor(t, input.courses, input.subject),
      byMunicipality: (municipalityCells.get(t.competencyId) ?? [])
        .filter((c) => c.tested > 0)
        .sort((a, b) => (names.get(a.key)?.order ?? Infinity) - (names.get(b.key)?.order ?? Infinity) || (a.key < b.key ? -1 : 1))
        .map((c) => ({ id: c.key, name: names.get(c.key)?.name ?? c.key, deficit: c.deficit, tested: c.tested })),
      byCluster: input.byCluster === undefined ? [] : clusterCodes.map((code) => ({
        cluster: code, title: clusterTitle(code), deficit: byCluster.get(code)?.deficit ?? 0, tested: byCluster.get(code)?.tested ?? 0,
      })),
    };
  });

  const testedIn = (area: string, subject: string | null) =>
    input.counts.byArea.find((a) => a.area === area && (a.subject ?? null) === subject)?.tested ?? 0;
  const ranked = (area: Area, subject?: string) =>
    rankThemes(themes.filter((t) => t.area === area && (subject === undefined || t.subject === subject))).slice(0, input.top);

  const subjectCodes = [...new Set(themes.filter((t) => t.area === "subject").map((t) => t.subject!))];
  const order = (code: string) => { const i = SUBJECTS.findIndex((s) => s.code === code); return i < 0 ? SUBJECTS.length : i; };
  subjectCodes.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));

  return {
    tested: input.counts.total.tested,
    teachers: { tested: input.counts.teachers.tested, withDeficits: input.counts.teachers.withDeficits },
    principals: { tested: input.counts.principals.tested, withDeficits: input.counts.principals.withDeficits },
    municipalities: input.municipalities.map((m) => ({ id: m.id, name: m.name, tested: input.counts.byMunicipality.get(m.id) ?? 0 })),
    clusters: clusterCodes.map((code) => ({ cluster: code, title: clusterTitle(code), tested: input.clusterTested?.get(code) ?? 0 })),
    subjects: subjectCodes.map((code) => ({
      subject: code, title: subjectName(code), tested: testedIn("subject", code), themes: ranked("subject", code),
    })),
    crossSubject: { tested: testedIn("method", null), themes: ranked("method") },
    leadership: { tested: testedIn("leadership", null), themes: ranked("leadership") },
    top: rankThemes(themes.filter((t) => t.area !== "leadership")).slice(0, input.top).map(summaryOf),
  };
}

export function summaryOf(t: Theme): ThemeSummary {
  const { byMunicipality: _m, byCluster: _c, ...summary } = t;
  return summary;
}

export interface MatrixColumn { key: string; title: string }
export interface MatrixRow { competencyId: string; title: string; section: string; cells: Array<{ deficit: number; tested: number } | null>; deficit: number; tested: number }

/**
 * Themes × columns (municipalities or clusters): one row per theme, a cell per column in the
 * columns' order, empty where nobody of that column was measured on the theme.
 */
export function themeMatrix(
  rows: ReadonlyArray<{ theme: Theme; section: string }>,
  columns: readonly MatrixColumn[],
  cellsOf: (theme: Theme) => ReadonlyArray<{ key: string; deficit: number; tested: number }>,
): MatrixRow[] {
  return rows.map(({ theme, section }) => {
    const byKey = new Map(cellsOf(theme).map((c) => [c.key, c]));
    return {
      competencyId: theme.competencyId, title: theme.title, section, deficit: theme.deficit, tested: theme.tested,
      cells: columns.map((col) => {
        const cell = byKey.get(col.key);
        return cell && cell.tested > 0 ? { deficit: cell.deficit, tested: cell.tested } : null;
      }),
    };
  });
}
