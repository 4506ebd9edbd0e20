// The words for the programme's school clusters and the subjects, kept in one place for every table and page.
import { SUBJECT_CODES, type SubjectCode } from "../modules/instruments/instrument.types.js";

/**
 * The clusters of the programme for schools with low results (schools.clusters holds the codes).
 * Order is the programme's own: results first, then conditions, then the teaching problems.
 */
export const CLUSTERS = [
  { code: "low-results", title: "Низкие результаты обучения (НОР)" },
  { code: "unfavourable", title: "Неблагоприятные социальные условия (ССУ)" },
  { code: "special-needs", title: "Обучающиеся с ОВЗ" },
  { code: "non-native", title: "Русский язык как неродной (РКН)" },
  { code: "math-teaching", title: "Проблемы преподавания математики" },
  { code: "russian-teaching", title: "Проблемы преподавания русского языка" },
] as const;

export type ClusterCode = (typeof CLUSTERS)[number]["code"];
export const CLUSTER_CODES: readonly ClusterCode[] = CLUSTERS.map((c) => c.code);

const CLUSTER_TITLES = new Map<string, string>(CLUSTERS.map((c) => [c.code, c.title]));
/** The Russian name of a cluster; an unknown code (added by an import) shows as itself. */
export const clusterTitle = (code: string): string => CLUSTER_TITLES.get(code) ?? code;

/** Subjects as a heading names them (the nominative; demo-region.ts keeps the genitive for positions). */
export const SUBJECT_NAMES: Record<SubjectCode, string> = {
  russian: "Русский язык", literature: "Литература", math: "Математика", physics: "Физика", chemistry: "Химия",
  biology: "Биология", geography: "География", history: "История", social: "Обществознание", informatics: "Информатика",
  english: "Английский язык",
};

export const subjectName = (code: string): string => SUBJECT_NAMES[code as SubjectCode] ?? code;

/** Subjects in the catalogue's order, for filters and for the order of the per-subject tables. */
export const SUBJECTS = SUBJECT_CODES.map((code) => ({ code, title: SUBJECT_NAMES[code] }));

export const AREA_NAMES: Record<string, string> = {
  subject: "Предметная",
  method: "Методическая (межпредметная)",
  leadership: "Управленческая",
};
