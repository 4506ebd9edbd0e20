// The row validators of every kind: examples of every rule, properties over generated files, and the sample files kept honest.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_REGION, generateDemoRegion } from "../../server/modules/demo/demo-region.js";
import { DEMO_SEED } from "../../server/modules/demo/demo-seed.js";
import type { ImportKind } from "../../server/modules/imports/import-columns.js";
import { checkImport, parseImport, referencesOf, type Known } from "../../server/modules/imports/import-rows.js";
import { readCsv, readSpreadsheet, type Sheet } from "../../server/modules/imports/spreadsheet-reader.js";
import { MUNICIPALITIES_HEADER, PEOPLE_HEADER, peopleRows, SCHOOLS_HEADER } from "../fixtures/import-files.js";

const REGION = "r1";
const SAMPLES = path.resolve(import.meta.dirname, "../../docs/samples");
const emptyKnown = (over: Partial<Known> = {}): Known => ({
  regionId: REGION, municipalities: new Set(), foreignMunicipalities: new Set(), schools: new Map(), foreignSchools: new Set(), people: new Map(), ...over,
});
const school = (municipalityId: string, flags: { low?: boolean; high?: boolean } = {}) => ({
  municipalityId, shortName: "СОШ", locality: "city" as const, students: null, lowResults: flags.low ?? false, unfavourable: false,
  highResults: flags.high ?? false, clusters: [], phone: null, email: null,
});
const KNOWN_SCHOOLS = emptyKnown({ schools: new Map([["s1", school("m1")], ["s2", school("m1")]]), municipalities: new Set(["m1", "m2"]) });

const sheetOf = (rows: string[][]): Sheet => readCsv(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(";")).join("\r\n"));

function check(kind: ImportKind, rows: string[][], known: Known = KNOWN_SCHOOLS) {
  const parsed = parseImport(kind, sheetOf(rows));
  return { parsed, refs: referencesOf(parsed), result: checkImport(parsed, known) };
}

describe("staff rows", () => {
  const row = (over: Partial<Record<"name" | "position" | "school" | "subjects" | "roles" | "email", string>> = {}) => [
    over.name ?? "Иванова Анна Петровна", over.position ?? "Учитель", over.school ?? "s1", over.subjects ?? "математика", over.roles ?? "учитель", over.email ?? "a@school.ru",
  ];

  it("a clean file has no errors and counts what it would create and update", () => {
    const known = { ...KNOWN_SCHOOLS, people: new Map([["b@school.ru", { id: "u1", regionId: REGION, staff: false }]]) };
    const { result, parsed, refs } = check("people", [PEOPLE_HEADER, row(), row({ email: "B@School.ru", subjects: "Русский язык; литература", roles: "директор, учитель, наставник" })], known);
    expect(result).toMatchObject({ rows: 2, errors: [], wouldCreate: 1, wouldUpdate: 1 });
    expect(refs).toEqual({ municipalities: [], schools: ["s1"], emails: ["a@school.ru", "b@school.ru"] });
    expect(parsed.kind === "people" && parsed.records[1]).toMatchObject({ subjects: ["literature", "russian"], roles: ["mentor", "principal", "teacher"], email: "b@school.ru" });
  });

  it.each([
    ["missing_field", row({ name: "" }), "ФИО"],
    ["missing_field", row({ subjects: "" }), "Предметы"],
    ["unknown_school", row({ school: "s9" }), "Код школы"],
    ["malformed_email", row({ email: "anna@school" }), "E-mail"],
    ["unknown_subject", row({ subjects: "математика; астрология" }), "Предметы"],
    ["unknown_role", row({ roles: "завуч" }), "Роли"],
    ["forbidden_role", row({ roles: "учитель; методист" }), "Роли"],
    ["forbidden_role", row({ roles: "admin" }), "Роли"],
    ["formula_in_cell", row({ name: "=HYPERLINK(\"http://x\")" }), "ФИО"],
    ["formula_in_cell", row({ position: "@SUM(1)" }), "Должность"],
    ["markup_in_cell", row({ name: "<script>alert(1)</script>" }), "ФИО"],
    ["markup_in_cell", row({ position: "Учитель <b>высшей</b> категории" }), "Должность"],
    ["too_long", row({ position: "у".repeat(301) }), "Должность"],
  ])("reports %s in the right row and column", (code, bad, field) => {
    const { result } = check("people", [PEOPLE_HEADER, row({ email: "ok@school.ru" }), bad]);
    expect(result.errors).toContainEqual(expect.objectContaining({ row: 3, field, code, message: expect.any(String) }));
    expect(result.errors.every((e) => e.row === 3)).toBe(true);
    expect(result.wouldCreate).toBe(0);
  });

  it("names the first row of a repeated e-mail, whatever its case", () => {
    const { result } = check("people", [PEOPLE_HEADER, row(), row({ email: "other@school.ru" }), row({ email: "A@SCHOOL.RU" })]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 4, field: "E-mail", code: "duplicate_person" })]);
    expect(result.errors[0]!.message).toContain("строке 2");
  });

  it("refuses an e-mail of another region or of institute staff", () => {
    const known = { ...KNOWN_SCHOOLS, people: new Map([
      ["far@school.ru", { id: "u1", regionId: "r2", staff: false }], ["boss@iro.ru", { id: "u2", regionId: REGION, staff: true }],
    ]) };
    const { result } = check("people", [PEOPLE_HEADER, row({ email: "far@school.ru" }), row({ email: "boss@iro.ru" })], known);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[2, "email_taken"], [3, "staff_account"]]);
  });

  it("lets a principal go without subjects, and keeps a message naming the bad value", () => {
    expect(check("people", [PEOPLE_HEADER, row({ subjects: "", roles: "директор" })]).result.errors).toEqual([]);
    const { result } = check("people", [PEOPLE_HEADER, row({ subjects: "матан" })]);
    expect(result.errors[0]!.message).toContain("«матан»");
  });
});

