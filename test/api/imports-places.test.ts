// Imports of municipalities and schools, the templates of every kind and the log of imports.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, MUNICIPALITIES_HEADER, multipart, PEOPLE_HEADER, peopleRows, SCHOOLS_HEADER, seedOtherRegion, tableCounts } from "../fixtures/import-files.js";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedOtherRegion(t.db);
});
afterAll(async () => { await t.close(); });

type Kind = "people" | "schools" | "municipalities";
const upload = (who: PersonKey | null, kind: Kind, bytes: Buffer, options: { dryRun?: boolean; name?: string } = {}) =>
  t.as(who, { method: "POST", url: `/api/imports/${kind}${options.dryRun ? "?dryRun=true" : ""}`, ...multipart(bytes, options.name ?? "файл.csv") });
const counts = () => tableCounts(t.db);

describe("importing schools and municipalities", () => {
  it("creates and updates schools with the programme's flags; empty cells keep what is stored", async () => {
    const file = csvFile([SCHOOLS_HEADER,
      ["m1-s7", "m1", "МБОУ «СОШ № 7»", "СОШ № 7", "посёлок", "420", "да", "нет", "нет", "ШНОР; Преподавание математики", "+7 (3452) 11-22-33", "s7@school.example"],
      ["s-low", "m1", "Школа с низкими результатами (новое название)", "", "", "", "", "да", "", "", "", ""]]);
    const res = (await upload("methodologist", "schools", file, { name: "школы.csv" })).json();
    expect(res).toMatchObject({ valid: true, created: 1, updated: 1 });
    const s7 = await t.db.selectFrom("schools").selectAll().where("id", "=", "m1-s7").executeTakeFirstOrThrow();
    expect(s7).toMatchObject({ municipality_id: "m1", short_name: "СОШ № 7", locality: "town", students: 420, low_results: true, unfavourable: false, high_results: false, clusters: ["low-results", "math-teaching"], phone: "+7 (3452) 11-22-33", email: "s7@school.example" });
    const low = await t.db.selectFrom("schools").selectAll().where("id", "=", "s-low").executeTakeFirstOrThrow();
    expect(low).toMatchObject({ name: "Школа с низкими результатами (новое название)", short_name: "СОШ № 1", low_results: true, unfavourable: true, clusters: ["low-results"] });
    const before = await counts();
    expect((await upload("methodologist", "schools", file)).json()).toMatchObject({ created: 0, updated: 2 });
    expect((await counts()).schools).toBe(before.schools);
  });

  it("refuses a school code of another region, an unknown municipality and a school both ШНОР and high-result", async () => {
    const before = await counts();
    const res = (await upload("methodologist", "schools", csvFile([SCHOOLS_HEADER.slice(0, 9),
      ["far-s", "m1", "Чужая школа", "", "", "", "", "", ""],
      ["m1-s8", "m-none", "Школа 8", "", "", "", "", "", ""],
      ["s-high", "m1", "Школа с высокими результатами", "", "", "", "да", "", ""]]))).json();
    expect(res.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [2, "Код", "taken_code"], [3, "Код муниципалитета", "unknown_municipality"], [4, "ШНОР", "invalid_value"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("creates municipalities with neighbours in both directions, and re-importing adds nothing", async () => {
    const file = csvFile([MUNICIPALITIES_HEADER, ["m3", "Третий район", "m1; m4"], ["m4", "Четвёртый район", ""], ["m2", "Второй район", ""]]);
    const res = (await upload("methodologist", "municipalities", file)).json();
    expect(res).toMatchObject({ valid: true, created: 2, updated: 1 });
    const pairs = (await t.db.selectFrom("municipality_neighbours").select(["municipality_id", "neighbour_id"]).where("municipality_id", "in", ["m3", "m4"]).execute())
      .map((p) => `${p.municipality_id}-${p.neighbour_id}`).sort();
    expect(pairs).toEqual(["m3-m1", "m3-m4", "m4-m3"]);
    const back = await t.db.selectFrom("municipality_neighbours").select("neighbour_id").where("municipality_id", "=", "m1").orderBy("neighbour_id").execute();
    expect(back.map((b) => b.neighbour_id)).toEqual(["m2", "m3"]);
    const before = await counts();
    expect((await upload("methodologist", "municipalities", file)).json()).toMatchObject({ created: 0, updated: 3 });
    const after = await counts();
    expect([after.municipalities, after.municipality_neighbours]).toEqual([before.municipalities, before.municipality_neighbours]);
  });

  it("refuses a neighbour nobody knows and a code another region holds", async () => {
    const res = (await upload("methodologist", "municipalities", csvFile([MUNICIPALITIES_HEADER, ["m5", "Пятый", "m-ghost"], ["far-m", "Захват", ""]]))).json();
    expect(res.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[2, "unknown_municipality"], [3, "taken_code"]]);
    expect(await t.db.selectFrom("municipalities").select("id").where("id", "=", "m5").executeTakeFirst()).toBeUndefined();
  });
});

describe("templates and history", () => {
  it.each(["people", "schools", "municipalities"] as const)("the %s template has the headers, two examples and an instruction on every column", async (kind) => {
    const res = await t.as("methodologist", { method: "GET", url: `/api/imports/templates/${kind}?format=xlsx` });
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [data, instruction] = workbook.worksheets;
    const header = { people: PEOPLE_HEADER, schools: SCHOOLS_HEADER, municipalities: MUNICIPALITIES_HEADER }[kind];
    expect((data!.getRow(1).values as string[]).slice(1)).toEqual(header);
    expect(data!.actualRowCount).toBe(3);
    expect(instruction!.name).toBe("Инструкция");
    const explained = new Set<string>();
    instruction!.eachRow((row) => explained.add(String(row.getCell(1).value)));
    for (const h of header) expect(explained.has(h), h).toBe(true);
  });

  it.each(["people", "schools"] as const)("the %s template, as downloaded, passes the check in both formats", async (kind) => {
    for (const format of ["xlsx", "csv"]) {
      const file = await t.as("admin", { method: "GET", url: `/api/imports/templates/${kind}?format=${format}` });
      const res = await upload("admin", kind, file.rawPayload, { dryRun: true, name: `t.${format}` });
      expect(res.json(), format).toMatchObject({ valid: true, rows: 2, errors: [] });
    }
  });

  it("the history lists the region's imports, newest first, with the file, counts and who", async () => {
    await upload("admin", "people", csvFile([PEOPLE_HEADER, ...peopleRows(1, ["s-low"], "history")]), { name: "Сотрудники школы.csv" });
    const history = (await t.as("methodologist", { method: "GET", url: "/api/imports/history" })).json();
    expect(history[0]).toMatchObject({ kind: "people", fileName: "Сотрудники школы.csv", rows: 1, created: 1, updated: 0, createdBy: "Тест admin" });
    const times = history.map((b: { createdAt: string }) => b.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(history.length).toBeLessThanOrEqual(50);
  });
});
