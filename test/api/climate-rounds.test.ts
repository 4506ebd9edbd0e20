// Opening climate rounds: codes issued once and stored as digests, each signing in once to its audience's questionnaire.
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessCodeDigest, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";
import { call, openRound, setupClimateApp, signInWithCode } from "./climate-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupClimateApp(); });
afterAll(async () => { await t.close(); });

const counts = async () => {
  const [rounds, codes] = await Promise.all([
    t.db.selectFrom("climate_rounds").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    t.db.selectFrom("access_codes").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rounds: Number(rounds.n), codes: Number(codes.n) };
};

describe("opening a round", () => {
  it("gives the principal codes once, in the contract's shape, and stores only their digests", async () => {
    const res = await call(t, "principal", "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 6 });
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { id, codes } = res.json() as { id: string; codes: string[] };
    expect(codes).toHaveLength(6);
    expect(new Set(codes).size).toBe(6);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const round = await t.db.selectFrom("climate_rounds").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(round).toMatchObject({ school_id: "s-low", campaign_id: "c1", instrument_id: "climate-teachers", audience: "teacher", codes_issued: 6, created_by: null, classes: [] });
    const rows = await t.db.selectFrom("access_codes").selectAll().where("round_id", "=", id).execute();
    expect(rows.map((r) => r.code_hash).sort()).toEqual(codes.map((c) => accessCodeDigest(normalizeAccessCode(c)!)).sort());
    const campaign = await t.db.selectFrom("campaigns").select("ends_on").where("id", "=", "c1").executeTakeFirstOrThrow();
    for (const r of rows) {
      expect(r).toMatchObject({ kind: "anonymous", user_id: null, school_id: "s-low", instrument_id: "climate-teachers", audience: "teacher", class_name: null, used_at: null });
      // Valid through the campaign's last day: until the midnight after it.
      expect(r.expires_at.toISOString()).toBe(`${isoPlusOne(campaign.ends_on)}T00:00:00.000Z`);
    }
  });

  it("each code signs in once, to the questionnaire of the round's audience and nothing else", async () => {
    const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 2 });
    const r = await signInWithCode(t, codes[0]!);
    const list = (await t.app.inject({ method: "GET", url: "/api/instruments", headers: r.headers })).json() as Array<{ id: string }>;
    expect(list.map((i) => i.id)).toEqual(["climate-parents"]);
    const again = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code: codes[0] } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe("invalid_code");
  });

  it("a code signs in once even when two people type it at the same moment", async () => {
    const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 1 });
    const both = await Promise.all([0, 1].map(() => t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code: codes[0] } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it("spreads students' codes over the classes evenly, or as asked class by class, in one spelling of the class", async () => {
    const even = await openRound(t, "principal", { schoolId: "s-low", audience: "student", classes: ["7 а", "7Б", "8A"], codes: 8 });
    const byClass = (slips: Array<{ className?: string }>) => slips.reduce<Record<string, number>>((m, s) => ({ ...m, [s.className!]: (m[s.className!] ?? 0) + 1 }), {});
    expect(byClass(even.slips)).toEqual({ "7А": 3, "7Б": 3, "8А": 2 });
    const stored = await t.db.selectFrom("access_codes").select(["class_name", sql<number>`count(*)::int`.as("n")]).where("round_id", "=", even.id).groupBy("class_name").execute();
    expect(Object.fromEntries(stored.map((r) => [r.class_name, Number(r.n)]))).toEqual({ "7А": 3, "7Б": 3, "8А": 2 });
    expect((await t.db.selectFrom("climate_rounds").select("classes").where("id", "=", even.id).executeTakeFirstOrThrow()).classes.sort()).toEqual(["7А", "7Б", "8А"]);

    const map = await openRound(t, "methodologist", { schoolId: "s-low", audience: "student", classCodes: { "9В": 2, "10-1": 1 } });
    expect(byClass(map.slips)).toEqual({ "9В": 2, "10-1": 1 });
    const each = await openRound(t, "admin", { schoolId: "s-high", audience: "student", classes: ["5А", "6Б"], codesPerClass: 2 });
    expect(byClass(each.slips)).toEqual({ "5А": 2, "6Б": 2 });
    // The class rides with the code into the answer's token.
    const r = await signInWithCode(t, map.slips.find((s) => s.className === "10-1")!.code);
    expect(JSON.parse(Buffer.from(r.token.split(".")[1]!, "base64url").toString())).toMatchObject({ cls: "10-1", rnd: map.id, sch: "s-low", grp: "student" });
  });

  it("answers with the printable slips (PDF) or the XLSX list when asked, and the codes in them work", async () => {
    const before = await counts();
    const pdf = await call(t, "principal", "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 9, format: "pdf" });
    expect(pdf.statusCode).toBe(201);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.headers["x-codes-issued"]).toBe("9");
    expect(pdf.headers["x-round-id"]).toMatch(/^[0-9a-f-]{36}$/);

    const xlsx = await call(t, "principal", "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "student", classes: ["7А", "7Б"], codes: 3, format: "xlsx" });
    expect(xlsx.statusCode).toBe(201);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["№", "Класс", "Код", "Ссылка"]);
    const rows = [2, 3, 4].map((i) => (sheet.getRow(i).values as unknown[]).slice(1));
    expect(rows.map((r) => r[1])).toEqual(["7А", "7А", "7Б"]);
    for (const [n, , code, link] of rows) {
      expect(typeof n).toBe("number");
      expect(link).toBe(`http://localhost/login?code=${code}`);
    }
    expect((await signInWithCode(t, rows[0]![2] as string)).token).toBeTruthy();
    expect(await counts()).toEqual({ rounds: before.rounds + 2, codes: before.codes + 12 });
  });
});

