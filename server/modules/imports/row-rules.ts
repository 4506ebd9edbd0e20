// Rules every import cell obeys (no formulas, no markup, not too long) and the words people write for codes. Pure.
import { SUBJECT_CODES, type SubjectCode } from "../instruments/instrument.types.js";

export type RowErrorCode =
  | "missing_field" | "unknown_school" | "unknown_municipality" | "duplicate_person" | "duplicate_code" | "malformed_email"
  | "unknown_subject" | "unknown_role" | "forbidden_role" | "formula_in_cell" | "markup_in_cell" | "too_long"
  | "invalid_value" | "taken_code" | "email_taken" | "staff_account";

export interface RowError { row: number; field?: string; code: RowErrorCode; message: string }

export const MAX_CELL_LENGTH = 300;

/** A cell a spreadsheet would run: = + - @ at the start (OWASP's CSV injection list). */
export const looksLikeFormula = (text: string): boolean => /^[=+\-@]/.test(text);
/** A telephone number starts with + legitimately: "+7 (912) 345-67-89" is data, not a formula. */
export const isPhoneLike = (text: string): boolean => /^\+?[\d\s()\-–]{5,40}$/.test(text) && (text.match(/\d/g) ?? []).length >= 5;
/** HTML or XML tags and comments as a browser reads them: <script>, <b>, </p>, <img src=x>, <!-- -->; «<Ромашка>» and "a < b > c" are not. */
export const hasMarkup = (text: string): boolean => /<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>|<!--|<!\[CDATA\[|<\?[a-z]/i.test(text);

/** A short, printable quote of a value for a message. */
export const quote = (value: string): string => `«${value.length > 60 ? `${value.slice(0, 57)}…` : value}»`;

/**
 * The checks of any cell, before its meaning: returns the error, or null when the text may be read.
 * `formula` is true when the workbook stores a formula in the cell.
 */
export function cellProblem(text: string, formula: boolean, allowPhone = false): Pick<RowError, "code" | "message"> | null {
  if (formula) return { code: "formula_in_cell", message: `В ячейке формула${text ? ` (результат ${quote(text)})` : ""}: замените её значением` };
  if (looksLikeFormula(text) && !(allowPhone && isPhoneLike(text))) {
    return { code: "formula_in_cell", message: `Значение ${quote(text)} начинается с ${quote(text[0]!)} и будет выполнено как формула: уберите этот знак` };
  }
  if (hasMarkup(text)) return { code: "markup_in_cell", message: `В значении ${quote(text)} есть разметка (теги вида <…>): оставьте только текст` };
  if (text.length > MAX_CELL_LENGTH) return { code: "too_long", message: `Значение длиннее ${MAX_CELL_LENGTH} символов (${text.length})` };
  return null;
}

/** Lower case, ё as е, single spaces: how dictionary words are compared. */
export const wordKey = (text: string): string => text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();

/** "a; b, c" → ["a", "b", "c"], without empties or repeats. */
export const splitList = (text: string): string[] => [...new Set(text.split(/[;,]/).map((s) => s.trim()).filter(Boolean))];

const YES = new Set(["да", "д", "yes", "y", "true", "истина", "1", "x", "х", "v"]);
const NO = new Set(["нет", "н", "no", "n", "false", "ложь", "0"]);
/** да/нет, yes/no, 1/0, TRUE/FALSE; null when it is none of these. */
export function parseYesNo(text: string): boolean | null {
  const key = wordKey(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

export const LOCALITIES: Record<string, "city" | "town" | "rural"> = {
  город: "city", city: "city", городская: "city", "городская местность": "city",
  поселок: "town", "поселок городского типа": "town", пгт: "town", town: "town", "рабочий поселок": "town",
  село: "rural", деревня: "rural", сельская: "rural", "сельская местность": "rural", станица: "rural", аул: "rural", rural: "rural",
};

export const CLUSTERS: Record<string, string> = {
  "low-results": "Низкие результаты", unfavourable: "Неблагоприятные социальные условия", "special-needs": "Обучающиеся с ОВЗ",
  "non-native": "Неродной русский язык", "math-teaching": "Преподавание математики", "russian-teaching": "Преподавание русского языка",
};
const CLUSTER_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CLUSTERS).flatMap(([code, title]) => [[code, code], [wordKey(title), code]])),
  шнор: "low-results", ссу: "unfavourable", овз: "special-needs", "дети с овз": "special-needs", инофоны: "non-native", "дети-инофоны": "non-native",
};
export const clusterCode = (text: string): string | undefined => CLUSTER_WORDS[wordKey(text)];

export const SUBJECT_NAMES: Record<SubjectCode, string> = {
  russian: "русский язык", literature: "литература", math: "математика", physics: "физика", chemistry: "химия", biology: "биология",
  geography: "география", history: "история", social: "обществознание", informatics: "информатика", english: "английский язык",
};
const SUBJECT_WORDS: Record<string, SubjectCode> = {
  ...Object.fromEntries(SUBJECT_CODES.flatMap((code) => [[code, code], [SUBJECT_NAMES[code], code]])),
  русский: "russian", алгебра: "math", геометрия: "math", "алгебра и геометрия": "math", "информатика и икт": "informatics",
  английский: "english", "иностранный язык (английский)": "english", "история россии": "history", "всеобщая история": "history",
};
export const subjectCode = (text: string): SubjectCode | undefined => SUBJECT_WORDS[wordKey(text)];

export type ImportedRole = "teacher" | "principal" | "mentor";
const ROLE_WORDS: Record<string, ImportedRole> = {
  учитель: "teacher", педагог: "teacher", teacher: "teacher",
  директор: "principal", руководитель: "principal", principal: "principal",
  наставник: "mentor", mentor: "mentor",
};
/** Roles that give staff rights: a file of staff must never grant them. */
const STAFF_WORDS = new Set([
  "методист", "methodologist", "администратор", "админ", "admin", "administrator",
  "координатор", "муниципальный координатор", "municipal", "сотрудник института",
]);
export const roleCode = (text: string): ImportedRole | "forbidden" | undefined =>
  ROLE_WORDS[wordKey(text)] ?? (STAFF_WORDS.has(wordKey(text)) ? "forbidden" : undefined);

/**
 * An address a mail server would take: something@domain.tld, Cyrillic domains included (почта.рф);
 * no spaces, no second @, no empty labels.
 */
export function isEmail(text: string): boolean {
  if (text.length > 254) return false;
  return /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}$/u.test(text)
    && !text.startsWith(".") && !text.includes("..") && !text.split("@")[0]!.endsWith(".");
}

/** Codes of municipalities and schools travel in addresses (/api/schools/:id): Latin letters, digits, - _ . : only. */
export const isCode = (text: string): boolean => /^[A-Za-z0-9_.:-]{1,100}$/.test(text);
