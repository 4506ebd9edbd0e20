// Imports of staff: a file is checked whole, nothing is written while it has an error, a clean file is written once and re-imports create nothing.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, multipart, PEOPLE_HEADER, peopleRows, seedOtherRegion, tableCounts, xlsxFile, type TestCell } from "../fixtures/import-files.js";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedOtherRegion(t.db);
  await t.db.updateTable("users").set({ email: "methodologist@iro.example" }).where("id", "=", t.people.methodologist.id).execute();
});
afterAll(async () => { await t.close(); });

type Kind = "people" | "schools" | "municipalities";
const upload = (who: PersonKey | null, kind: Kind, bytes: Buffer, options: { dryRun?: boolean; name?: string } = {}) =>
  t.as(who, { method: "POST", url: `/api/imports/${kind}${options.dryRun ? "?dryRun=true" : ""}`, ...multipart(bytes, options.name ?? "файл.xlsx") });
const counts = () => tableCounts(t.db);
const person = (email: string) => t.db.selectFrom("users").selectAll().where(sql`lower(email)`, "=", email.toLowerCase()).executeTakeFirst();
const rolesOf = async (id: string) => (await t.db.selectFrom("user_roles").select("role").where("user_id", "=", id).orderBy("role").execute()).map((r) => r.role);

describe("who may import", () => {
  const refused: PersonKey[] = ["teacher", "principal", "mentor", "municipal"];
  const allowed: PersonKey[] = ["methodologist", "admin"];
  const calls = async (who: PersonKey | null) => {
    const people = await xlsxFile([PEOPLE_HEADER, ...peopleRows(1, ["s-low"], `roles-${who}`)]);
    const schools = csvFile([["Код", "Код муниципалитета", "Полное название"], ["s-low", "m1", "Школа с низкими результатами"]]);
    const municipalities = csvFile([["Код", "Название"], ["m1", "Первый район"]]);
    return [
      await upload(who, "people", people, { dryRun: true }), await upload(who, "schools", schools, { dryRun: true }),
      await upload(who, "municipalities", municipalities, { dryRun: true }),
      await t.as(who, { method: "GET", url: "/api/imports/templates/people" }), await t.as(who, { method: "GET", url: "/api/imports/history" }),
    ];
  };

  it.each(refused)("%s gets 403 on every import route", async (who) => {
    for (const res of await calls(who)) expect(res.statusCode).toBe(403);
  });
  it.each(allowed)("%s may use every import route", async (who) => {
    for (const res of await calls(who)) expect(res.statusCode).toBe(200);
  });
  it("without a token every route answers 401", async () => {
    for (const res of await calls(null)) expect(res.statusCode).toBe(401);
  });
});