describe("which campaign a round belongs to", () => {
  it("refuses a campaign of another region, one without the questionnaire, one that does not cover the school, one not running", async () => {
    await t.db.insertInto("regions").values({ id: "r2", name: "Другая область" }).execute();
    await t.db.insertInto("campaigns").values([
      { id: "c-other-region", region_id: "r2", title: "Чужая", wave: "input", status: "active", starts_on: "2026-01-01", ends_on: "2099-01-01" },
      { id: "c-no-climate", region_id: "r1", title: "Без анкет климата", wave: "input", status: "active", starts_on: "2026-01-01", ends_on: "2099-01-01" },
      { id: "c-m2-only", region_id: "r1", title: "Только второй район", wave: "input", status: "active", starts_on: "2026-01-01", ends_on: "2099-01-01" },
      { id: "c-planned", region_id: "r1", title: "Запланированная", wave: "final", status: "planned", starts_on: "2026-01-01", ends_on: "2099-01-01" },
    ]).execute();
    await t.db.insertInto("campaign_instruments").values([
      { campaign_id: "c-no-climate", instrument_id: "subject-math" },
      { campaign_id: "c-m2-only", instrument_id: "climate-teachers" }, { campaign_id: "c-planned", instrument_id: "climate-teachers" },
    ]).execute();
    await t.db.insertInto("campaign_municipalities").values({ campaign_id: "c-m2-only", municipality_id: "m2" }).execute();
    const before = await counts();
    const attempt = (campaignId: string) => call(t, "methodologist", "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 3, campaignId });
    const expectations: Array<[string, number, string]> = [
      ["c-other-region", 404, "campaign_not_found"], ["nope", 404, "campaign_not_found"], ["c-no-climate", 409, "instrument_not_in_campaign"],
      ["c-m2-only", 409, "school_not_in_campaign"], ["c-planned", 409, "campaign_not_running"],
    ];
    for (const [campaignId, status, code] of expectations) {
      const res = await attempt(campaignId);
      expect(res.statusCode, campaignId).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[а-я]/);
    }
    expect(await counts()).toEqual(before);
    // The school of the second district is covered: the round opens there.
    expect((await call(t, "methodologist", "POST", "/api/climate-rounds", { schoolId: "s-other", audience: "teacher", codes: 1, campaignId: "c-m2-only" })).statusCode).toBe(201);
  });

  it("without a running campaign that includes the questionnaire, says so in Russian and writes nothing", async () => {
    await t.db.updateTable("campaigns").set({ status: "closed" }).where("status", "=", "active").execute();
    const before = await counts();
    const res = await call(t, "principal", "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 3 });
    await t.db.updateTable("campaigns").set({ status: "active" }).where("id", "in", ["c1", "c-other-region", "c-no-climate", "c-m2-only"]).execute();
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "no_active_campaign", message: expect.stringContaining("Сейчас нет идущей кампании") });
    expect(await counts()).toEqual(before);
  });
});

