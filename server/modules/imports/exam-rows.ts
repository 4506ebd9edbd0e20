// Rows of an exam results file: ВПР, ОГЭ, ЕГЭ of a school per subject, grade and year; key = all five. Pure.
import type { ColumnMap } from "./import-columns.js";
import type { Known, References } from "./import-rows.js";
import { parseRows, type Parsed, type RowCells } from "./row-cells.js";
import { quote, SUBJECT_NAMES, subjectCode, wordKey, type RowError } from "./row-rules.js";
import type { Sheet } from "./spreadsheet-reader.js";

export type Exam = "vpr" | "oge" | "ege";
export const EXAMS: readonly Exam[] = ["vpr", "oge", "ege"];
export const EXAM_TITLES: Record<Exam, string> = { vpr: "ВПР", oge: "ОГЭ", ege: "ЕГЭ" };

const EXAM_WORDS: Record<string, Exam> = {
  впр: "vpr", vpr: "vpr", "всероссийская проверочная работа": "vpr",
  огэ: "oge", oge: "oge", "гиа-9": "oge", "гиа 9": "oge", "основной государственный экзамен": "oge",
  егэ: "ege", ege: "ege", "гиа-11": "ege", "гиа 11": "ege", "единый государственный экзамен": "ege",
};

/** Grades each exam is written in: ВПР in 4–8 and 11; ОГЭ is the 9th grade's, ЕГЭ the 11th's. */
export const VPR_GRADES: readonly number[] = [4, 5, 6, 7, 8, 11];
export const EXAM_GRADE: Record<"oge" | "ege", number> = { oge: 9, ege: 11 };

/**
 * Subjects beyond the platform's eleven that exam statistics name: «Окружающий мир» (ВПР, 4th
 * grade), the other foreign languages, and the two levels of ЕГЭ mathematics.
 */
export const EXTRA_EXAM_SUBJECTS: Record<string, { title: string; exams: readonly Exam[]; grades?: readonly number[] }> = {
  world: { title: "Окружающий мир", exams: ["vpr"], grades: [4] },
  german: { title: "Немецкий язык", exams: EXAMS },
  french: { title: "Французский язык", exams: EXAMS },
  "math-base": { title: "Математика (базовый уровень)", exams: ["ege"] },
  "math-profile": { title: "Математика (профильный уровень)", exams: ["ege"] },
};
const EXTRA_WORDS: Record<string, string> = {
  world: "world", "окружающий мир": "world",
  german: "german", немецкий: "german", "немецкий язык": "german",
  french: "french", французский: "french", "французский язык": "french",
  "math-base": "math-base", "математика базовая": "math-base", "базовая математика": "math-base", "математика базовый уровень": "math-base", "математика базового уровня": "math-base",
  "math-profile": "math-profile", "математика профильная": "math-profile", "профильная математика": "math-profile", "математика профильный уровень": "math-profile", "математика профильного уровня": "math-profile",
};

/** Letters and digits only, single spaces: «Математика (профильный уровень)» → «математика профильный уровень». */
const plainWords = (text: string) => wordKey(text).replace(/[^\p{L}\p{N}-]+/gu, " ").trim();

/** The subject code of a cell: one of the eleven, or an extra exam subject; undefined when unknown. */
export function examSubjectCode(text: string): string | undefined {
  return subjectCode(text) ?? subjectCode(plainWords(text)) ?? EXTRA_WORDS[plainWords(text)];
}

export function examSubjectTitle(code: string): string {
  const name = SUBJECT_NAMES[code as keyof typeof SUBJECT_NAMES];
  return name ? name[0]!.toUpperCase() + name.slice(1) : EXTRA_EXAM_SUBJECTS[code]?.title ?? code;
}

export interface ExamRecord {
  row: number;
  school?: string | undefined;
  year?: number | undefined;
  exam?: Exam | undefined;
  subject?: string | undefined;
  grade?: number | undefined;
  participants?: number | undefined;
  /** Empty cells leave the stored value as it is (a new row gets none). */
  meanScore?: number | undefined;
  /** Shares as the file gives them, in percent. */
  shareFailed?: number | undefined;
  shareHigh?: number | undefined;
}

export const examKey = (r: { school: string; year: number; exam: string; subject: string; grade: number }): string =>
  `${r.school}|${r.year}|${r.exam}|${r.subject}|${r.grade}`;

/** "12,5", "12.5 %", "1 240" → a number; undefined when the text is not a plain non-negative number. */
export function parseNumber(text: string): number | undefined {
  const plain = text.replace(/[\s\u00a0\u202f]/g, "").replace(/%$/, "").replace(",", ".");
  return /^\d+(\.\d+)?$/.test(plain) ? Number(plain) : undefined;
}