describe("school rows", () => {
  const row = (over: Partial<Record<string, string>> = {}) => SCHOOLS_HEADER.map((h) => over[h] ?? ({
    Код: "s3", "Код муниципалитета": "m1", "Полное название": "МБОУ «СОШ № 3»", "Краткое название": "СОШ № 3", "Тип местности": "село",
    Обучающихся: "1 250", ШНОР: "да", ССУ: "нет", "Высокие результаты": "нет", Кластеры: "Низкие результаты; math-teaching", Телефон: "+7 (3452) 12-34-56", "E-mail": "s3@school.ru",
  } as Record<string, string>)[h]!);

  it("reads flags, locality, size and clusters, and takes a phone starting with +", () => {
    const { result, parsed } = check("schools", [SCHOOLS_HEADER, row()]);
    expect(result.errors).toEqual([]);
    expect(parsed.kind === "schools" && parsed.records[0]).toMatchObject({
      code: "s3", locality: "rural", students: 1250, lowResults: true, highResults: false, clusters: ["low-results", "math-teaching"], phone: "+7 (3452) 12-34-56",
    });
  });

  it.each([
    ["invalid_value", { ШНОР: "может быть" }, "ШНОР"],
    ["invalid_value", { "Тип местности": "мегаполис" }, "Тип местности"],
    ["invalid_value", { Обучающихся: "много" }, "Обучающихся"],
    ["invalid_value", { "Высокие результаты": "да" }, "Высокие результаты"],
    ["invalid_value", { Кластеры: "Космос" }, "Кластеры"],
    ["invalid_value", { Код: "школа 3" }, "Код"],
    ["unknown_municipality", { "Код муниципалитета": "m9" }, "Код муниципалитета"],
    ["malformed_email", { "E-mail": "s3@" }, "E-mail"],
    ["missing_field", { "Полное название": "" }, "Полное название"],
  ])("reports %s in %s", (code, over, field) => {
    const { result } = check("schools", [SCHOOLS_HEADER, row(over)]);
    expect(result.errors).toContainEqual(expect.objectContaining({ row: 2, field, code }));
  });

  it("refuses a code of another region's school and a stored flag that would clash with a new one", () => {
    const known = { ...KNOWN_SCHOOLS, foreignSchools: new Set(["s-far"]), schools: new Map([["s1", school("m1", { high: true })]]) };
    const noHigh = SCHOOLS_HEADER.filter((h) => h !== "Высокие результаты");
    const cells = (code: string) => row({ Код: code }).filter((_, i) => SCHOOLS_HEADER[i] !== "Высокие результаты");
    const { result } = check("schools", [noHigh, cells("s-far"), cells("s1")], known);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[2, "taken_code"], [3, "invalid_value"]]);
  });
});

describe("municipality rows", () => {
  it("accepts neighbours from the region or from the same file, and names unknown ones", () => {
    const known = emptyKnown({ municipalities: new Set(["m1"]) });
    const { result } = check("municipalities", [MUNICIPALITIES_HEADER, ["m5", "Пятый", "m1; m6"], ["m6", "Шестой", ""], ["m7", "Седьмой", "m8, m1"], ["m7", "Дубль", ""]], known);
    expect(result.errors.map((e) => [e.row, e.field, e.code])).toEqual([[4, "Соседи", "unknown_municipality"], [5, "Код", "duplicate_code"]]);
    expect(result.errors[0]!.message).toContain("«m8»");
  });

  it("refuses a municipality as its own neighbour and a code another region holds", () => {
    const known = emptyKnown({ foreignMunicipalities: new Set(["far"]) });
    const { result } = check("municipalities", [MUNICIPALITIES_HEADER, ["m5", "Пятый", "m5"], ["far", "Чужой", ""]], known);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[2, "invalid_value"], [3, "taken_code"]]);
  });
});