describe("who may open a round", () => {
  const cases: Array<[PersonKey | null, number]> = [
    ["principal", 201], ["methodologist", 201], ["admin", 201], ["principalElsewhere", 404],
    ["municipal", 403], ["municipalElsewhere", 403], ["teacher", 403], ["mentor", 403], [null, 401],
  ];
  it.each(cases)("%s → %i for a school of the first district", async (who, status) => {
    const before = await counts();
    const res = await call(t, who, "POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 2 });
    expect(res.statusCode).toBe(status);
    if (status !== 201) expect(await counts()).toEqual(before);
  });

  it("a principal opens rounds for their own school only; a school that does not exist is 404 for everyone", async () => {
    expect((await call(t, "principal", "POST", "/api/climate-rounds", { schoolId: "s-high", audience: "teacher", codes: 2 })).statusCode).toBe(404);
    expect((await call(t, "principalElsewhere", "POST", "/api/climate-rounds", { schoolId: "s-other", audience: "teacher", codes: 2 })).statusCode).toBe(201);
    expect((await call(t, "methodologist", "POST", "/api/climate-rounds", { schoolId: "no-such-school", audience: "teacher", codes: 2 })).statusCode).toBe(404);
  });

  it("an anonymous respondent's token opens nothing", async () => {
    const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "teacher", codes: 1 });
    const r = await signInWithCode(t, codes[0]!);
    const res = await t.app.inject({ method: "POST", url: "/api/climate-rounds", headers: r.headers, payload: { schoolId: "s-low", audience: "teacher", codes: 2 } });
    expect(res.statusCode).toBe(403);
  });
});

describe("bad requests", () => {
  const bodies: Array<[string, Record<string, unknown>, RegExp]> = [
    ["no count", { schoolId: "s-low", audience: "teacher" }, /Укажите, сколько кодов/],
    ["zero codes", { schoolId: "s-low", audience: "teacher", codes: 0 }, /./],
    ["too many codes", { schoolId: "s-low", audience: "teacher", codes: 2001 }, /./],
    ["too many in all", { schoolId: "s-low", audience: "student", classes: ["7А", "7Б", "7В"], codesPerClass: 700 }, /не больше 2000/],
    ["classes for teachers", { schoolId: "s-low", audience: "teacher", classes: ["7А"], codes: 2 }, /только для анкеты обучающихся/],
    ["not a class", { schoolId: "s-low", audience: "student", classes: ["7А", "кошка"], codes: 4 }, /не класс/],
    ["a primary class", { schoolId: "s-low", audience: "student", classes: ["3А"], codes: 4 }, /с 5 по 11/],
    ["the same class twice", { schoolId: "s-low", audience: "student", classes: ["7А", "7 а"], codes: 4 }, /дважды/],
    ["fewer codes than classes", { schoolId: "s-low", audience: "student", classes: ["7А", "7Б", "7В"], codes: 2 }, /меньше, чем классов/],
    ["two ways of counting", { schoolId: "s-low", audience: "student", classes: ["7А"], codes: 2, codesPerClass: 2 }, /одним способом/],
    ["per class without classes", { schoolId: "s-low", audience: "student", codesPerClass: 2 }, /перечислите классы/],
    ["unknown audience", { schoolId: "s-low", audience: "director", codes: 2 }, /./],
    ["unknown field", { schoolId: "s-low", audience: "teacher", codes: 2, secret: 1 }, /./],
    ["no school", { audience: "teacher", codes: 2 }, /./],
    ["unknown format", { schoolId: "s-low", audience: "teacher", codes: 2, format: "docx" }, /./],
  ];
  it.each(bodies)("%s → 400 with a Russian message, nothing written", async (_, body, message) => {
    const before = await counts();
    const res = await call(t, "principal", "POST", "/api/climate-rounds", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(res.json().error.message).toMatch(/[А-Яа-яЁё]/);
    expect(await counts()).toEqual(before);
  });
});

function isoPlusOne(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
