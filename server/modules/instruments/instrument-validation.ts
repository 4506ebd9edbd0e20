// Pure checks of an instrument definition against the format of docs/instruments.md and the catalogues.
import {
  AUDIENCES, INSTRUMENT_KINDS, SUBJECT_CODES,
  type Catalogues, type InstrumentDefinition, type SurveyElementJson,
} from "./instrument.types.js";
import { isScored, itemValue, itemValues, questionsOf, walkElements } from "./survey-walk.js";

export interface Problem {
  file: string;
  question?: string;
  message: string;
}

const KEYED_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "text", "ranking", "matrix", "boolean"]);
const PARTIAL_TYPES = new Set(["checkbox", "ranking", "matrix"]);

/** Minimums the instrument library promises (issue #3); the checker enforces them per kind. */
export const LIBRARY_MINIMUMS = Object.freeze({
  subjectItems: 30, subjectTopicsMin: 6, subjectTopicsMax: 8, methodItems: 10,
  leaderDomains: 8, leaderIndicatorsPerDomain: 5, leaderCases: 10,
  scaleItemsMin: 3, scaleItemsMax: 6,
  /** Test-wise respondents pick the longest option: the key may not stand out by length. */
  keyLengthRatioMax: 1.5, keyLongestShareMax: 0.4, lengthCheckMinChars: 25,
});

export function validateInstrument(raw: unknown, file: string, catalogues: Catalogues): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string, question?: string) => problems.push(question ? { file, question, message } : { file, message });
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    fail("файл должен содержать JSON-объект инструмента");
    return problems;
  }
  const def = raw as InstrumentDefinition;
  const expectedId = file.replace(/^.*[\\/]/, "").replace(/\.json$/, "");
  if (def.id !== expectedId) fail(`id "${String(def.id)}" не совпадает с именем файла "${expectedId}"`);
  if (!Number.isInteger(def.version) || def.version < 1) fail("version должен быть целым числом ≥ 1");
  if (!INSTRUMENT_KINDS.includes(def.kind)) fail(`kind "${String(def.kind)}" не из списка ${INSTRUMENT_KINDS.join(", ")}`);
  if (!Array.isArray(def.audience) || def.audience.length === 0 || def.audience.some((a) => !AUDIENCES.includes(a))) {
    fail(`audience должен быть непустым списком из ${AUDIENCES.join(", ")}`);
  }
  if (typeof def.title !== "string" || def.title.trim() === "") fail("нет title");
  if (def.kind === "subject-test") {
    if (!SUBJECT_CODES.includes(def.subject as never)) fail(`subject "${String(def.subject)}" не из списка предметов`);
    else if (def.id !== `subject-${def.subject}`) fail(`id предметного теста должен быть subject-${def.subject}`);
    if (def.timeLimitMinutes === undefined) fail("у предметного теста должен быть timeLimitMinutes");
  }
  if (def.timeLimitMinutes !== undefined && !(Number.isFinite(def.timeLimitMinutes) && def.timeLimitMinutes > 0 && def.timeLimitMinutes <= 600)) {
    fail("timeLimitMinutes должен быть числом от 1 до 600");
  }
  if (def.levels !== undefined) {
    const { partial, proficient } = def.levels;
    if (!(partial > 0 && partial < proficient && proficient <= 100)) fail("levels: нужно 0 < partial < proficient ≤ 100");
  }
  if (!def.survey || !Array.isArray(def.survey.pages) || def.survey.pages.length === 0) {
    fail("survey.pages должен быть непустым списком страниц");
    return problems;
  }
  if (def.survey.locale !== undefined && def.survey.locale !== "ru") fail('survey.locale должен быть "ru"');

  const names = new Set<string>();
  for (const { element } of walkElements(def.survey)) {
    if (typeof element.name !== "string" || element.name === "") {
      if (element.type !== "html") fail(`элемент типа ${String(element.type)} без name`);
      continue;
    }
    if (names.has(element.name)) fail("имя вопроса повторяется", element.name);
    names.add(element.name);
  }

  const competencies = new Map(catalogues.competencies.map((c) => [c.id, c]));
  const laborActions = new Set(catalogues.laborActions.map((l) => l.code));
  for (const question of questionsOf(def.survey)) {
    for (const message of questionProblems(question, def, competencies, laborActions)) fail(message, question.name);
  }
  problems.push(...kindProblems(def, file));
  return problems;
}