describe("checking a staff file", () => {
  const bad: TestCell[][] = [
    PEOPLE_HEADER,
    ["Иванова Анна Петровна", "Учитель математики", "s-low", "математика", "учитель", "ivanova@check.example"],
    ["", "Учитель", "s-low", "физика", "учитель", "noname@check.example"],
    ["Петров Пётр", "Учитель", "s-nowhere", "физика", "учитель", "petrov@check.example"],
    ["Сидорова Ольга", "Учитель", "s-low", "физика", "учитель", "IVANOVA@check.example"],
    ["Кузнецов Иван", "Учитель", "s-low", "физика", "учитель", "kuznetsov@"],
    ["Смирнова Ирина", "Учитель", "s-low", "астрономия и магия", "учитель", "smirnova@check.example"],
    ["Попов Олег", "Завуч", "s-low", "", "завуч", "popov@check.example"],
    ["Волков Николай", "Методист", "s-low", "", "методист", "volkov@check.example"],
    [{ formula: "UPPER(\"зайцев\")", result: "ЗАЙЦЕВ" }, "Учитель", "s-low", "химия", "учитель", "zaitsev@check.example"],
    ["<script>alert(1)</script>", "Учитель", "s-low", "химия", "учитель", "script@check.example"],
    ["Морозова Вера", "у".repeat(301), "s-low", "химия", "учитель", "morozova@check.example"],
    ["Лебедев Юрий", "Учитель", "s-low", "химия", "учитель", "far@school.example"],
    ["Соколова Нина", "Учитель", "s-low", "химия", "учитель", "methodologist@iro.example"],
    ["Орлова Елена", "Учитель", "s-low", "", "учитель", "orlova@check.example"],
    ["Егоров Антон", "+Учитель", "s-low", "химия", "учитель", "egorov@check.example"],
  ];

  it("lists every bad row with its row, column and reason in Russian, and writes nothing", async () => {
    const before = await counts();
    const res = await upload("methodologist", "people", await xlsxFile(bad), { dryRun: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: "people", dryRun: true, valid: false, rows: 15, created: 0, updated: 0, wouldCreate: 0, wouldUpdate: 0 });
    const found = body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]);
    expect(found).toEqual([
      [3, "ФИО", "missing_field"], [4, "Код школы", "unknown_school"], [5, "E-mail", "duplicate_person"], [6, "E-mail", "malformed_email"],
      [7, "Предметы", "unknown_subject"], [8, "Роли", "unknown_role"], [9, "Роли", "forbidden_role"], [10, "ФИО", "formula_in_cell"],
      [11, "ФИО", "markup_in_cell"], [12, "Должность", "too_long"], [13, "E-mail", "email_taken"], [14, "E-mail", "staff_account"],
      [15, "Предметы", "missing_field"], [16, "Должность", "formula_in_cell"],
    ]);
    expect(body.errorsTotal).toBe(14);
    for (const e of body.errors) expect(e.message).toMatch(/[А-Яа-яЁё]/);
    expect(body.errors.find((e: { row: number }) => e.row === 5).message).toContain("строке 2");
    expect(body.errors.find((e: { row: number }) => e.row === 4).message).toContain("«s-nowhere»");
    expect(await counts()).toEqual(before);
  });

  it("the same file imported for real is refused whole: nothing is written, and the errors are the same", async () => {
    const before = await counts();
    const res = await upload("methodologist", "people", await xlsxFile(bad));
    expect(res.json()).toMatchObject({ valid: false, dryRun: false, created: 0, updated: 0, errorsTotal: 14 });
    expect(await counts()).toEqual(before);
    expect(await person("ivanova@check.example")).toBeUndefined();
  });

  it("one bad row among good ones keeps every good one out too", async () => {
    const rows = peopleRows(30, ["s-low", "s-high", "s-other"], "one-bad");
    rows[17]![5] = "not-an-address";
    const before = await counts();
    const res = await upload("methodologist", "people", csvFile([PEOPLE_HEADER, ...rows]), { name: "люди.csv" });
    expect(res.json()).toMatchObject({ valid: false, rows: 30, created: 0, updated: 0, errors: [{ row: 19, field: "E-mail", code: "malformed_email" }] });
    expect(await counts()).toEqual(before);
  });

  it("a clean dry run says what an import would create and update, and writes nothing", async () => {
    await upload("methodologist", "people", csvFile([PEOPLE_HEADER, ...peopleRows(2, ["s-low"], "dry")]));
    const before = await counts();
    const res = await upload("methodologist", "people", csvFile([PEOPLE_HEADER, ...peopleRows(5, ["s-low"], "dry")]), { dryRun: true });
    expect(res.json()).toMatchObject({ valid: true, dryRun: true, rows: 5, errors: [], created: 0, updated: 0, wouldCreate: 3, wouldUpdate: 2 });
    expect(await counts()).toEqual(before);
  });
});

