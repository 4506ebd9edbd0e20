// The federal programme's eleven risk factors of a school: indicators from its data, a level by documented thresholds, reasons. Pure.
import type { ExamSummary } from "./exam-summary.js";
import { climateChecks, FactorBuilder, scaleScores, type RiskFactor } from "./risk-factor.js";
import { num, sharePct, type ClimateGroup, type LeaderResults, type TeacherFigures } from "./school-inputs.js";
import { SCHOOL_RULES, type SchoolRules } from "./school-thresholds.js";

export type { FactorLevel, RiskFactor, RiskLevel } from "./risk-factor.js";

export const RISK_FACTORS = [
  { id: "equipment", title: "Низкая оснащённость школы" },
  { id: "staff-shortage", title: "Дефицит педагогических кадров" },
  { id: "teacher-competence", title: "Недостаточная предметная и методическая компетентность педагогов" },
  { id: "adaptivity", title: "Низкая адаптивность учебного процесса" },
  { id: "professional-development", title: "Несформированность внутришкольной системы повышения квалификации" },
  { id: "failure-risk", title: "Высокая доля обучающихся с рисками учебной неуспешности" },
  { id: "language-barriers", title: "Низкое качество преодоления языковых и культурных барьеров" },
  { id: "environment", title: "Пониженный уровень качества школьной образовательной и воспитательной среды" },
  { id: "parent-involvement", title: "Низкий уровень вовлечённости родителей" },
  { id: "motivation", title: "Низкая учебная мотивация обучающихся" },
  { id: "special-needs", title: "Высокая доля обучающихся с ОВЗ" },
] as const;
export type RiskFactorId = (typeof RISK_FACTORS)[number]["id"];

export interface RiskInput {
  /** The card's indicators; null when the card is not filled. */
  indicators: ReadonlyMap<string, number | null> | null;
  exams: ExamSummary;
  teachers: TeacherFigures;
  /** The principal's latest leader self-assessment; null without one. */
  leader: LeaderResults | null;
  /** Climate groups shown (at or above the anonymity threshold); null or empty when there are none. */
  climate: readonly ClimateGroup[] | null;
}

const NO_CARD = "нет данных: карта условий не заполнена";
const NO_ANSWER = "нет данных: в карте условий нет ответа на этот вопрос";
const NO_EXAMS = "нет данных: результаты ВПР и ОГЭ по математике и русскому языку не загружены (или участников меньше 10)";
const NO_LEADER = "нет данных: руководитель не прошёл диагностику управленческих компетенций";
const DIFFERENTIATION = "method.differentiation";
/** The methodological competencies the factors read one by one (the repository counts these per school). */
export const COUNTED_METHODS: readonly string[] = [DIFFERENTIATION];

const card = (input: RiskInput, id: string) => input.indicators?.get(id) ?? null;
const noCardValue = (input: RiskInput) => (input.indicators ? NO_ANSWER : NO_CARD);

function noTeachers(t: TeacherFigures, min: number, what = "учителя"): string {
  return t.tested === 0 ? `нет данных: ${what} школы не прошли диагностику` : `нет данных: диагностику прошли ${t.tested} из ${t.total} учителей, нужно не меньше ${min}`;
}

