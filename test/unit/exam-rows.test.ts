// Rows of an exam results file: what each cell may say, every error in its row and column, keys and counts; properties over generated files.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkImport, parseImport, referencesOf, type Known } from "../../server/modules/imports/import-rows.js";
import { examKey, examSubjectCode, parseGrade, parseNumber, parseYear } from "../../server/modules/imports/exam-rows.js";
import { readCsv, type Sheet } from "../../server/modules/imports/spreadsheet-reader.js";

const HEADER = ["Код школы", "Год", "Экзамен", "Предмет", "Класс", "Участников", "Средний балл", "Доля „2“ / не преодолели минимум, %", "Доля „4“ и „5“ / 81+ баллов, %"];
const school = { municipalityId: "m1", shortName: "СОШ", locality: "city" as const, students: null, lowResults: false, unfavourable: false, highResults: false, clusters: [], phone: null, email: null };
const KNOWN: Known = {
  regionId: "r1", municipalities: new Set(["m1"]), foreignMunicipalities: new Set(), schools: new Map([["s1", school], ["s2", school]]),
  foreignSchools: new Set(["far"]), people: new Map(), exams: new Set([examKey({ school: "s1", year: 2025, exam: "oge", subject: "math", grade: 9 })]), currentYear: 2026,
};
const sheetOf = (rows: string[][]): Sheet => readCsv(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(";")).join("\r\n"));
const row = (over: Partial<Record<"school" | "year" | "exam" | "subject" | "grade" | "n" | "mean" | "fail" | "high", string>> = {}) => [
  over.school ?? "s1", over.year ?? "2025", over.exam ?? "ВПР", over.subject ?? "математика", over.grade ?? "6", over.n ?? "48", over.mean ?? "3,4", over.fail ?? "12,5", over.high ?? "40",
];
function check(rows: string[][], known = KNOWN) {
  const parsed = parseImport("exam-results", sheetOf([HEADER, ...rows]));
  return { parsed, refs: referencesOf(parsed), result: checkImport(parsed, known) };
}

describe("reading cells", () => {
  it("numbers with a comma, a point, spaces or a per cent sign", () => {
    expect([parseNumber("12,5"), parseNumber("12.5 %"), parseNumber("1 240"), parseNumber("12,5,1"), parseNumber("abc")]).toEqual([12.5, 12.5, 1240, undefined, undefined]);
  });
  it("a year, or a school year read as the year of its spring", () => {
    expect([parseYear("2025"), parseYear("2024/2025"), parseYear("2024-25"), parseYear("2024/2026"), parseYear("25")]).toEqual([2025, 2025, 2025, undefined, undefined]);
  });
  it("grades as people write them", () => {
    expect([parseGrade("7"), parseGrade("7 класс"), parseGrade("7-й"), parseGrade("7 кл."), parseGrade("седьмой")]).toEqual([7, 7, 7, 7, undefined]);
  });
  it("subjects by name or code, the eleven and the documented extra ones", () => {
    expect(["Математика", "русский язык", "math", "Иностранный язык (английский)", "Окружающий мир", "Математика (профильный уровень)", "математика базовая", "немецкий язык", "астрология"].map(examSubjectCode))
      .toEqual(["math", "russian", "math", "english", "world", "math-profile", "math-base", "german", undefined]);
  });
});

describe("a clean file", () => {
  it("fixes the grade of ОГЭ and ЕГЭ, keeps shares in per cent, and counts what it would create and update", () => {
    const { parsed, refs, result } = check([
      row(),
      row({ exam: "ОГЭ", grade: "", subject: "математика" }),
      row({ exam: "егэ", grade: "", subject: "Математика профильная", year: "2024/2025", mean: "61,2", fail: "7,1", high: "14,3" }),
      row({ school: "s2", subject: "окружающий мир", grade: "4", mean: "", fail: "", high: "" }),
    ]);
    expect(result).toMatchObject({ rows: 4, errors: [], wouldCreate: 3, wouldUpdate: 1 });
    expect(refs).toEqual({ municipalities: [], schools: ["s1", "s2"], emails: [], examSchools: ["s1", "s2"] });
    expect(parsed.kind === "exam-results" && parsed.records.map((r) => [r.exam, r.subject, r.grade, r.year, r.shareFailed])).toEqual([
      ["vpr", "math", 6, 2025, 12.5], ["oge", "math", 9, 2025, 12.5], ["ege", "math-profile", 11, 2025, 7.1], ["vpr", "world", 4, 2025, undefined],
    ]);
  });
});

