// Imports of exam results: checked whole, nothing written while a row is wrong, one transaction, re-imports update by the key and create nothing.
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, multipart, seedOtherRegion, xlsxFile, type TestCell } from "../fixtures/import-files.js";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedOtherRegion(t.db);
});
afterAll(async () => { await t.close(); });

const HEADER = ["Код школы", "Год", "Экзамен", "Предмет", "Класс", "Участников", "Средний балл", "Доля „2“ / не преодолели минимум, %", "Доля „4“ и „5“ / 81+ баллов, %"];
const YEAR = new Date().getUTCFullYear() - 1;
const upload = (who: PersonKey | null, bytes: Buffer, options: { dryRun?: boolean; name?: string } = {}) =>
  t.as(who, { method: "POST", url: `/api/imports/exam-results${options.dryRun ? "?dryRun=true" : ""}`, ...multipart(bytes, options.name ?? "результаты.xlsx") });
const counts = async () => {
  const n = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;
  return { exam_results: await n("exam_results"), import_batches: await n("import_batches") };
};
const stored = (school: string, exam: string, subject: string, grade: number, year = YEAR) =>
  t.db.selectFrom("exam_results").selectAll().where("school_id", "=", school).where("year", "=", year).where("exam", "=", exam as "vpr")
    .where("subject", "=", subject).where("grade", "=", grade).executeTakeFirst();

/** A school's results of one year: ВПР 4–8 in mathematics and Russian, ОГЭ in both, ЕГЭ in Russian. */
function schoolRows(school: string, year = YEAR, fail = 12.5): TestCell[][] {
  const rows: TestCell[][] = [];
  for (const subject of ["математика", "русский язык"]) {
    for (const grade of [4, 5, 6, 7, 8]) rows.push([school, year, "ВПР", subject, grade, 40 + grade, "3,5", String(fail).replace(".", ","), "40"]);
    rows.push([school, year, "ОГЭ", subject, "", 52, "3,7", "3,8", "57,7"]);
  }
  rows.push([school, year, "ЕГЭ", "русский язык", "", 20, "71,5", "5", "15"]);
  return rows;
}

describe("who may import exam results", () => {
  const calls = async (who: PersonKey | null) => [
    await upload(who, csvFile([HEADER, ...schoolRows("s-low")]), { dryRun: true }),
    await t.as(who, { method: "GET", url: "/api/imports/templates/exam-results" }),
  ];
  it.each(["teacher", "principal", "principalElsewhere", "mentor", "municipal", "municipalElsewhere"] as PersonKey[])("%s gets 403", async (who) => {
    for (const res of await calls(who)) expect(res.statusCode).toBe(403);
  });
  it.each(["methodologist", "admin"] as PersonKey[])("%s may check a file and download the template", async (who) => {
    for (const res of await calls(who)) expect(res.statusCode).toBe(200);
  });
  it("without a token the answer is 401", async () => {
    for (const res of await calls(null)) expect(res.statusCode).toBe(401);
  });
});

describe("checking a file", () => {
  const bad: TestCell[][] = [
    HEADER,
    ["s-low", YEAR, "ВПР", "математика", 6, 48, "3,4", "12,5", "41,7"],
    ["s-nowhere", YEAR, "ВПР", "математика", 6, 48, "", "", ""],
    ["far-s", YEAR, "ОГЭ", "математика", "", 30, "", "", ""],
    ["s-low", YEAR + 2, "ОГЭ", "математика", "", 30, "", "", ""],
    ["s-low", YEAR, "ГИА-10", "математика", 6, 30, "", "", ""],
    ["s-low", YEAR, "ВПР", "астрономия", 6, 30, "", "", ""],
    ["s-low", YEAR, "ВПР", "математика", 10, 30, "", "", ""],
    ["s-low", YEAR, "ОГЭ", "математика", 8, 30, "", "", ""],
    ["s-low", YEAR, "ВПР", "русский язык", 6, "сорок", "", "", ""],
    ["s-low", YEAR, "ВПР", "русский язык", 7, 30, "", "120", ""],
    ["s-low", YEAR, "ВПР", "русский язык", 8, 30, "", "70", "40"],
    ["s-low", YEAR, "ВПР", "математика", 6, 30, "", "", ""],
    ["s-low", YEAR, "ВПР", "математика", "", 30, "", "", ""],
    ["s-low", YEAR, "ВПР", "математика", 7, { formula: "20+10", result: 30 }, "", "", ""],
  ];

  it("names every bad row with its column and reason, and writes nothing", async () => {
    const before = await counts();
    const res = await upload("methodologist", await xlsxFile(bad), { dryRun: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: "exam-results", dryRun: true, valid: false, rows: 14, created: 0, updated: 0, wouldCreate: 0, wouldUpdate: 0 });
    expect(body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [3, "Код школы", "unknown_school"], [4, "Код школы", "unknown_school"], [5, "Год", "invalid_value"], [6, "Экзамен", "invalid_value"],
      [7, "Предмет", "unknown_subject"], [8, "Класс", "invalid_value"], [9, "Класс", "invalid_value"], [10, "Участников", "invalid_value"],
      [11, "Доля „2“ / не преодолели минимум, %", "invalid_value"], [12, "Доля „4“ и „5“ / 81+ баллов, %", "invalid_value"],
      [13, "Код школы", "duplicate_code"], [14, "Класс", "missing_field"], [15, "Участников", "formula_in_cell"],
    ]);
    for (const e of body.errors) expect(e.message).toMatch(/[А-Яа-яЁё]/);
    expect(body.errors.find((e: { row: number }) => e.row === 8).message).toContain("4–8 и 11");
    expect(body.errors.find((e: { row: number }) => e.row === 11).message).toContain("от 0 до 100");
    expect(await counts()).toEqual(before);
  });

  it("the same file imported for real is refused whole", async () => {
    const before = await counts();
    const res = await upload("methodologist", await xlsxFile(bad));
    expect(res.json()).toMatchObject({ valid: false, dryRun: false, created: 0, updated: 0, errorsTotal: 13 });
    expect(await counts()).toEqual(before);
    expect(await stored("s-low", "vpr", "math", 6)).toBeUndefined();
  });

  it("a missing required column refuses the file and names it", async () => {
    const res = await upload("methodologist", csvFile([HEADER.slice(0, 4), ["s-low", YEAR, "ВПР", "математика"]]), { dryRun: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "missing_columns", message: expect.stringContaining("«Участников»") });
  });
});

