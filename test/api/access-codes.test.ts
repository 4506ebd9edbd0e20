// Personal access codes: issued per school, shown once (PDF or XLSX), stored as digests, signing in as the person; staff only.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessCodeDigest, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, multipart, PEOPLE_HEADER, peopleRows } from "../fixtures/import-files.js";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await t.db.insertInto("regions").values({ id: "r2", name: "Соседняя область" }).execute();
  await t.db.insertInto("municipalities").values({ id: "far-m", region_id: "r2", name: "Дальний район" }).execute();
  await t.db.insertInto("schools").values({ id: "far-s", municipality_id: "far-m", name: "Дальняя школа", short_name: "Дальняя", clusters: [] }).execute();
  await t.db.insertInto("users").values({ full_name: "Чужой Учитель", region_id: "r2", municipality_id: "far-m", school_id: "far-s" }).execute();
});
afterAll(async () => { await t.close(); });

interface IssuedRow { municipality: string; school: string; name: string; position: string; email: string; code: string }

const issue = (who: PersonKey | null, body: Record<string, unknown>) => t.as(who, { method: "POST", url: "/api/access-codes/people", payload: body });

async function issuedRows(payload: Buffer): Promise<IssuedRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0]!;
  expect((ws.getRow(1).values as string[]).slice(1)).toEqual(["Муниципалитет", "Школа", "ФИО", "Должность", "E-mail", "Код"]);
  const rows: IssuedRow[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const [municipality, school, name, position, email, code] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ""));
    rows.push({ municipality: municipality!, school: school!, name: name!, position: position!, email: email!, code: code! });
  });
  return rows;
}

const signIn = (code: string) => t.as(null, { method: "POST", url: "/api/auth/code", payload: { code } });
const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;
const overview = async (query = "") => (await t.as("methodologist", { method: "GET", url: `/api/access-codes/schools${query}` })).json() as Array<{ schoolId: string; people: number; withCode: number; withoutCode: number }>;

describe("who may see and issue codes", () => {
  const refused: PersonKey[] = ["teacher", "principal", "mentor", "municipal"];
  it.each(refused)("%s gets 403 on both routes", async (who) => {
    expect((await t.as(who, { method: "GET", url: "/api/access-codes/schools" })).statusCode).toBe(403);
    expect((await issue(who, { schoolIds: ["s-low"], reissue: true, format: "xlsx" })).statusCode).toBe(403);
  });
  it.each(["methodologist", "admin"] as PersonKey[])("%s may use both", async (who) => {
    expect((await t.as(who, { method: "GET", url: "/api/access-codes/schools" })).statusCode).toBe(200);
    expect((await issue(who, { schoolIds: ["s-low"], reissue: true, format: "xlsx" })).statusCode).toBe(200);
  });
  it("without a token both answer 401", async () => {
    expect((await t.as(null, { method: "GET", url: "/api/access-codes/schools" })).statusCode).toBe(401);
    expect((await issue(null, { format: "pdf" })).statusCode).toBe(401);
  });
});

