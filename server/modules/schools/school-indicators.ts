// The conditions card's indicators: from the card's definition and a principal's answers to numbers, by documented scales. Pure.
import type { InstrumentDefinition, SurveyElementJson } from "../instruments/instrument.types.js";
import { itemValues, questionsOf } from "../instruments/survey-walk.js";

export type IndicatorDirection = "risk" | "resource" | "context";

export interface SchoolIndicator {
  id: string;
  title: string;
  unit?: string;
  direction: IndicatorDirection;
  /** Null: not answered (or an answer outside the question's range), never a guess. */
  value: number | null;
}

/**
 * Categorical answers as numbers (docs/school-index.md, «Показатели карты условий»). Resources grow
 * with the better answer, risks with the worse one.
 */
export const CATEGORY_SCORES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  library: { "reading-room-online": 3, "reading-room": 2, "lending-only": 1, none: 0 },
  "sports-hall": { own: 2, shared: 1, none: 0 },
  canteen: { "full-kitchen": 2, serving: 1, none: 0 },
  /** Toilets only; sanitation adds 1 for hot water (0–3 in all). */
  sanitation: { indoor: 2, "partly-outdoor": 1, outdoor: 0 },
  "capital-repair": { none: 0, partial: 1, capital: 2, emergency: 3 },
  rural: { city: 0, "urban-settlement": 0.5, rural: 1 },
  /** Transport organised for all who need it 0, for some 1, for none 2; nobody needs it 0. */
  "transport-gap": { all: 0, partial: 1, none: 2 },
};

/** Questions the derived indicators read by name: they carry no indicator of their own. */
const TEACHERS = "sc-teachers";
const STUDENTS = "sc-students";
const TEACHERS_LEFT = "sc-teachers-left";
const TRANSPORT_NEEDED = "sc-transport-needed";

type Answers = Readonly<Record<string, unknown>>;

/** A number as SurveyJS stores it (a number, or text with a comma or a point); null when it is not a non-negative number. */
export function answerNumber(raw: unknown): number | null {
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+([.,]\d+)?\s*$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : null;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const share = (part: number | null, whole: number | null) => (part === null || !whole ? null : round(Math.min(100, (100 * part) / whole)));

function choiceCount(question: SurveyElementJson): number {
  return itemValues(question.choices).filter((v) => v !== "none").length;
}

function checked(answers: Answers, question: SurveyElementJson): string[] | null {
  const raw = answers[question.name];
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw.map(String).filter((v) => v !== "none");
}

/** One indicator's value from the questions that carry it. */
function indicatorValue(id: string, questions: SurveyElementJson[], answers: Answers, all: ReadonlyMap<string, SurveyElementJson>): number | null {
  const first = questions[0];
  if (!first) return null;
  const raw = answers[first.name];
  switch (id) {
    case "specialists-missing": {
      const present = checked(answers, first);
      return present === null ? null : Math.max(0, choiceCount(first) - present.length);
    }
    case "specialists-uncovered": {
      // Each network question is about one specialist (its visibleIf names them) and is asked when they are absent.
      const staff = [...all.values()].find((q) => q.indicator === "specialists-missing");
      const present = staff ? checked(answers, staff) : null;
      if (present === null) return null;
      const asked = questions.filter((q) => {
        const specialist = /notcontains\s+'([^']+)'/.exec(String(q.visibleIf ?? ""))?.[1];
        return specialist === undefined || !present.includes(specialist);
      });
      // An absent specialist whose question is unanswered leaves the count unknown.
      if (asked.some((q) => typeof answers[q.name] !== "string")) return null;
      return asked.filter((q) => answers[q.name] === "none").length;
    }
    case "science-labs": return checked(answers, first)?.length ?? null;
    case "computers-per-student": {
      const computers = answerNumber(raw);
      const students = answerNumber(answers[STUDENTS]);
      return computers === null || !students ? null : round(computers / students, 3);
    }
    case "sanitation": {
      const toilets = questions.find((q) => q.type === "radiogroup");
      const water = questions.find((q) => q.type === "boolean");
      const place = toilets ? CATEGORY_SCORES.sanitation![String(answers[toilets.name])] : undefined;
      const hot = water ? answers[water.name] : undefined;
      return place === undefined || typeof hot !== "boolean" ? null : place + (hot ? 1 : 0);
    }
    case "transport-gap": {
      const needed = answers[TRANSPORT_NEEDED];
      if (needed === false) return 0;
      if (needed !== true && all.has(TRANSPORT_NEEDED)) return null;
      return CATEGORY_SCORES["transport-gap"]![String(raw)] ?? null;
    }
  }
  const scale = CATEGORY_SCORES[id];
  if (scale) return scale[String(raw)] ?? null;
  if (first.type === "boolean") return typeof raw === "boolean" ? (raw ? 1 : 0) : null;
  const value = answerNumber(raw);
  // A share outside 0–100 is a slip, not a fact: it counts as not answered.
  if (value !== null && typeof first.max === "number" && value > first.max) return null;
  return value;
}