function questionProblems(
  q: SurveyElementJson, def: InstrumentDefinition,
  competencies: Map<string, Catalogues["competencies"][number]>, laborActions: Set<string>,
): string[] {
  const out: string[] = [];
  if (!isScored(q)) {
    if (q.competency !== undefined || q.points !== undefined) out.push("у вопроса есть competency или points, но нет ключа (correctAnswer, choiceScores или scoring: scale)");
    return out;
  }
  if (def.kind === "climate") out.push("в анкете климата не бывает ключей и баллов");
  const competency = typeof q.competency === "string" ? competencies.get(q.competency) : undefined;
  if (!competency) out.push(`competency "${String(q.competency)}" нет в catalog/competencies.json`);
  else if (def.kind === "subject-test" && competency.area === "subject" && competency.subject !== def.subject) {
    out.push(`тема "${competency.id}" относится к другому предмету`);
  } else if (def.kind === "subject-test" && competency.area === "leadership") {
    out.push("в предметном тесте не бывает управленческих компетенций");
  }
  if (competency?.area === "method") {
    if (typeof q.laborAction !== "string") out.push("методическому заданию нужен laborAction");
    else if (!laborActions.has(q.laborAction)) out.push(`laborAction "${q.laborAction}" нет в catalog/labor-actions.json`);
  }
  if (q.points !== undefined && !(typeof q.points === "number" && q.points > 0 && q.points <= 10)) out.push("points должен быть числом от 0 до 10");
  if (q.scoring !== undefined && q.scoring !== "partial" && q.scoring !== "scale") out.push(`scoring "${String(q.scoring)}" не поддерживается`);
  if (q.scoring === "partial" && !PARTIAL_TYPES.has(q.type)) out.push(`частичный балл возможен только для ${[...PARTIAL_TYPES].join(", ")}`);

  const choices = itemValues(q.choices);
  if (q.scoring === "scale") {
    if (q.type !== "radiogroup" && q.type !== "rating") out.push("scoring: scale только для radiogroup или rating");
    const levels = q.type === "rating" ? itemValues((q.rateValues as unknown[]) ?? []) : choices;
    if (levels.length < 2 || levels.some((v) => typeof v !== "number")) out.push("уровни самооценки должны быть числами (не меньше двух)");
    if (q.correctAnswer !== undefined || q.choiceScores !== undefined) out.push("у самооценки не бывает ключа");
    return out;
  }
  if (q.choiceScores !== undefined) {
    if (q.type !== "radiogroup" && q.type !== "dropdown") out.push("choiceScores только для radiogroup или dropdown");
    if (q.correctAnswer !== undefined) out.push("нужен либо correctAnswer, либо choiceScores, не оба");
    const scores = q.choiceScores;
    const keys = Object.keys(scores);
    const values = Object.values(scores);
    if (choices.length !== keys.length || !choices.every((c) => keys.includes(String(c)))) out.push("choiceScores должны давать балл каждому варианту ответа");
    if (values.some((v) => typeof v !== "number" || v < 0)) out.push("баллы в choiceScores должны быть неотрицательными числами");
    const max = Math.max(...values);
    if (!(max > 0)) out.push("в choiceScores нужен хотя бы один вариант с баллом больше нуля");
    else if (values.filter((v) => v === max).length !== 1) out.push("лучший вариант в choiceScores должен быть один");
    return out;
  }
  if (!KEYED_TYPES.has(q.type)) {
    out.push(`тип ${q.type} не поддерживает ключ`);
    return out;
  }
  out.push(...keyProblems(q, choices));
  return out;
}

function keyProblems(q: SurveyElementJson, choices: unknown[]): string[] {
  const key = q.correctAnswer;
  const has = (v: unknown) => choices.some((c) => c === v);
  switch (q.type) {
    case "radiogroup":
    case "dropdown":
      if (choices.length < 2) return ["нужно не меньше двух вариантов ответа"];
      return has(key) ? [] : [`ключ ${JSON.stringify(key)} не входит в варианты ответа`];
    case "checkbox": {
      if (!Array.isArray(key) || key.length === 0) return ["ключ множественного выбора должен быть непустым списком"];
      if (new Set(key).size !== key.length) return ["в ключе повторяются значения"];
      const missing = key.filter((v) => !has(v));
      if (missing.length) return [`значения ключа ${JSON.stringify(missing)} не входят в варианты ответа`];
      return key.length === choices.length ? ["ключ включает все варианты: задание ничего не проверяет"] : [];
    }
    case "ranking": {
      if (!Array.isArray(key)) return ["ключ ранжирования должен быть списком"];
      const isPermutation = key.length === choices.length && new Set(key).size === key.length && key.every(has);
      return isPermutation ? [] : ["ключ ранжирования должен содержать все варианты ровно по одному разу"];
    }
    case "matrix": {
      const rows = itemValues(q.rows);
      const columns = itemValues(q.columns);
      if (key === null || typeof key !== "object" || Array.isArray(key)) return ["ключ сопоставления должен быть объектом { строка: столбец }"];
      const map = key as Record<string, unknown>;
      const out: string[] = [];
      if (rows.length < 2) out.push("в сопоставлении нужно не меньше двух строк");
      for (const row of rows) {
        if (!(String(row) in map)) out.push(`в ключе нет строки ${JSON.stringify(row)}`);
        else if (!columns.includes(map[String(row)])) out.push(`для строки ${JSON.stringify(row)} указан несуществующий столбец`);
      }
      for (const row of Object.keys(map)) if (!rows.map(String).includes(row)) out.push(`в ключе лишняя строка ${JSON.stringify(row)}`);
      return out;
    }
    case "text": {
      const ok = (v: unknown) => (typeof v === "string" && v.trim() !== "") || (typeof v === "number" && Number.isFinite(v));
      const out: string[] = [];
      if (!ok(key)) out.push("ключ текстового ответа должен быть непустой строкой или числом");
      if (q.acceptedAnswers !== undefined && (!Array.isArray(q.acceptedAnswers) || !q.acceptedAnswers.every(ok))) {
        out.push("acceptedAnswers должен быть списком непустых строк или чисел");
      }
      return out;
    }
    case "boolean":
      return typeof key === "boolean" ? [] : ["ключ вопроса «да/нет» должен быть true или false"];
    default:
      return [];
  }
}

