// The columns of each import file: Russian headers, the English keys also accepted, and which are required. Pure.
import { badRequest } from "../../shared/app-error.js";

export type ImportKind = "municipalities" | "schools" | "people" | "exam-results";
export const IMPORT_KINDS: readonly ImportKind[] = ["municipalities", "schools", "people", "exam-results"];

export interface ColumnDef {
  key: string;
  /** What the template calls it and what every error names as the field. */
  header: string;
  required: boolean;
  /** Other spellings people use, in either language; matched after normalising (see headerKey). */
  aliases: string[];
}

const col = (key: string, header: string, required: boolean, ...aliases: string[]): ColumnDef => ({ key, header, required, aliases });

export const COLUMNS: Record<ImportKind, ColumnDef[]> = {
  municipalities: [
    col("code", "Код", true, "code", "id", "код муниципалитета"),
    col("name", "Название", true, "name", "наименование"),
    col("neighbours", "Соседи", false, "neighbours", "neighbors", "соседние муниципалитеты"),
  ],
  schools: [
    col("code", "Код", true, "code", "id", "код школы"),
    col("municipality", "Код муниципалитета", true, "municipality_code", "municipality", "municipality_id", "муниципалитет"),
    col("name", "Полное название", true, "name", "full_name", "название", "полное наименование", "наименование"),
    col("shortName", "Краткое название", false, "short_name", "краткое наименование"),
    col("locality", "Тип местности", false, "locality", "местность"),
    col("students", "Обучающихся", false, "students", "число обучающихся", "количество обучающихся"),
    col("lowResults", "ШНОР", false, "low_results"),
    col("unfavourable", "ССУ", false, "unfavourable"),
    col("highResults", "Высокие результаты", false, "high_results"),
    col("clusters", "Кластеры", false, "clusters"),
    col("phone", "Телефон", false, "phone"),
    col("email", "E-mail", false, "email", "электронная почта", "почта"),
  ],
  people: [
    col("fullName", "ФИО", true, "full_name", "name", "фамилия имя отчество"),
    col("position", "Должность", true, "position"),
    col("school", "Код школы", true, "school_code", "school", "school_id"),
    col("subjects", "Предметы", false, "subjects", "предмет"),
    col("roles", "Роли", true, "roles", "роль"),
    col("email", "E-mail", true, "email", "электронная почта", "почта"),
  ],
  // The key of a row is school, year, exam, subject and grade (see exam-rows.ts).
  "exam-results": [
    col("school", "Код школы", true, "school_code", "school", "school_id", "код оо", "код"),
    col("year", "Год", true, "year", "год проведения", "учебный год"),
    col("exam", "Экзамен", true, "exam", "процедура", "оценочная процедура", "вид экзамена"),
    col("subject", "Предмет", true, "subject", "учебный предмет"),
    col("grade", "Класс", false, "grade", "параллель"),
    col("participants", "Участников", true, "participants", "число участников", "количество участников", "участники"),
    col("meanScore", "Средний балл", false, "mean_score", "mean", "средняя отметка"),
    col("shareFailed", "Доля „2“ / не преодолели минимум, %", false, "share_failed", "доля 2", "доля двоек", "доля 2 %", "не преодолели минимум", "не преодолели минимальный порог"),
    col("shareHigh", "Доля „4“ и „5“ / 81+ баллов, %", false, "share_high", "доля 4 и 5", "доля 4 и 5 %", "81 баллов и выше", "81+ баллов"),
  ],
};

export const KIND_TITLES: Record<ImportKind, string> = {
  municipalities: "Муниципалитеты", schools: "Школы", people: "Сотрудники", "exam-results": "Результаты ВПР, ОГЭ, ЕГЭ",
};

/** "E-mail *", "e_mail", "School code" and "schoolCode" all become one key: lower case, ё as е, letters and digits only. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(/[^\p{L}\p{N}]/gu, "");
}

/** Where each column of a kind sits in the file (index into the row's cells); absent optional columns are left out. */
export type ColumnMap = Map<string, number>;

/**
 * Finds every known column in the header (the first spelling wins when one appears twice) and refuses
 * the file when a required one is missing, naming them all: a wrong file or a wrong template.
 */
export function mapColumns(kind: ImportKind, header: readonly string[]): ColumnMap {
  const byKey = new Map<string, ColumnDef>();
  for (const c of COLUMNS[kind]) for (const name of [c.header, c.key, ...c.aliases]) byKey.set(headerKey(name), c);
  const map: ColumnMap = new Map();
  header.forEach((text, index) => {
    const def = byKey.get(headerKey(text));
    if (def && !map.has(def.key)) map.set(def.key, index);
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !map.has(c.key));
  if (missing.length) {
    throw badRequest(
      `В файле нет обязательных столбцов: ${missing.map((c) => `«${c.header}»`).join(", ")}. ` +
      `Первая строка файла должна содержать заголовки, как в шаблоне раздела «${KIND_TITLES[kind]}».`,
      "missing_columns",
    );
  }
  return map;
}

export const headerOf = (kind: ImportKind, key: string): string => COLUMNS[kind].find((c) => c.key === key)?.header ?? key;