/** Indicators the card does not ask for but its answers give: staffing rates, and the registers together. */
export const DERIVED_INDICATORS: ReadonlyArray<Omit<SchoolIndicator, "value">> = [
  { id: "teachers", title: "Число учителей", unit: "чел.", direction: "context" },
  { id: "students", title: "Число обучающихся", unit: "чел.", direction: "context" },
  { id: "vacancy-rate", title: "Вакантные ставки на 100 учителей", unit: "%", direction: "risk" },
  { id: "out-of-specialty-share", title: "Доля учителей, ведущих предмет не по специальности", unit: "%", direction: "risk" },
  { id: "turnover-rate", title: "Доля учителей, уволившихся за прошлый учебный год", unit: "%", direction: "risk" },
  { id: "staffing-gap", title: "Доля учительских ставок без специалиста (вакансии и работа не по специальности)", unit: "%", direction: "risk" },
  { id: "registers", title: "Доля обучающихся на учёте (внутришкольном или в ПДН, бóльшая из двух)", unit: "%", direction: "risk" },
];

interface CardLayout { byName: Map<string, SurveyElementJson>; byIndicator: Map<string, SurveyElementJson[]> }
/** A region reads a thousand cards of one definition: its questions are walked once. */
const layouts = new WeakMap<InstrumentDefinition, CardLayout>();

function layoutOf(definition: InstrumentDefinition): CardLayout {
  let layout = layouts.get(definition);
  if (!layout) {
    const questions = questionsOf(definition.survey);
    const byIndicator = new Map<string, SurveyElementJson[]>();
    for (const q of questions) {
      if (typeof q.indicator === "string") byIndicator.set(q.indicator, [...(byIndicator.get(q.indicator) ?? []), q]);
    }
    layout = { byName: new Map(questions.map((q) => [q.name, q])), byIndicator };
    layouts.set(definition, layout);
  }
  return layout;
}

/**
 * Every indicator of a card: those its definition lists, in its order, then the derived ones.
 * Answers are the stored ones of a submitted attempt (attempts.data).
 */
export function conditionsIndicators(definition: InstrumentDefinition, answers: Answers): SchoolIndicator[] {
  const { byName, byIndicator } = layoutOf(definition);
  const out: SchoolIndicator[] = (definition.indicators ?? []).map((d) => ({
    id: d.id, title: d.title, ...(d.unit ? { unit: d.unit } : {}), direction: d.direction,
    value: indicatorValue(d.id, byIndicator.get(d.id) ?? [], answers, byName),
  }));
  const value = (id: string) => out.find((i) => i.id === id)?.value ?? null;
  const teachers = answerNumber(answers[TEACHERS]);
  const vacancies = value("vacancies");
  const outOfSpecialty = value("out-of-specialty");
  const school = value("share-school-register");
  const police = value("share-police-register");
  const derived: Record<string, number | null> = {
    teachers: teachers || null,
    students: answerNumber(answers[STUDENTS]) || null,
    "vacancy-rate": share(vacancies, teachers),
    "out-of-specialty-share": share(outOfSpecialty, teachers),
    "turnover-rate": share(answerNumber(answers[TEACHERS_LEFT]), teachers),
    "staffing-gap": vacancies === null || outOfSpecialty === null || !teachers ? null : share(vacancies + outOfSpecialty, teachers + vacancies),
    // The registers overlap (a student on the police register is as a rule on the school's too): the larger share is a floor of either.
    registers: school === null || police === null ? null : Math.max(school, police),
  };
  for (const d of DERIVED_INDICATORS) out.push({ ...d, value: derived[d.id] ?? null });
  return out;
}

/** Values by id, for the rules that read them. */
export const indicatorValues = (list: readonly SchoolIndicator[]): Map<string, number | null> => new Map(list.map((i) => [i.id, i.value]));