describe("every bad row named in its column", () => {
  it.each([
    ["missing_field", row({ school: "" }), "Код школы"],
    ["unknown_school", row({ school: "s9" }), "Код школы"],
    ["unknown_school", row({ school: "far" }), "Код школы"],
    ["missing_field", row({ year: "" }), "Год"],
    ["invalid_value", row({ year: "прошлый" }), "Год"],
    ["invalid_value", row({ year: "1999" }), "Год"],
    ["invalid_value", row({ year: "2027" }), "Год"],
    ["invalid_value", row({ exam: "ЕГЭ-9" }), "Экзамен"],
    ["unknown_subject", row({ subject: "астрология" }), "Предмет"],
    ["invalid_value", row({ subject: "окружающий мир", exam: "ОГЭ", grade: "" }), "Предмет"],
    ["invalid_value", row({ subject: "математика профильная" }), "Предмет"],
    ["missing_field", row({ grade: "" }), "Класс"],
    ["invalid_value", row({ grade: "10" }), "Класс"],
    ["invalid_value", row({ grade: "5", subject: "окружающий мир" }), "Класс"],
    ["invalid_value", row({ exam: "ОГЭ", grade: "8" }), "Класс"],
    ["invalid_value", row({ exam: "ЕГЭ", grade: "9" }), "Класс"],
    ["missing_field", row({ n: "" }), "Участников"],
    ["invalid_value", row({ n: "12,5" }), "Участников"],
    ["invalid_value", row({ n: "20000" }), "Участников"],
    ["formula_in_cell", row({ n: "-5" }), "Участников"],
    ["invalid_value", row({ mean: "101" }), "Средний балл"],
    ["invalid_value", row({ fail: "120" }), "Доля „2“ / не преодолели минимум, %"],
    ["invalid_value", row({ high: "много" }), "Доля „4“ и „5“ / 81+ баллов, %"],
    ["invalid_value", row({ fail: "60", high: "50" }), "Доля „4“ и „5“ / 81+ баллов, %"],
    ["invalid_value", row({ n: "0" }), "Участников"],
    ["markup_in_cell", row({ subject: "<b>математика</b>" }), "Предмет"],
  ])("%s in «%s»", (code, bad, field) => {
    const { result } = check([row({ grade: "5" }), bad]);
    expect(result.errors).toContainEqual(expect.objectContaining({ row: 3, field, code, message: expect.stringMatching(/[А-Яа-я]/) }));
    expect(result.errors.every((e) => e.row === 3)).toBe(true);
    expect(result).toMatchObject({ wouldCreate: 0, wouldUpdate: 0 });
  });

  it("a row that repeats another's key names the first row", () => {
    const { result } = check([row(), row({ mean: "3,9" })]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, field: "Код школы", code: "duplicate_code", message: expect.stringContaining("строку 2") })]);
  });

  it("a file without a required column is refused whole, naming the columns", () => {
    expect(() => parseImport("exam-results", sheetOf([HEADER.slice(0, 5), row().slice(0, 5)]))).toThrow(/«Участников»/);
  });
});

describe("properties", () => {
  const cleanRow = fc.record({
    school: fc.constantFrom("s1", "s2"), year: fc.integer({ min: 2015, max: 2026 }),
    exam: fc.constantFrom("ВПР", "ОГЭ", "ЕГЭ"), subject: fc.constantFrom("математика", "русский язык", "физика", "история"),
    vprGrade: fc.constantFrom(4, 5, 6, 7, 8, 11), n: fc.integer({ min: 1, max: 300 }), fail: fc.integer({ min: 0, max: 500 }), high: fc.integer({ min: 0, max: 500 }),
  }).map((r) => row({ school: r.school, year: String(r.year), exam: r.exam, subject: r.subject, grade: r.exam === "ВПР" ? String(r.vprGrade) : "", n: String(r.n),
    fail: (r.fail / 10).toFixed(1).replace(".", ","), high: (Math.min(r.high, 1000 - r.fail) / 10).toFixed(1).replace(".", ",") }));

  it("a file of valid rows with distinct keys has no errors, and creates plus updates count every row", () => {
    fc.assert(fc.property(fc.uniqueArray(cleanRow, { minLength: 1, maxLength: 30, selector: (r) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}|${r[4]}` }), (rows) => {
      const { result } = check(rows);
      expect(result.errors).toEqual([]);
      expect(result.wouldCreate + result.wouldUpdate).toBe(rows.length);
    }));
  });

  it("spoiling one cell of one row gives errors in that row only, and the file would write nothing", () => {
    const spoil = fc.constantFrom<[number, string]>([0, "s-none"], [1, "20x5"], [2, "ГИА"], [3, "рисование"], [5, "много"], [7, "101"], [8, "-1"]);
    fc.assert(fc.property(fc.uniqueArray(cleanRow, { minLength: 2, maxLength: 12, selector: (r) => r.slice(0, 5).join("|") }), fc.nat(), spoil, (rows, pick, [column, text]) => {
      const i = pick % rows.length;
      const spoiled = rows.map((r, k) => (k === i ? r.map((c, j) => (j === column ? text : c)) : r));
      const { result } = check(spoiled);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(new Set(result.errors.map((e) => e.row))).toEqual(new Set([i + 2]));
      expect(result.wouldCreate + result.wouldUpdate).toBe(0);
    }));
  });
});