describe("importing exam results", () => {
  it("writes a clean file in one go, shares as fractions, ОГЭ in grade 9 and ЕГЭ in grade 11, and logs it", async () => {
    const before = await counts();
    const rows = [...schoolRows("s-low"), ...schoolRows("s-other", YEAR, 30)];
    const dry = (await upload("methodologist", await xlsxFile([HEADER, ...rows]), { dryRun: true })).json();
    expect(dry).toMatchObject({ valid: true, wouldCreate: 26, wouldUpdate: 0 });
    expect(await counts()).toEqual(before);

    const res = (await upload("methodologist", await xlsxFile([HEADER, ...rows]), { name: "ВПР и ОГЭ.xlsx" })).json();
    expect(res).toMatchObject({ valid: true, dryRun: false, rows: 26, created: 26, updated: 0, batchId: expect.any(String) });
    expect(await counts()).toEqual({ exam_results: before.exam_results + 26, import_batches: before.import_batches + 1 });
    expect(await stored("s-low", "vpr", "math", 6)).toMatchObject({ participants: 46, mean_score: 3.5, share_failed: 0.125, share_high: 0.4, created_by: t.people.methodologist.id });
    expect(await stored("s-other", "oge", "russian", 9)).toMatchObject({ participants: 52, share_failed: 0.038 });
    expect(await stored("s-low", "ege", "russian", 11)).toMatchObject({ mean_score: 71.5, share_failed: 0.05 });
    const history = (await t.as("methodologist", { method: "GET", url: "/api/imports/history" })).json();
    expect(history[0]).toMatchObject({ kind: "exam-results", fileName: "ВПР и ОГЭ.xlsx", rows: 26, created: 26, updated: 0 });
  });

  it("a second import of the same file creates nothing and updates every row by its key", async () => {
    const rows = [HEADER, ...schoolRows("s-high")];
    await upload("admin", csvFile(rows));
    const before = await counts();
    const again = (await upload("admin", csvFile(rows))).json();
    expect(again).toMatchObject({ valid: true, created: 0, updated: 13 });
    expect((await counts()).exam_results).toBe(before.exam_results);
  });

  it("new figures replace the stored ones; an empty optional cell keeps what is stored", async () => {
    await upload("methodologist", csvFile([HEADER, ["s-high", YEAR - 1, "ВПР", "математика", 5, 40, "3,9", "4", "60"]]));
    const res = (await upload("methodologist", csvFile([HEADER, ["s-high", `${YEAR - 2}/${YEAR - 1}`, "впр", "Математика", "5 класс", 41, "", "6,5", ""]]))).json();
    expect(res).toMatchObject({ valid: true, created: 0, updated: 1 });
    expect(await stored("s-high", "vpr", "math", 5, YEAR - 1)).toMatchObject({ participants: 41, mean_score: 3.9, share_failed: 0.065, share_high: 0.6 });
  });

  it("the template, filled with its own examples, passes the check", async () => {
    for (const format of ["xlsx", "csv"] as const) {
      const file = await t.as("methodologist", { method: "GET", url: `/api/imports/templates/exam-results?format=${format}` });
      expect(file.statusCode).toBe(200);
      const res = await upload("methodologist", file.rawPayload, { dryRun: true, name: `шаблон.${format}` });
      expect(res.json(), format).toMatchObject({ valid: true, rows: 3, errors: [] });
    }
    const xlsx = await t.as("methodologist", { method: "GET", url: "/api/imports/templates/exam-results" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [data, instruction] = workbook.worksheets;
    expect((data!.getRow(1).values as string[]).slice(1)).toEqual(HEADER);
    const explained = new Set<string>();
    instruction!.eachRow((row) => explained.add(String(row.getCell(1).value)));
    for (const h of HEADER) expect(explained.has(h), h).toBe(true);
  });
});