function kindProblems(def: InstrumentDefinition, file: string): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ file, message });
  const scored = questionsOf(def.survey).filter(isScored);
  const m = LIBRARY_MINIMUMS;
  if (def.kind === "subject-test") {
    const subjectItems = scored.filter((q) => typeof q.competency === "string" && q.competency.startsWith(`${def.subject}.`));
    const methodItems = scored.filter((q) => typeof q.competency === "string" && q.competency.startsWith("method."));
    const topics = new Set(subjectItems.map((q) => q.competency));
    if (subjectItems.length < m.subjectItems) fail(`предметных заданий ${subjectItems.length}, нужно не меньше ${m.subjectItems}`);
    if (topics.size < m.subjectTopicsMin || topics.size > m.subjectTopicsMax) fail(`тем ${topics.size}, нужно от ${m.subjectTopicsMin} до ${m.subjectTopicsMax}`);
    if (methodItems.length < m.methodItems) fail(`методических заданий ${methodItems.length}, нужно не меньше ${m.methodItems}`);
  }
  if (def.kind === "leader") {
    const indicators = new Map<string, number>();
    for (const q of scored) if (q.scoring === "scale") indicators.set(String(q.competency), (indicators.get(String(q.competency)) ?? 0) + 1);
    const fullDomains = [...indicators.values()].filter((n) => n >= m.leaderIndicatorsPerDomain).length;
    if (fullDomains < m.leaderDomains) fail(`областей с ${m.leaderIndicatorsPerDomain}+ индикаторами ${fullDomains}, нужно не меньше ${m.leaderDomains}`);
    const cases = scored.filter((q) => q.choiceScores !== undefined).length;
    if (cases < m.leaderCases) fail(`ситуационных кейсов ${cases}, нужно не меньше ${m.leaderCases}`);
  }
  if (def.kind === "subject-test" || def.kind === "leader") problems.push(...lengthCueProblems(def, file, scored));
  if (def.kind === "climate") problems.push(...scaleProblems(def, file));
  if (def.kind === "conditions") {
    const declared = new Set((def.indicators ?? []).map((i) => i.id));
    for (const q of questionsOf(def.survey)) {
      if (q.indicator !== undefined && !declared.has(String(q.indicator))) problems.push({ file, question: q.name, message: `индикатор "${String(q.indicator)}" не объявлен в indicators` });
    }
  }
  return problems;
}

/** The key of a single-choice item must not be findable by being the longest option. */
function lengthCueProblems(def: InstrumentDefinition, file: string, scored: SurveyElementJson[]): Problem[] {
  const m = LIBRARY_MINIMUMS;
  const problems: Problem[] = [];
  let considered = 0;
  let keyLongest = 0;
  for (const q of scored) {
    if ((q.type !== "radiogroup" && q.type !== "dropdown") || !Array.isArray(q.choices) || q.choices.length < 3) continue;
    const best = q.choiceScores ? Object.entries(q.choiceScores).sort((a, b) => b[1] - a[1])[0]?.[0] : q.correctAnswer;
    const lengths = q.choices.map((c) => ({
      value: String(itemValue(c)),
      length: String(c !== null && typeof c === "object" && "text" in c ? (c as { text: unknown }).text : c).trim().length,
    }));
    const key = lengths.find((l) => l.value === String(best));
    const others = lengths.filter((l) => l !== key).map((l) => l.length);
    if (!key || Math.max(key.length, ...others) < m.lengthCheckMinChars) continue;
    considered++;
    const longestOther = Math.max(...others);
    if (key.length > longestOther) keyLongest++;
    if (key.length > m.keyLengthRatioMax * longestOther) {
      problems.push({ file, question: q.name, message: `ключ длиннее любого другого варианта в ${(key.length / longestOther).toFixed(1)} раза: длина выдаёт ответ` });
    }
  }
  if (considered >= 5 && keyLongest / considered > m.keyLongestShareMax) {
    problems.push({ file, message: `ключ — самый длинный вариант в ${keyLongest} из ${considered} заданий с выбором ответа (допустимо не больше ${Math.round(m.keyLongestShareMax * 100)}%)` });
  }
  return problems;
}