function equipment(f: FactorBuilder, input: RiskInput, r: SchoolRules["risks"]["equipment"]): void {
  if (!input.indicators) { f.lack(NO_CARD); return; }
  const gaps: Array<{ id: string; title: string; gap: (v: number) => string | null }> = [
    { id: "internet-speed", title: "Скорость интернета, Мбит/с", gap: (v) => (v < r.internetMbps ? `интернет ${num(v)} Мбит/с (меньше ${r.internetMbps})` : null) },
    { id: "computers-per-student", title: "Компьютеров на обучающегося", gap: (v) => (v < r.computersPerStudent ? `${v.toFixed(2).replace(".", ",")} компьютера на обучающегося (меньше одного на ${Math.round(1 / r.computersPerStudent)})` : null) },
    { id: "science-labs", title: "Оснащённые кабинеты физики, химии, биологии (из 3)", gap: (v) => (v < r.scienceLabs ? `оснащено кабинетов физики, химии, биологии: ${v} из 3` : null) },
    { id: "library", title: "Библиотека (0 — нет, 3 — читальный зал с интернетом)", gap: (v) => (v <= 1 ? (v === 0 ? "нет библиотеки" : "в библиотеке нет читального зала") : null) },
    { id: "sports-hall", title: "Спортзал (0 — нет, 1 — чужой, 2 — свой)", gap: (v) => (v === 0 ? "нет спортивного зала" : null) },
    { id: "canteen", title: "Питание (0 — нет помещения, 2 — своя столовая)", gap: (v) => (v <= 1 ? (v === 0 ? "нет помещения для питания" : "пища не готовится на месте") : null) },
    { id: "sanitation", title: "Санитарные условия (0–3)", gap: (v) => (v < 3 ? "туалеты не все в здании или нет горячей воды" : null) },
    { id: "capital-repair", title: "Потребность в ремонте (0 — нет, 3 — аварийное здание)", gap: (v) => (v >= 2 ? (v >= 3 ? "здание аварийное или требует реконструкции" : "нужен капитальный ремонт") : null) },
  ];
  const found: string[] = [];
  let measured = 0;
  for (const g of gaps) {
    const v = card(input, g.id);
    f.indicator(g.id, g.title, v);
    if (v === null) continue;
    measured++;
    const gap = g.gap(v);
    if (gap) found.push(gap);
  }
  if (measured === 0) { f.lack("нет данных: в карте условий не заполнены материальные условия"); return; }
  const emergency = (card(input, "capital-repair") ?? 0) >= 3;
  const level = emergency || found.length >= r.gaps.high! ? "high" : found.length >= r.gaps.medium ? "medium" : "low";
  const head = `Признаков низкой оснащённости: ${found.length} из ${measured} (средний уровень — от ${r.gaps.medium}, высокий — от ${r.gaps.high} или аварийное здание)`;
  f.fact(level, found.length ? `${head}: ${found.join("; ")}` : head);
}

function staffShortage(f: FactorBuilder, input: RiskInput, r: SchoolRules["risks"]["staff"]): void {
  if (!input.indicators) { f.lack(NO_CARD); return; }
  f.value("vacancy-rate", "Вакантные ставки на 100 учителей", card(input, "vacancy-rate"), r.vacancyRate, "above", NO_ANSWER, "%")
    .value("out-of-specialty-share", "Доля учителей, ведущих предмет не по специальности", card(input, "out-of-specialty-share"), r.outOfSpecialtyShare, "above", NO_ANSWER, "%")
    .value("turnover-rate", "Доля учителей, уволившихся за прошлый год", card(input, "turnover-rate"), r.turnoverRate, "above", NO_ANSWER, "%")
    .value("share-teachers-over-60", "Доля учителей старше 60 лет", card(input, "share-teachers-over-60"), r.shareOver60, "above", NO_ANSWER, "%")
    .value("specialists-uncovered", "Специалисты сопровождения, которых нет ни в штате, ни по сетевому договору", card(input, "specialists-uncovered"), r.specialistsUncovered, "above", NO_ANSWER, "из 5");
}

function teacherCompetence(f: FactorBuilder, input: RiskInput, r: SchoolRules["risks"]["teachers"]): void {
  const t = input.teachers;
  f.indicator("teachers-tested", "Учителей прошли диагностику", t.tested, `из ${t.total}`);
  if (t.tested < r.minTested) { f.lack(noTeachers(t, r.minTested)); return; }
  f.value("subject-deficit-share", "Доля учителей с дефицитами по темам своего предмета", sharePct(t.subjectDeficit, t.tested), r.subjectDeficitShare, "above", "", "%")
    .value("method-deficit-share", "Доля учителей с методическими дефицитами", sharePct(t.methodDeficit, t.tested), r.methodDeficitShare, "above", "", "%");
}

function differentiation(f: FactorBuilder, input: RiskInput, r: SchoolRules["risks"]["teachers"]): void {
  const d = input.teachers.byMethod[DIFFERENTIATION];
  if (!d || d.tested < r.minTested) {
    f.indicator("differentiation-deficit-share", "Доля учителей с дефицитом в дифференциации обучения (ОВЗ, неродной русский, маршруты)", null, "%");
    f.lack(noTeachers({ ...input.teachers, tested: d?.tested ?? 0 }, r.minTested));
    return;
  }
  f.value("differentiation-deficit-share", "Доля учителей с дефицитом в дифференциации обучения (ОВЗ, неродной русский, маршруты)",
    sharePct(d.deficit, d.tested), r.differentiationDeficitShare, "above", "", "%");
}