describe("issuing codes", () => {
  it("the XLSX lists each person's new code once; a code signs in as that person; only digests are stored", async () => {
    const res = await issue("methodologist", { schoolIds: ["s-low", "s-high"], reissue: true, format: "xlsx" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(".xlsx");
    expect(res.headers["cache-control"]).toBe("no-store");
    const rows = await issuedRows(res.rawPayload);
    expect(rows.map((r) => r.name).sort()).toEqual(["Тест mentor", "Тест otherMentor", "Тест principal", "Тест teacher", "Тест teacherRussian"]);
    expect(res.headers["x-codes-issued"]).toBe("5");
    expect(new Set(rows.map((r) => r.code)).size).toBe(5);
    const teacherRow = rows.find((r) => r.name === "Тест teacher")!;
    expect(teacherRow).toMatchObject({ municipality: "Первый район", school: "Школа с низкими результатами" });

    const session = await signIn(teacherRow.code.toLowerCase().replace(/-/g, " "));
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: t.people.teacher.id, roles: ["teacher"], schoolId: "s-low" });

    const stored = await t.db.selectFrom("access_codes").selectAll().where("user_id", "=", t.people.teacher.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: "person", school_id: "s-low", code_hash: accessCodeDigest(normalizeAccessCode(teacherRow.code)!) });
    expect(JSON.stringify(stored)).not.toContain(teacherRow.code.replace(/-/g, ""));
    const days = (stored[0]!.expires_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364.9);
    expect(days).toBeLessThan(365.1);
  });

  it("without reissue, only people without a valid code get one; with nobody left it answers 409", async () => {
    await issue("methodologist", { schoolIds: ["s-other"], reissue: true, format: "xlsx" });
    await t.as("methodologist", { method: "POST", url: "/api/imports/people", ...multipart(csvFile([PEOPLE_HEADER, ...peopleRows(2, ["s-other"], "newcomer")]), "n.csv") });
    const res = await issue("methodologist", { schoolIds: ["s-other"], format: "xlsx" });
    const rows = await issuedRows(res.rawPayload);
    expect(rows.map((r) => r.email).sort()).toEqual(["newcomer.1@school.example", "newcomer.2@school.example"]);
    const none = await issue("methodologist", { schoolIds: ["s-other"], format: "pdf" });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe("nothing_to_issue");
  });

  it("reissuing gives new codes and the old ones stop working", async () => {
    const first = (await issuedRows((await issue("admin", { schoolIds: ["s-high"], reissue: true, format: "xlsx" })).rawPayload)).find((r) => r.name === "Тест mentor")!;
    expect((await signIn(first.code)).statusCode).toBe(200);
    const second = (await issuedRows((await issue("admin", { schoolIds: ["s-high"], reissue: true, format: "xlsx" })).rawPayload)).find((r) => r.name === "Тест mentor")!;
    expect(second.code).not.toBe(first.code);
    expect((await signIn(first.code)).statusCode).toBe(401);
    expect((await signIn(second.code)).json().user.id).toBe(t.people.mentor.id);
  });

  it("the PDF has a page for each school, and more for a school with many people", async () => {
    const res = await issue("methodologist", { reissue: true, format: "pdf" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const withPeople = (await overview()).filter((s) => s.people > 0);
    expect(withPeople).toHaveLength(3);
    expect(pages(res.rawPayload)).toBe(3);

    await t.as("methodologist", { method: "POST", url: "/api/imports/people", ...multipart(csvFile([PEOPLE_HEADER, ...peopleRows(40, ["s-high"], "crowd")]), "c.csv") });
    const crowd = await issue("methodologist", { schoolIds: ["s-high"], reissue: true, format: "pdf" });
    expect(res.headers["x-codes-issued"]).toBe(String(withPeople.reduce((n, s) => n + s.people, 0)));
    expect(pages(crowd.rawPayload)).toBeGreaterThanOrEqual(4);
  });

  it("the overview counts people with and without a valid code per school, and filters by municipality", async () => {
    await issue("methodologist", { reissue: true, format: "xlsx" });
    await t.as("methodologist", { method: "POST", url: "/api/imports/people", ...multipart(csvFile([PEOPLE_HEADER, ...peopleRows(3, ["s-low"], "late")]), "l.csv") });
    await t.db.updateTable("access_codes").set({ expires_at: new Date(Date.now() - 1000) }).where("user_id", "=", t.people.principal.id).execute();
    const low = (await overview()).find((s) => s.schoolId === "s-low")!;
    expect(low).toMatchObject({ people: 6, withCode: 2, withoutCode: 4 });
    const m2 = await overview("?municipalityId=m2");
    expect(m2.map((s) => s.schoolId)).toEqual(["s-other"]);
    expect((await overview()).some((s) => s.schoolId === "far-s")).toBe(false);
    // The expired code's owner is served again without reissue, along with the newcomers.
    const rows = await issuedRows((await issue("methodologist", { municipalityId: "m1", format: "xlsx" })).rawPayload);
    expect(rows.map((r) => r.name).sort()).toEqual(["Сотрудникова Анна late 1", "Сотрудникова Анна late 2", "Сотрудникова Анна late 3", "Тест principal"]);
  });
});

describe("the region's limits", () => {
  it("names unknown schools and schools of another region, and issues nothing", async () => {
    const before = await t.db.selectFrom("access_codes").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await issue("methodologist", { schoolIds: ["s-low", "no-such", "far-s"], reissue: true, format: "pdf" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "unknown_school", message: expect.stringContaining("no-such, far-s") });
    const after = await t.db.selectFrom("access_codes").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses a municipality of another region, and schools outside the municipality named", async () => {
    expect((await issue("methodologist", { municipalityId: "far-m", format: "pdf" })).json().error.code).toBe("unknown_municipality");
    expect((await issue("methodologist", { municipalityId: "m2", schoolIds: ["s-low"], format: "pdf" })).json().error.code).toBe("unknown_school");
    expect((await t.as("methodologist", { method: "GET", url: "/api/access-codes/schools?municipalityId=far-m" })).statusCode).toBe(404);
  });

  it("validates the request body", async () => {
    expect((await issue("methodologist", { schoolIds: ["s-low"] })).statusCode).toBe(400);
    expect((await issue("methodologist", { format: "docx" })).statusCode).toBe(400);
    expect((await issue("methodologist", { schoolIds: [], format: "pdf" })).statusCode).toBe(400);
  });
});
