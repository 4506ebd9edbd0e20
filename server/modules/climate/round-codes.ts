// How many codes a climate round prints and for which classes: class names as schools write them, spread evenly. Pure.

export const MAX_CODES_PER_REQUEST = 2000;
export const MAX_CLASSES = 60;

/** Latin letters that people type for their Cyrillic twins in «7А», «8В», «10С». */
const LATIN_TWINS: Record<string, string> = { A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х", Y: "У" };

/**
 * A class name in one spelling: «7 а», «7-А», "7A" and «7 «А»» are all «7А»; «10-1» stays «10-1».
 * Grades 5–11 only: the students' questionnaire is written for them. Null when it is not a class.
 */
export function normalizeClassName(raw: string): string | null {
  const cleaned = raw.trim().toUpperCase().replace(/[\s"'«»„“”]/g, "").replace(/[A-Z]/g, (c) => LATIN_TWINS[c] ?? c).replace(/Ё/g, "Е");
  const lettered = /^(\d{1,2})-?([А-Я]{1,2})$/.exec(cleaned);
  const numbered = /^(\d{1,2})-(\d{1,2})$/.exec(cleaned);
  const bare = /^(\d{1,2})$/.exec(cleaned);
  const grade = Number((lettered ?? numbered ?? bare)?.[1]);
  if (!Number.isInteger(grade) || grade < 5 || grade > 11) return null;
  if (lettered) return `${grade}${lettered[2]}`;
  if (numbered) return `${grade}-${Number(numbered[2])}`;
  return String(grade);
}

export interface CodeRequest {
  classes?: string[] | undefined;
  /** All the codes; with classes, spread over them evenly. */
  codes?: number | undefined;
  /** With classes: this many for each. */
  codesPerClass?: number | undefined;
  /** Class by class: { "7А": 26, "7Б": 24 }. */
  classCodes?: Record<string, number> | undefined;
}

export interface CodePlanPart { className: string | null; count: number }
export type CodePlan = { ok: true; parts: CodePlanPart[]; total: number } | { ok: false; message: string };

const fail = (message: string): CodePlan => ({ ok: false, message });
const isCount = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1;

/**
 * The codes to print, per class, from what a request asks. Exactly one of `codes`, `codesPerClass`
 * and `classCodes`; classes only where the audience has them (students).
 */
export function planCodes(request: CodeRequest, classesAllowed: boolean): CodePlan {
  const ways = [request.codes, request.codesPerClass, request.classCodes].filter((w) => w !== undefined).length;
  if (ways === 0) return fail("Укажите, сколько кодов напечатать");
  if (ways > 1) return fail("Укажите число кодов одним способом: всего (codes), на каждый класс (codesPerClass) или по классам (classCodes)");
  const named = request.classCodes ? Object.keys(request.classCodes) : request.classes ?? [];
  if (named.length > 0 && !classesAllowed) return fail("Классы указываются только для анкеты обучающихся");
  if (named.length > MAX_CLASSES) return fail(`Не больше ${MAX_CLASSES} классов в одном опросе`);

  const classes: string[] = [];
  for (const raw of named) {
    const name = normalizeClassName(raw);
    if (!name) return fail(`«${raw.slice(0, 20)}» — не класс: напишите номер с 5 по 11 и букву, например «7А»`);
    if (classes.includes(name)) return fail(`Класс ${name} указан дважды`);
    classes.push(name);
  }

  let parts: CodePlanPart[];
  if (request.classCodes) {
    const counts = Object.values(request.classCodes);
    if (!counts.every(isCount)) return fail("Число кодов для класса — целое, не меньше 1");
    parts = classes.map((className, i) => ({ className, count: counts[i]! }));
  } else if (request.codesPerClass !== undefined) {
    if (!isCount(request.codesPerClass)) return fail("Число кодов на класс — целое, не меньше 1");
    if (classes.length === 0) return fail("Чтобы выдать коды на каждый класс, перечислите классы");
    parts = classes.map((className) => ({ className, count: request.codesPerClass! }));
  } else {
    const total = request.codes!;
    if (!isCount(total)) return fail("Число кодов — целое, не меньше 1");
    if (classes.length === 0) parts = [{ className: null, count: total }];
    else {
      if (total < classes.length) return fail(`Кодов (${total}) меньше, чем классов (${classes.length}): каждому классу нужен хотя бы один`);
      const base = Math.floor(total / classes.length);
      const extra = total % classes.length;
      parts = classes.map((className, i) => ({ className, count: base + (i < extra ? 1 : 0) }));
    }
  }
  const total = parts.reduce((s, p) => s + p.count, 0);
  if (total > MAX_CODES_PER_REQUEST) return fail(`За один раз можно выдать не больше ${MAX_CODES_PER_REQUEST} кодов, а запрошено ${total}`);
  return { ok: true, parts, total };
}

/** Classes in the order schools list them: by grade, then by letter or number. */
export function sortClasses(names: Iterable<string>): string[] {
  const collator = new Intl.Collator("ru", { numeric: true });
  return [...new Set(names)].sort(collator.compare);
}