describe("importing staff", () => {
  it("creates people with their school, municipality, subjects and roles, signing in by code only; a second import creates nothing", async () => {
    const rows = [PEOPLE_HEADER,
      ["Новикова Дарья Сергеевна", "Учитель математики", "s-low", "математика; алгебра", "учитель; наставник", "Novikova@New.example"],
      ["Фёдоров Игорь", "Директор", "s-other", "", "руководитель", "fedorov@new.example"]];
    const before = await counts();
    const first = (await upload("methodologist", "people", await xlsxFile(rows))).json();
    expect(first).toMatchObject({ valid: true, dryRun: false, rows: 2, created: 2, updated: 0, batchId: expect.any(String) });
    const novikova = (await person("novikova@new.example"))!;
    expect(novikova).toMatchObject({
      full_name: "Новикова Дарья Сергеевна", position: "Учитель математики", email: "novikova@new.example", region_id: "r1",
      municipality_id: "m1", school_id: "s-low", subjects: ["math"], login: null, password_hash: null,
    });
    expect(await rolesOf(novikova.id)).toEqual(["mentor", "teacher"]);
    expect(await person("fedorov@new.example")).toMatchObject({ municipality_id: "m2", school_id: "s-other", subjects: [] });
    const afterFirst = await counts();
    expect(afterFirst.users - before.users).toBe(2);
    expect(afterFirst.import_batches - before.import_batches).toBe(1);

    const again = (await upload("methodologist", "people", await xlsxFile(rows))).json();
    expect(again).toMatchObject({ valid: true, created: 0, updated: 2 });
    const afterSecond = await counts();
    expect({ ...afterSecond, import_batches: afterFirst.import_batches }).toEqual(afterFirst);
  });

  it("updates a person found by e-mail: new school and position, school roles replaced, subjects kept when the cell is empty", async () => {
    await upload("methodologist", "people", csvFile([PEOPLE_HEADER, ["Белова Ксения", "Учитель", "s-low", "физика; химия", "учитель; наставник", "belova@move.example"]]));
    const res = await upload("methodologist", "people", csvFile([PEOPLE_HEADER, ["Белова Ксения Андреевна", "Заместитель директора", "s-other", "", "директор", "BELOVA@move.example"]]));
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    const belova = (await person("belova@move.example"))!;
    expect(belova).toMatchObject({ full_name: "Белова Ксения Андреевна", position: "Заместитель директора", school_id: "s-other", municipality_id: "m2", subjects: ["chemistry", "physics"] });
    expect(await rolesOf(belova.id)).toEqual(["principal"]);
  });

  it("newcomers join the running campaign c1 for their subjects; a re-import assigns nothing twice", async () => {
    const rows = [PEOPLE_HEADER, ["Григорьева Алла", "Учитель", "s-high", "математика; русский язык", "учитель", "grigorieva@c1.example"]];
    const res = (await upload("admin", "people", csvFile(rows))).json();
    expect(res.assigned).toBeGreaterThanOrEqual(2);
    const id = (await person("grigorieva@c1.example"))!.id;
    const assigned = await t.db.selectFrom("campaign_assignments").select(["instrument_id", "school_id", "municipality_id"])
      .where("campaign_id", "=", "c1").where("user_id", "=", id).orderBy("instrument_id").execute();
    expect(assigned).toEqual([
      { instrument_id: "subject-math", school_id: "s-high", municipality_id: "m1" },
      { instrument_id: "subject-russian", school_id: "s-high", municipality_id: "m1" },
    ]);
    expect((await upload("admin", "people", csvFile(rows))).json()).toMatchObject({ created: 0, updated: 1, assigned: 0 });
  });

  it("reads XLSX, CSV with commas and CSV with semicolons and a BOM alike", async () => {
    const rows = [PEOPLE_HEADER, ...peopleRows(4, ["s-low", "s-other"], "formats")];
    expect((await upload("methodologist", "people", await xlsxFile(rows))).json()).toMatchObject({ valid: true, created: 4, updated: 0 });
    expect((await upload("methodologist", "people", csvFile(rows, { delimiter: "," }), { name: "a.csv" })).json()).toMatchObject({ valid: true, created: 0, updated: 4 });
    expect((await upload("methodologist", "people", csvFile(rows, { delimiter: ";", bom: true }), { name: "b.csv" })).json()).toMatchObject({ valid: true, created: 0, updated: 4 });
    expect((await upload("methodologist", "people", csvFile(rows, { delimiter: "\t", eol: "\n" }), { name: "c.txt" })).json()).toMatchObject({ valid: true, created: 0, updated: 4 });
  });

  it("imports 5,000 people in one file, and a second time creates none", async () => {
    const rows = peopleRows(5000, ["s-low", "s-high", "s-other"], "bulk");
    const bytes = await xlsxFile([PEOPLE_HEADER, ...rows]);
    const before = await counts();
    expect((await upload("methodologist", "people", bytes, { dryRun: true })).json()).toMatchObject({ valid: true, rows: 5000, wouldCreate: 5000 });
    const res = (await upload("methodologist", "people", bytes)).json();
    expect(res).toMatchObject({ valid: true, rows: 5000, created: 5000, updated: 0 });
    const after = await counts();
    expect(after.users - before.users).toBe(5000);
    expect(after.user_roles - before.user_roles).toBe(5500);
    expect(after.campaign_assignments - before.campaign_assignments).toBe(res.assigned);
    expect(res.assigned).toBe(5000 + 500 * 2);
    expect((await upload("methodologist", "people", bytes)).json()).toMatchObject({ created: 0, updated: 5000, assigned: 0 });
    const again = await counts();
    expect({ ...again, import_batches: after.import_batches }).toEqual(after);
  }, 120_000);
});

