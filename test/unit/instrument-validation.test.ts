// The instrument checker: a sound definition passes, and each way of breaking it is named with file, question and reason.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadLibrary } from "../../server/modules/instruments/instrument-files.js";
import type { Catalogues, InstrumentDefinition, SurveyElementJson } from "../../server/modules/instruments/instrument.types.js";
import { validateInstrument, type Problem } from "../../server/modules/instruments/instrument-validation.js";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";

const TOPICS = ["algebra", "geometry", "equations", "functions", "probability", "stereometry"];

const CATALOGUES: Catalogues = {
  competencies: [
    ...TOPICS.map((t) => ({ id: `math.${t}`, title: `Тема ${t}`, area: "subject" as const, subject: "math" as const })),
    { id: "physics.mechanics", title: "Механика", area: "subject", subject: "physics" },
    { id: "method.assessment", title: "Оценивание", area: "method" },
    { id: "lead.team", title: "Команда", area: "leadership" },
  ],
  laborActions: [{ code: "A/01.6:control", function: "A/01.6 Обучение", title: "Контроль и оценка" }],
  courses: [],
};

/** An html block, which needs no name (the type requires one of questions). */
const INSTRUCTIONS = { type: "html", html: "<p>Инструкция</p>" } as unknown as SurveyElementJson;
const abc = [{ value: "a", text: "Первый" }, { value: "b", text: "Второй" }, { value: "c", text: "Третий" }];
const FILE = "surveys/subject-math.json";

/** A sound subject test: 5 items on each of 6 topics, 10 methodological items, and one item of every other keyed type. */
function subjectTest(): InstrumentDefinition {
  const subjectItems: SurveyElementJson[] = TOPICS.flatMap((topic) => [1, 2, 3, 4, 5].map((n) => ({
    type: "radiogroup", name: `${topic}-${n}`, choices: abc, correctAnswer: "a", competency: `math.${topic}`,
  })));
  const methodItems: SurveyElementJson[] = Array.from({ length: 10 }, (_, i) => ({
    type: "radiogroup", name: `method-${i + 1}`, choices: abc, correctAnswer: "b", competency: "method.assessment", laborAction: "A/01.6:control",
  }));
  const others: SurveyElementJson[] = [
    { type: "checkbox", name: "set", choices: abc, correctAnswer: ["a", "b"], competency: "math.algebra", scoring: "partial" },
    { type: "ranking", name: "order", choices: abc, correctAnswer: ["c", "a", "b"], competency: "math.algebra", scoring: "partial" },
    { type: "matrix", name: "match", rows: [{ value: "r1", text: "1" }, { value: "r2", text: "2" }], columns: [{ value: "x", text: "X" }, { value: "y", text: "Y" }], correctAnswer: { r1: "x", r2: "y" }, competency: "math.geometry" },
    { type: "text", name: "typed", correctAnswer: "12,5", acceptedAnswers: ["12.5"], competency: "math.equations" },
    { type: "boolean", name: "yesno", correctAnswer: true, competency: "math.functions" },
    { type: "radiogroup", name: "case", choices: abc, choiceScores: { a: 2, b: 1, c: 0 }, competency: "method.assessment", laborAction: "A/01.6:control" },
  ];
  return {
    id: "subject-math", version: 1, kind: "subject-test", subject: "math", audience: ["teacher"], title: "Диагностика учителя математики",
    timeLimitMinutes: 90, survey: {
      locale: "ru", pages: [
        { name: "p1", title: "Часть 1", elements: [INSTRUCTIONS, ...subjectItems] },
        { name: "p2", title: "Часть 2", elements: [{ type: "panel", name: "panel", elements: [...methodItems, ...others] }] },
      ],
    },
  };
}

function question(def: InstrumentDefinition, name: string): SurveyElementJson {
  const found = questionsOf(def.survey).find((q) => q.name === name);
  if (!found) throw new Error(`no question ${name}`);
  return found;
}

/** The problems of a copy of `base` changed by `edit`. */
function problemsAfter(edit: (def: InstrumentDefinition) => void, file = FILE, base = subjectTest): Problem[] {
  const def = base();
  edit(def);
  return validateInstrument(def, file, CATALOGUES);
}

describe("a sound subject test", () => {
  it("has no problems", () => {
    expect(validateInstrument(subjectTest(), FILE, CATALOGUES)).toEqual([]);
  });
});