function scaleProblems(def: InstrumentDefinition, file: string): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string, question?: string) => problems.push(question ? { file, question, message } : { file, message });
  if (def.anonymous !== true) fail("анкета климата должна быть анонимной (anonymous: true)");
  if (!def.bands || !(def.bands.partly > 0 && def.bands.partly < def.bands.favourable && def.bands.favourable <= 100)) {
    fail("bands: нужно 0 < partly < favourable ≤ 100");
  }
  const scales = def.scales ?? [];
  if (scales.length === 0) fail("у анкеты климата нет шкал (scales)");
  const questions = new Map(questionsOf(def.survey).map((q) => [q.name, q]));
  const owner = new Map<string, string>();
  for (const scale of scales) {
    if (!Array.isArray(scale.items) || !Array.isArray(scale.reversed)) {
      fail(`шкала ${scale.id}: нужны списки items и reversed`);
      continue;
    }
    const m = LIBRARY_MINIMUMS;
    if (scale.items.length < m.scaleItemsMin || scale.items.length > m.scaleItemsMax) fail(`шкала ${scale.id}: ${scale.items.length} пунктов, нужно от ${m.scaleItemsMin} до ${m.scaleItemsMax}`);
    for (const name of scale.items) {
      const q = questions.get(name);
      if (!q) fail(`шкала ${scale.id}: нет вопроса ${name}`);
      else if (!isLikert(q)) fail(`шкала ${scale.id}: вариантами ответа должны быть числа 1–4 (и, возможно, "na")`, name);
      if (owner.has(name)) fail(`пункт входит в две шкалы: ${owner.get(name)} и ${scale.id}`, name);
      owner.set(name, scale.id);
    }
    for (const name of scale.reversed) if (!scale.items.includes(name)) fail(`шкала ${scale.id}: обратный пункт ${name} не входит в items`);
  }
  for (const [name, q] of questions) if (isLikert(q) && !owner.has(name)) fail("пункт с вариантами 1–4 не входит ни в одну шкалу", name);
  return problems;
}

export function isLikert(q: SurveyElementJson): boolean {
  const values = itemValues(q.choices).filter((v) => v !== "na");
  return (q.type === "radiogroup" || q.type === "dropdown") && values.length === 4 && [1, 2, 3, 4].every((v) => values.includes(v));
}

/** Course catalogue: well-formed entries, and every competency any instrument uses is addressed by a course. */
export function validateCatalogues(catalogues: Catalogues, instruments: InstrumentDefinition[], file = "surveys/catalog/courses.json"): Problem[] {
  const problems: Problem[] = [];
  const competencyIds = new Set(catalogues.competencies.map((c) => c.id));
  const seen = new Set<string>();
  for (const c of catalogues.competencies) {
    if (seen.has(c.id)) problems.push({ file: "surveys/catalog/competencies.json", message: `компетенция ${c.id} повторяется` });
    seen.add(c.id);
  }
  const courseIds = new Set<string>();
  const addressed = new Set<string>();
  for (const course of catalogues.courses) {
    const fail = (message: string) => problems.push({ file, question: course.id, message });
    if (courseIds.has(course.id)) fail("id курса повторяется");
    courseIds.add(course.id);
    if (!(Number.isInteger(course.hours) && course.hours >= 16 && course.hours <= 72)) fail("объём курса должен быть от 16 до 72 часов");
    if (!["in-person", "distance", "blended", "internship"].includes(course.format)) fail(`формат "${course.format}" не из списка`);
    if (!Array.isArray(course.audience) || course.audience.length === 0) fail("нет audience");
    if (course.subjects?.some((s) => !SUBJECT_CODES.includes(s))) fail("неизвестный предмет в subjects");
    if (!Array.isArray(course.competencies) || course.competencies.length === 0) fail("курс не адресует ни одной компетенции");
    for (const id of course.competencies ?? []) {
      if (!competencyIds.has(id)) fail(`компетенции ${id} нет в каталоге`);
      addressed.add(id);
    }
    if (typeof course.title !== "string" || !course.title.trim()) fail("нет title");
  }
  for (const def of instruments) {
    const used = new Set(questionsOf(def.survey).filter(isScored).map((q) => String(q.competency)));
    for (const id of used) {
      if (competencyIds.has(id) && !addressed.has(id)) problems.push({ file, message: `компетенцию ${id} (из ${def.id}) не адресует ни один курс` });
    }
  }
  return problems;
}