function leaderCheck(f: FactorBuilder, input: RiskInput, id: string, title: string, r: SchoolRules["risks"]["leader"]): void {
  const percent = input.leader?.get(id) ?? null;
  f.value(id, `Самооценка руководителя: «${title}»`, percent, { medium: r.proficient, high: r.partial }, "below", NO_LEADER, "%");
}

/** Every factor of a school, in the programme's order. */
export function riskProfile(input: RiskInput, rules: SchoolRules = SCHOOL_RULES): RiskFactor[] {
  const r = rules.risks;
  const builders = new Map(RISK_FACTORS.map((d) => [d.id, new FactorBuilder(d.id, d.title)]));
  const f = (id: RiskFactorId) => builders.get(id)!;

  equipment(f("equipment"), input, r.equipment);
  staffShortage(f("staff-shortage"), input, r.staff);
  teacherCompetence(f("teacher-competence"), input, r.teachers);

  differentiation(f("adaptivity"), input, r.teachers);
  climateChecks(f("adaptivity"), scaleScores(input.climate, ["support"]), r.climate, "индивидуальная поддержка");

  leaderCheck(f("professional-development"), input, "lead.staff", "Развитие кадров, наставничество, профессиональные сообщества", r.leader);
  climateChecks(f("professional-development"), scaleScores(input.climate, ["collegiality"], ["teacher"]), r.climate, "учителя, коллегиальность");

  const failure = f("failure-risk");
  const worst = [...input.exams.failShares].sort((a, b) => b.share - a.share)[0];
  failure.value("exam-fail-share", worst ? `Доля «2» по ${worst.subject === "math" ? "математике" : "русскому языку"} (ВПР и ОГЭ, ${worst.year} г.), бóльшая из двух предметов` : "Доля «2» по математике и русскому языку (ВПР и ОГЭ)",
    worst?.share ?? null, r.failure.failShare, "above", NO_EXAMS, "%");
  const ege = input.exams.egeBelowMinimum;
  if (ege) failure.value("ege-below-minimum", `Доля не преодолевших минимальный порог ЕГЭ (${ege.year} г.)`, ege.share, r.failure.egeBelowMinimum, "above", "", "%");

  const language = f("language-barriers");
  const nonNative = card(input, "share-non-native");
  language.indicator("share-non-native", "Доля обучающихся, для которых русский язык не язык семьи", nonNative, "%");
  if (nonNative === null) language.lack(noCardValue(input));
  else if (nonNative < r.language.presentFrom) {
    language.fact("low", `Доля обучающихся, для которых русский язык не язык семьи, — ${num(nonNative)} % (меньше ${r.language.presentFrom} %): языкового барьера, который нужно преодолевать, почти нет`);
  } else {
    const russian = input.exams.failShares.find((x) => x.subject === "russian");
    language.value("russian-fail-share", russian ? `Доля «2» по русскому языку (ВПР и ОГЭ, ${russian.year} г.) при ${num(nonNative)} % детей с другим языком семьи` : "Доля «2» по русскому языку (ВПР и ОГЭ)",
      russian?.share ?? null, r.language.russianFailShare, "above", NO_EXAMS, "%");
    differentiation(language, input, r.teachers);
    climateChecks(language, scaleScores(input.climate, ["diversity"]), r.climate, "уважение к разнообразию");
  }

  const environment = f("environment");
  climateChecks(environment, scaleScores(input.climate, ["safety-physical", "safety-emotional", "bullying", "teacher-student", "peer-relations", "rules", "wellbeing"]), r.climate, "безопасность, отношения, благополучие");
  environment.value("registers", "Доля обучающихся на внутришкольном учёте или в ПДН", card(input, "registers"), r.environment.registers, "above", noCardValue(input), "%");

  climateChecks(f("parent-involvement"), scaleScores(input.climate, ["parent-involvement"], ["parent", "teacher"]), r.climate, "родители и учителя, вовлечённость родителей");
  climateChecks(f("motivation"), scaleScores(input.climate, ["motivation"], ["student"]), r.climate, "обучающиеся, учебная мотивация");

  f("special-needs").value("share-ovz", "Доля обучающихся с ОВЗ", card(input, "share-ovz"), r.ovz.shareOvz, "above", noCardValue(input), "%");

  return RISK_FACTORS.map((d) => builders.get(d.id)!.build());
}