describe("files that cannot be checked", () => {
  it("answers 400 unsupported_file for something that is not a table", async () => {
    const pdf = await upload("methodologist", "people", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj"), { name: "people.xlsx" });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe("unsupported_file");
    const png = await upload("methodologist", "people", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { name: "photo.csv" });
    expect(png.json().error).toMatchObject({ code: "unsupported_file", message: expect.stringMatching(/XLSX или CSV/) });
  });

  it("answers 400 no_file without a file, or with the file in another field", async () => {
    const json = await t.as("methodologist", { method: "POST", url: "/api/imports/people", payload: { file: "x" } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe("no_file");
    const other = await t.as("methodologist", { method: "POST", url: "/api/imports/people", ...multipart(csvFile([PEOPLE_HEADER]), "a.csv", "document") });
    expect(other.json().error.code).toBe("no_file");
    const none = await t.as("methodologist", { method: "POST", url: "/api/imports/people" });
    expect(none.json().error.code).toBe("no_file");
  });

  it("answers 413 for a file over 20 MB and 400 for a body cut off on the way, never 500", async () => {
    const big = await upload("methodologist", "people", Buffer.alloc(21 * 1024 * 1024, 0x41), { name: "big.csv" });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("20 МБ") });
    const whole = multipart(csvFile([PEOPLE_HEADER, ...peopleRows(2, ["s-low"], "cut")]), "cut.csv");
    const cut = await t.as("methodologist", { method: "POST", url: "/api/imports/people", payload: whole.payload.subarray(0, whole.payload.length - 30), headers: whole.headers });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.code).toBe("no_file");
    expect(await person("cut.1@school.example")).toBeUndefined();
  });

  it("names the missing columns, and refuses an empty file and a bad dryRun value", async () => {
    const missing = await upload("methodologist", "people", csvFile([["ФИО", "Должность"], ["Иванова", "Учитель"]]));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: "missing_columns", message: expect.stringContaining("«Код школы», «Роли», «E-mail»") });
    expect((await upload("methodologist", "people", Buffer.alloc(0))).json().error.code).toBe("empty_file");
    expect((await upload("methodologist", "people", csvFile([PEOPLE_HEADER]))).json().error.code).toBe("empty_file");
    const query = await t.as("methodologist", { method: "POST", url: "/api/imports/people?dryRun=perhaps", ...multipart(csvFile([PEOPLE_HEADER])) });
    expect(query.statusCode).toBe(400);
  });
});