describe("each way of breaking a subject test is named with the file, the question and the reason", () => {
  it.each<[string, string, (def: InstrumentDefinition) => void, RegExp]>([
    ["a key that is not among the choices", "algebra-1", (d) => { question(d, "algebra-1").correctAnswer = "z"; }, /ключ "z" не входит в варианты ответа/],
    ["an empty checkbox key", "set", (d) => { question(d, "set").correctAnswer = []; }, /ключ множественного выбора должен быть непустым списком/],
    ["a checkbox key with a value that is not a choice", "set", (d) => { question(d, "set").correctAnswer = ["a", "q"]; }, /\["q"\] не входят в варианты ответа/],
    ["a checkbox key that takes every choice", "set", (d) => { question(d, "set").correctAnswer = ["a", "b", "c"]; }, /ключ включает все варианты/],
    ["a ranking key with a repeated value", "order", (d) => { question(d, "order").correctAnswer = ["a", "a", "b"]; }, /ровно по одному разу/],
    ["a ranking key missing a choice", "order", (d) => { question(d, "order").correctAnswer = ["a", "b"]; }, /ровно по одному разу/],
    ["a matrix key missing a row", "match", (d) => { question(d, "match").correctAnswer = { r1: "x" }; }, /в ключе нет строки "r2"/],
    ["a matrix key naming an unknown column", "match", (d) => { question(d, "match").correctAnswer = { r1: "x", r2: "w" }; }, /для строки "r2" указан несуществующий столбец/],
    ["an unknown competency", "algebra-2", (d) => { question(d, "algebra-2").competency = "math.astrology"; }, /competency "math\.astrology" нет в catalog\/competencies\.json/],
    ["a topic of another subject", "algebra-2", (d) => { question(d, "algebra-2").competency = "physics.mechanics"; }, /тема "physics\.mechanics" относится к другому предмету/],
    ["a methodological item without laborAction", "method-3", (d) => { delete question(d, "method-3").laborAction; }, /методическому заданию нужен laborAction/],
    ["an unknown labour action", "method-3", (d) => { question(d, "method-3").laborAction = "Z/99"; }, /laborAction "Z\/99" нет в catalog\/labor-actions\.json/],
    ["a duplicate question name", "algebra-1", (d) => { question(d, "geometry-1").name = "algebra-1"; }, /имя вопроса повторяется/],
    ["partial scoring on a radiogroup", "algebra-3", (d) => { question(d, "algebra-3").scoring = "partial"; }, /частичный балл возможен только для checkbox, ranking, matrix/],
    ["choice scores with two best choices", "case", (d) => { question(d, "case").choiceScores = { a: 2, b: 2, c: 0 }; }, /лучший вариант в choiceScores должен быть один/],
    ["choice scores missing a choice", "case", (d) => { question(d, "case").choiceScores = { a: 2, b: 1 }; }, /choiceScores должны давать балл каждому варианту/],
    ["points out of range", "algebra-4", (d) => { question(d, "algebra-4").points = 0; }, /points должен быть числом от 0 до 10/],
    ["a blank text key", "typed", (d) => { question(d, "typed").correctAnswer = "  "; }, /ключ текстового ответа должен быть непустой строкой или числом/],
    ["a yes/no key that is not a boolean", "yesno", (d) => { question(d, "yesno").correctAnswer = "true"; }, /ключ вопроса «да\/нет» должен быть true или false/],
    ["a key on a question type that cannot have one", "algebra-5", (d) => { question(d, "algebra-5").type = "comment"; }, /тип comment не поддерживает ключ/],
  ])("%s", (_case, name, edit, reason) => {
    const problems = problemsAfter(edit);
    expect(problems).toContainEqual({ file: FILE, question: name, message: expect.stringMatching(reason) });
    expect(problems.every((p) => p.file === FILE)).toBe(true);
    expect(problems.map(formatProblem)).toContainEqual(expect.stringMatching(new RegExp(`^${FILE} › ${name}: `)));
  });

  it("an id that is not the file name", () => {
    const problems = problemsAfter(() => {}, "surveys/subject-maths.json");
    expect(problems).toContainEqual({ file: "surveys/subject-maths.json", message: 'id "subject-math" не совпадает с именем файла "subject-maths"' });
  });

  it("a subject test without a time limit", () => {
    expect(problemsAfter((d) => { delete d.timeLimitMinutes; })).toEqual([{ file: FILE, message: "у предметного теста должен быть timeLimitMinutes" }]);
  });

  it("fewer subject items than the minimum of 30", () => {
    // 35 subject items (30 radiogroups and 5 of other types); six fewer, on topics that keep other items.
    const dropped = new Set(["algebra-1", "algebra-2", "algebra-3", "algebra-4", "algebra-5", "geometry-1"]);
    const problems = problemsAfter((d) => { d.survey.pages[0]!.elements = d.survey.pages[0]!.elements!.filter((e) => !dropped.has(e.name)); });
    expect(problems).toEqual([{ file: FILE, message: "предметных заданий 29, нужно не меньше 30" }]);
  });

  it("fewer than 10 methodological items", () => {
    // 11 methodological items (10 radiogroups and one case); two become subject items.
    const problems = problemsAfter((d) => {
      for (const name of ["method-9", "method-10"]) { question(d, name).competency = "math.algebra"; delete question(d, name).laborAction; }
    });
    expect(problems).toEqual([{ file: FILE, message: "методических заданий 9, нужно не меньше 10" }]);
  });

  it("levels out of order", () => {
    expect(problemsAfter((d) => { d.levels = { partial: 80, proficient: 75 }; })).toEqual([{ file: FILE, message: "levels: нужно 0 < partial < proficient ≤ 100" }]);
  });
});