describe("properties", () => {
  it("a generated clean staff file has no errors; spoiling one cell reports that row and column, and no other", () => {
    const spoilers: Array<[string, (text: string) => string]> = [
      ["formula_in_cell", (t) => `=${t}`], ["markup_in_cell", (t) => `<b>${t}</b>`], ["too_long", (t) => `${t} ${"я".repeat(300)}`],
    ];
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.nat(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 }),
      (count, rowSeed, column, spoiler) => {
        const rows = peopleRows(count, ["s1", "s2"]);
        expect(check("people", [PEOPLE_HEADER, ...rows]).result).toMatchObject({ errors: [], wouldCreate: count, wouldUpdate: 0 });
        const target = rowSeed % count;
        const [code, spoil] = spoilers[spoiler]!;
        rows[target]![column] = spoil(rows[target]![column]!);
        const { errors } = check("people", [PEOPLE_HEADER, ...rows]).result;
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((e) => e.row === target + 2 && e.field === PEOPLE_HEADER[column])).toBe(true);
        expect(errors.map((e) => e.code)).toContain(code);
      },
    ), { numRuns: 120 });
  });

  it("every repeated e-mail is reported once, naming a row before it, errors sorted and within the file", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }), fc.boolean(), (picks, shout) => {
      const rows = picks.map((p, i) => {
        const r = peopleRows(1, ["s1"], `p${i}`)[0]!;
        r[5] = shout && i % 2 ? `MAIL${p}@SCHOOL.RU` : `mail${p}@school.ru`;
        return r;
      });
      const { errors, wouldCreate } = check("people", [PEOPLE_HEADER, ...rows]).result;
      const distinct = new Set(picks).size;
      expect(errors.filter((e) => e.code === "duplicate_person")).toHaveLength(picks.length - distinct);
      expect(errors.map((e) => e.row)).toEqual([...errors.map((e) => e.row)].sort((a, b) => a - b));
      for (const e of errors) {
        const first = Number(e.message.match(/строке (\d+)/)![1]);
        expect(first).toBeLessThan(e.row);
        expect(first).toBeGreaterThanOrEqual(2);
      }
      expect(errors.length ? 0 : wouldCreate).toBe(errors.length ? 0 : distinct);
    }), { numRuns: 150 });
  });

  it("what a valid file would create and update adds up to its rows, against any set of known people", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(), { maxLength: 60 }), (count, knownIdx) => {
      const rows = peopleRows(count, ["s1", "s2"]);
      const people = new Map(knownIdx.map((i) => [rows[i % count]![5]!, { id: `u${i}`, regionId: REGION, staff: false }]));
      const { result } = check("people", [PEOPLE_HEADER, ...rows], { ...KNOWN_SCHOOLS, people });
      expect(result.wouldCreate + result.wouldUpdate).toBe(count);
      expect(result.wouldUpdate).toBe(people.size);
    }), { numRuns: 100 });
  });

});

describe("the sample files in docs/samples", () => {
  const demo = generateDemoRegion(DEMO_SEED);
  const demoKnown = emptyKnown({
    regionId: DEMO_REGION.id,
    municipalities: new Set(demo.municipalities.map((m) => m.id)),
    schools: new Map(demo.schools.map((s) => [s.id, school(s.municipalityId)])),
  });
  const sample = async (name: string) => {
    const parsed = parseImport("people", await readSpreadsheet(readFileSync(path.join(SAMPLES, name))));
    return checkImport(parsed, demoKnown);
  };

  it.each(["people-with-errors.csv", "people-with-errors.xlsx"])("%s has a bad row of every kind, in the rows docs/imports.md names", async (name) => {
    const { errors, rows } = await sample(name);
    expect(rows).toBe(16);
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [6, "missing_field"], [7, "unknown_school"], [8, "duplicate_person"], [9, "malformed_email"], [10, "unknown_subject"],
      [11, "unknown_role"], [12, "forbidden_role"], [13, "formula_in_cell"], [14, "markup_in_cell"], [15, "too_long"], [16, "missing_field"],
    ]);
  });

  it.each(["people-fixed.csv", "people-fixed.xlsx"])("%s passes against the demo region and would create 16 people", async (name) => {
    expect(await sample(name)).toEqual({ rows: 16, errors: [], wouldCreate: 16, wouldUpdate: 0 });
  });
});