/** «2025», «2024/2025», «2024-25»: a school year is read as the year of its spring, when the exams are written. */
export function parseYear(text: string): number | undefined {
  const m = /^(\d{4})(?:\s*[/–-]\s*(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  if (!m[2]) return first;
  const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
  return second === first + 1 ? second : undefined;
}

/** «7», «7 класс», «7-й», «7 кл.» → 7. */
export function parseGrade(text: string): number | undefined {
  const m = /^(\d{1,2})\s*(?:-?й)?\s*(?:класс|кл\.?)?$/i.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

const RANGES = {
  participants: { max: 10_000, title: "Число участников" },
  meanScore: { max: 100, title: "Средний балл" },
} as const;

function percent(cells: RowCells, key: "shareFailed" | "shareHigh", title: string): number | undefined {
  const text = cells.text(key);
  if (!text) return undefined;
  const value = parseNumber(text);
  if (value === undefined) cells.fail(key, "invalid_value", `${title} должна быть числом процентов от 0 до 100, а не ${quote(text)}`);
  else if (value > 100) cells.fail(key, "invalid_value", `${title} ${quote(text)} вне допустимого диапазона: от 0 до 100 %`);
  else return value;
  return undefined;
}

export function parseExams(sheet: Sheet, columns: ColumnMap): Parsed<ExamRecord> {
  const firstRow = new Map<string, number>();
  return parseRows("exam-results", sheet, columns, (cells) => {
    const school = cells.text("school", { required: true }) || undefined;

    const yearText = cells.text("year", { required: true });
    let year = yearText ? parseYear(yearText) : undefined;
    if (yearText && year === undefined) cells.fail("year", "invalid_value", `Год ${quote(yearText)} не распознан: укажите год проведения, например 2025 (или учебный год 2024/2025)`);
    else if (year !== undefined && (year < 2000 || year > 2100)) {
      cells.fail("year", "invalid_value", `Год ${quote(yearText!)} вне допустимого диапазона: от 2000 до текущего`);
      year = undefined;
    }

    const examText = cells.text("exam", { required: true });
    const exam = examText ? EXAM_WORDS[wordKey(examText)] : undefined;
    if (examText && !exam) cells.fail("exam", "invalid_value", `Экзамен ${quote(examText)} не распознан: укажите ВПР, ОГЭ или ЕГЭ`);

    const subjectText = cells.text("subject", { required: true });
    let subject = subjectText ? examSubjectCode(subjectText) : undefined;
    if (subjectText && !subject) {
      cells.fail("subject", "unknown_subject", `Предмет ${quote(subjectText)} не распознан. Допустимы: ${Object.values(SUBJECT_NAMES).join(", ")}, ` +
        `а также ${Object.values(EXTRA_EXAM_SUBJECTS).map((s) => s.title.toLowerCase()).join(", ")}`);
    }
    const extra = subject ? EXTRA_EXAM_SUBJECTS[subject] : undefined;
    if (extra && exam && !extra.exams.includes(exam)) {
      cells.fail("subject", "invalid_value", `Предмет «${extra.title}» не сдают в форме ${EXAM_TITLES[exam]}: только ${extra.exams.map((e) => EXAM_TITLES[e]).join(", ")}`);
      subject = undefined;
    }

    const grade = readGrade(cells, exam, extra);

    const participantsText = cells.text("participants", { required: true });
    let participants: number | undefined;
    if (participantsText) {
      const value = parseNumber(participantsText);
      if (value === undefined || !Number.isInteger(value)) cells.fail("participants", "invalid_value", `Число участников должно быть целым неотрицательным числом, а не ${quote(participantsText)}`);
      else if (value > RANGES.participants.max) cells.fail("participants", "invalid_value", `Число участников ${quote(participantsText)} вне допустимого диапазона: от 0 до ${RANGES.participants.max}`);
      else participants = value;
    }

    const meanText = cells.text("meanScore");
    let meanScore: number | undefined;
    if (meanText) {
      const value = parseNumber(meanText);
      if (value === undefined) cells.fail("meanScore", "invalid_value", `Средний балл должен быть числом, а не ${quote(meanText)}`);
      else if (value > RANGES.meanScore.max) cells.fail("meanScore", "invalid_value", `Средний балл ${quote(meanText)} вне допустимого диапазона: от 0 до ${RANGES.meanScore.max}`);
      else meanScore = value;
    }

    const shareFailed = percent(cells, "shareFailed", "Доля не справившихся");
    const shareHigh = percent(cells, "shareHigh", "Доля высоких результатов");
    // «2» and «4–5» (below the minimum and 81+) are different students: together at most everyone.
    if (shareFailed !== undefined && shareHigh !== undefined && shareFailed + shareHigh > 100.1) {
      cells.fail("shareHigh", "invalid_value", `Доли «2» (${shareFailed} %) и «4–5» (${shareHigh} %) вместе больше 100 %`);
    }
    if (participants === 0 && (shareFailed !== undefined || shareHigh !== undefined || meanScore !== undefined)) {
      cells.fail("participants", "invalid_value", "При 0 участников средний балл и доли не указываются: оставьте их пустыми");
    }

    if (school && year !== undefined && exam && subject && grade !== undefined) {
      const key = examKey({ school: school.toLowerCase(), year, exam, subject, grade });
      const first = firstRow.get(key);
      if (first !== undefined) {
        cells.fail("school", "duplicate_code", `Строка повторяет строку ${first}: та же школа, год, экзамен, предмет и класс`);
      } else firstRow.set(key, cells.row);
    }
    return { row: cells.row, school, year, exam, subject, grade, participants, meanScore, shareFailed, shareHigh };
  });
}

/** The grade: required for ВПР (4–8, 11), fixed for ОГЭ (9) and ЕГЭ (11), where an empty cell means it. */
function readGrade(cells: RowCells, exam: Exam | undefined, extra: (typeof EXTRA_EXAM_SUBJECTS)[string] | undefined): number | undefined {
  const text = cells.text("grade");
  const grade = text ? parseGrade(text) : undefined;
  if (text && grade === undefined) {
    cells.fail("grade", "invalid_value", `Класс ${quote(text)} не распознан: укажите число, например 7`);
    return undefined;
  }
  if (!exam) return grade;
  if (exam !== "vpr") {
    const fixed = EXAM_GRADE[exam];
    if (grade !== undefined && grade !== fixed) {
      cells.fail("grade", "invalid_value", `${EXAM_TITLES[exam]} сдают в ${fixed} классе, а не в ${grade}: исправьте класс или оставьте ячейку пустой`);
      return undefined;
    }
    return fixed;
  }
  if (grade === undefined) {
    if (!text) cells.fail("grade", "missing_field", "Для ВПР укажите класс: 4–8 или 11");
    return undefined;
  }
  if (!VPR_GRADES.includes(grade)) {
    cells.fail("grade", "invalid_value", `Класс ${grade} вне допустимого диапазона: ВПР пишут в 4–8 и 11 классах`);
    return undefined;
  }
  if (extra?.grades && !extra.grades.includes(grade)) {
    cells.fail("grade", "invalid_value", `ВПР «${extra.title}» пишут только в ${extra.grades.join(", ")} классе, а не в ${grade}`);
    return undefined;
  }
  return grade;
}

export function examReferences(records: ExamRecord[]): References {
  const schools = [...new Set(records.map((r) => r.school).filter((c): c is string => !!c))];
  return { municipalities: [], schools, emails: [], examSchools: schools };
}

/** Schools must be the region's; results of a year still to come cannot exist. */
export function checkExams(records: ExamRecord[], known: Known): RowError[] {
  const errors: RowError[] = [];
  for (const r of records) {
    if (r.school && !known.schools.has(r.school)) {
      errors.push({ row: r.row, field: "Код школы", code: "unknown_school", message: `Школа с кодом ${quote(r.school)} не найдена в регионе` });
    }
    if (r.year !== undefined && known.currentYear !== undefined && r.year > known.currentYear) {
      errors.push({ row: r.row, field: "Год", code: "invalid_value", message: `Год ${r.year} вне допустимого диапазона: результатов позже ${known.currentYear} года ещё нет` });
    }
  }
  return errors;
}

/** The key of a complete record, as stored. */
export const recordKey = (r: ExamRecord): string | undefined =>
  r.school && r.year !== undefined && r.exam && r.subject && r.grade !== undefined
    ? examKey({ school: r.school, year: r.year, exam: r.exam, subject: r.subject, grade: r.grade }) : undefined;

/** Shares are stored as 0–1; empty cells stay undefined so that the stored value is kept. */
export function examValues(r: ExamRecord, createdBy: string) {
  return {
    school_id: r.school!, year: r.year!, exam: r.exam!, subject: r.subject!, grade: r.grade!, participants: r.participants!,
    mean_score: r.meanScore ?? null, share_failed: r.shareFailed === undefined ? null : r.shareFailed / 100,
    share_high: r.shareHigh === undefined ? null : r.shareHigh / 100, created_by: createdBy,
  };
}