const LIKERT = [1, 2, 3, 4].map((value) => ({ value, text: String(value) }));
const CLIMATE_FILE = "surveys/climate-teachers.json";

function climate(): InstrumentDefinition {
  const items = ["s1", "s2", "s3", "t1", "t2", "t3"].map((name): SurveyElementJson => ({ type: "radiogroup", name, choices: LIKERT }));
  return {
    id: "climate-teachers", version: 1, kind: "climate", audience: ["teacher"], title: "Климат", anonymous: true,
    bands: { favourable: 75, partly: 50 },
    scales: [
      { id: "safety", title: "Безопасность", items: ["s1", "s2", "s3"], reversed: ["s3"] },
      { id: "trust", title: "Доверие", items: ["t1", "t2", "t3"], reversed: [] },
    ],
    survey: { locale: "ru", pages: [{ name: "p1", elements: items }] },
  };
}

describe("each way of breaking a climate questionnaire is named", () => {
  const broken = (edit: (def: InstrumentDefinition) => void) => problemsAfter(edit, CLIMATE_FILE, climate);

  it("a sound climate questionnaire has no problems", () => {
    expect(validateInstrument(climate(), CLIMATE_FILE, CATALOGUES)).toEqual([]);
  });

  it("a scale naming an item that does not exist", () => {
    const problems = broken((d) => { d.scales![1]!.items = ["t1", "t2", "t3", "t9"]; });
    expect(problems).toEqual([{ file: CLIMATE_FILE, message: "шкала trust: нет вопроса t9" }]);
  });

  it("an item in two scales", () => {
    const problems = broken((d) => { d.scales![1]!.items = ["t1", "t2", "t3", "s2"]; });
    expect(problems).toEqual([{ file: CLIMATE_FILE, question: "s2", message: "пункт входит в две шкалы: safety и trust" }]);
  });

  it("a reversed item that is not among the scale's items", () => {
    const problems = broken((d) => { d.scales![1]!.reversed = ["s1"]; });
    expect(problems).toEqual([{ file: CLIMATE_FILE, message: "шкала trust: обратный пункт s1 не входит в items" }]);
  });

  it("a Likert item in no scale", () => {
    const problems = broken((d) => { d.scales![1]!.items = ["t1", "t2"]; });
    expect(problems).toContainEqual({ file: CLIMATE_FILE, message: "шкала trust: 2 пунктов, нужно от 3 до 6" });
    expect(problems).toContainEqual({ file: CLIMATE_FILE, question: "t3", message: "пункт с вариантами 1–4 не входит ни в одну шкалу" });
  });

  it("a questionnaire that is not anonymous", () => {
    expect(broken((d) => { delete d.anonymous; })).toEqual([{ file: CLIMATE_FILE, message: "анкета климата должна быть анонимной (anonymous: true)" }]);
  });

  it("a key in a climate questionnaire", () => {
    const problems = broken((d) => { Object.assign(question(d, "s1"), { correctAnswer: 4, competency: "lead.team" }); });
    expect(problems).toContainEqual({ file: CLIMATE_FILE, question: "s1", message: "в анкете климата не бывает ключей и баллов" });
  });
});

describe("the real library", () => {
  it("loads with zero problems (the checker the server runs at start)", async () => {
    const library = await loadLibrary(path.resolve(import.meta.dirname, "../../surveys"));
    expect(library.problems.map(formatProblem)).toEqual([]);
    expect(library.instruments.filter((d) => d.kind === "subject-test").map((d) => d.subject).sort()).toEqual(
      ["biology", "chemistry", "english", "geography", "history", "informatics", "literature", "math", "physics", "russian", "social"],
    );
  });
});
