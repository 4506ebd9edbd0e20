// The demo's school data: cards for most programme schools (some left without), two years of exam results for every school, facts for all.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemoRegion } from "../../server/modules/demo/demo-seed.js";
import { seedDemoSchoolData, type DemoSchoolDataSummary } from "../../server/modules/schools/demo-school-data.js";
import { regionSchoolFacts } from "../../server/modules/schools/school-facts.service.js";
import type { SchoolFacts } from "../../server/modules/schools/region-facts.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { resetData } from "../support/test-database.js";

let t: TestContext;
let summary: DemoSchoolDataSummary;
let facts: Map<string, SchoolFacts>;

beforeAll(async () => {
  t = await setupTestApp();
  await resetData(t.db);
  await seedDemoRegion(t.db, t.registry);
  // As the demo seed will call it: inside a transaction it was given.
  summary = await t.db.transaction().execute((trx) => seedDemoSchoolData(trx, t.registry, "demo"));
  facts = await regionSchoolFacts(t.db, t.registry, "demo");
}, 120_000);
afterAll(async () => { await t.close(); });

const programme = () => t.db.selectFrom("schools").select(["id", "low_results", "unfavourable"]).where((eb) => eb.or([eb("low_results", "=", true), eb("unfavourable", "=", true)])).execute();

describe("demo conditions cards", () => {
  it("most programme schools have their principal's submitted card in the input campaign; some have none", async () => {
    const schools = await programme();
    const cards = await t.db.selectFrom("attempts").select(["school_id", "user_id", "campaign_id", "audience", "status", "score"])
      .where("instrument_id", "=", "school-conditions").execute();
    expect(cards.length).toBe(summary.cards);
    expect(cards.length / schools.length).toBeGreaterThan(0.7);
    expect(summary.schoolsWithoutCard).toBeGreaterThan(0);
    for (const c of cards) expect(c).toMatchObject({ campaign_id: "demo-input", audience: "principal", status: "submitted", score: null });
    const principals = await t.db.selectFrom("users").innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select(["users.id", "users.school_id"]).where("user_roles.role", "=", "principal").execute();
    const schoolOf = new Map(principals.map((p) => [p.id, p.school_id]));
    for (const c of cards) expect(schoolOf.get(c.user_id!)).toBe(c.school_id);
  });

  it("principal@demo's school has its card, and its principal reads the facts through the API", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "principal@demo", password: DEMO_PASSWORD } });
    const { token, user } = login.json();
    const res = await t.app.inject({ method: "GET", url: `/api/schools/${user.schoolId}/facts`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.conditions).not.toBeNull();
    expect(body.index).toMatchObject({ rank: expect.any(Number), of: summary.cards });
    expect(body.clusters.map((c: { code: string }) => c.code)).toContain("low-results");
  });

  it("principals' leader self-assessments were there already", async () => {
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from attempts a join user_roles r on r.user_id = a.user_id and r.role = 'principal'
      where a.instrument_id = 'leader-competency' and a.status = 'submitted'`.execute(t.db)).rows[0]!;
    expect(n).toBeGreaterThan(50);
  });
});

describe("demo exam results", () => {
  it("every school has ВПР, ОГЭ and ЕГЭ results of two years, logged as an import", async () => {
    const schools = await t.db.selectFrom("schools").select("id").execute();
    const rows = await sql<{ school_id: string; years: number; exams: number }>`select school_id, count(distinct year)::int as years, count(distinct exam)::int as exams from exam_results group by school_id`.execute(t.db);
    expect(rows.rows.length).toBe(schools.length);
    for (const r of rows.rows) expect(r).toMatchObject({ years: 2, exams: 3 });
    const batch = await t.db.selectFrom("import_batches").selectAll().where("kind", "=", "exam-results").executeTakeFirstOrThrow();
    expect(batch.rows).toBe(summary.examRows);
  });
});

describe("facts of the demo region", () => {
  it("every school has facts; the index covers the schools with a card; the rest say why", () => {
    expect(facts.size).toBe(265);
    const withIndex = [...facts.values()].filter((f) => f.index);
    expect(withIndex.length).toBe(summary.cards);
    for (const f of facts.values()) if (!f.index) expect(f.indexReason).toMatch(/^Индекс не рассчитан/);
  });

  it("the clusters agree with the region's flags: the low-result schools' own results put most of them in low results", async () => {
    const low = (await programme()).filter((s) => s.low_results);
    const byResults = low.filter((s) => facts.get(s.id)!.clusters.find((c) => c.code === "low-results")!.reasons.some((r) => r.startsWith("Доля «2»")));
    expect(byResults.length / low.length).toBeGreaterThan(0.6);
    const high = await t.db.selectFrom("schools").select("id").where("high_results", "=", true).execute();
    for (const s of high) expect(facts.get(s.id)!.clusters.map((c) => c.code)).not.toContain("low-results");
  });

  it("programme schools with a card have a level on every card factor; those without say «нет данных»", () => {
    for (const f of facts.values()) {
      const equipment = f.risks.find((r) => r.id === "equipment")!;
      if (f.conditions) expect(equipment.level, f.schoolId).not.toBe("unknown");
      else expect(equipment.reasons).toEqual(["нет данных: карта условий не заполнена"]);
    }
  });
});
