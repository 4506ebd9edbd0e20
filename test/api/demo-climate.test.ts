// Demo climate data: most programme schools asked all three audiences, a few groups below the threshold, nothing tied to a person.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/schema.js";
import { climateByRegion, climateOfSchool, climateReliability } from "../../server/modules/climate/climate-summary.js";
import { seedDemoClimate, type DemoClimateSummary } from "../../server/modules/climate/demo-climate.js";
import { seedDemoRegion } from "../../server/modules/demo/demo-seed.js";
import type { InstrumentRegistry } from "../../server/modules/instruments/registry.js";
import { resetData, workerDatabase } from "../support/test-database.js";

let db: Kysely<Database>;
let registry: InstrumentRegistry;
let summary: DemoClimateSummary;

beforeAll(async () => {
  ({ handle: { db }, registry } = await workerDatabase());
  await resetData(db);
  await seedDemoRegion(db, registry);
  // The demo seed made its rounds already: take them away to watch seedDemoClimate on its own.
  await db.deleteFrom("attempts").where("round_id", "is not", null).execute();
  await db.deleteFrom("access_codes").where("round_id", "is not", null).execute();
  await db.deleteFrom("climate_rounds").execute();
  // Inside a transaction that is rolled back, it leaves nothing: it writes only through the handle it is given.
  await db.transaction().execute(async (trx) => {
    await seedDemoClimate(trx, registry, "demo", 5);
    throw new Error("roll back");
  }).catch((e: Error) => expect(e.message).toBe("roll back"));
  expect(Number((await db.selectFrom("climate_rounds").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n)).toBe(0);
  summary = await db.transaction().execute((trx) => seedDemoClimate(trx, registry, "demo", 5));
}, 180_000);
afterAll(async () => { await resetData(db); });

describe("the demo's climate rounds", () => {
  it("ask all three audiences at most of the running campaign's schools", async () => {
    const covered = await db.selectFrom("campaign_schools").select(sql<number>`count(*)::int`.as("n")).where("campaign_id", "=", "demo-input").executeTakeFirstOrThrow();
    expect(summary.campaignId).toBe("demo-input");
    expect(summary.schools).toBeGreaterThan(Number(covered.n) * 0.75);
    expect(summary.rounds).toBe(summary.schools * 3);
    expect(summary.answers).toBeGreaterThan(summary.schools * 40);
  });

  it("principal@demo's teachers are too few yet: hidden, while the school's students and parents show against the region", async () => {
    const school = (await db.selectFrom("users").select("school_id").where("login", "=", "principal@demo").executeTakeFirstOrThrow()).school_id!;
    const climate = (await climateOfSchool(db, registry, school, 5))!;
    expect(climate.campaign?.id).toBe("demo-input");
    expect(climate.groups.find((g) => g.audience === "teacher")).toMatchObject({ respondents: 3, suppressed: true, reason: "small" });
    for (const audience of ["student", "parent"] as const) {
      const g = climate.groups.find((x) => x.audience === audience)!;
      expect(g.suppressed).toBe(false);
      expect(g.scales.length).toBeGreaterThanOrEqual(10);
      for (const s of g.scales) expect(s.region?.score).toBeGreaterThan(0);
    }
    expect(climate.classes.length).toBeGreaterThan(0);
  });

  it("have a few other groups below the threshold, each hidden with a complement, and schools that differ", async () => {
    expect(summary.belowThreshold).toBeGreaterThanOrEqual(3);
    const region = await climateByRegion(db, registry, "demo", 5);
    const groups = region.schools.flatMap((s) => s.groups);
    expect(groups.filter((g) => g.reason === "small").length).toBeGreaterThanOrEqual(3);
    expect(groups.filter((g) => g.reason === "complementary").length).toBeGreaterThanOrEqual(1);
    const means = groups.filter((g) => !g.suppressed).map((g) => g.scales.reduce((s, x) => s + x.score, 0) / g.scales.length);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(25);
    const bands = new Set(groups.flatMap((g) => g.scales.map((s) => s.band)));
    expect([...bands].sort()).toEqual(["favourable", "partly", "unfavourable"]);
  });

  it("give every scale a reliability the methodologists can read", async () => {
    const reliability = await climateReliability(db, registry, "demo", { threshold: 5 });
    for (const a of reliability.audiences) for (const s of a.scales) expect(s.alpha, `${a.audience} ${s.id}`).toBeGreaterThan(0.6);
  });

  it("are stored as the anonymous path stores answers: no person, times to the day, codes as digests used on the day they were issued", async () => {
    const off = await sql<{ n: number }>`select count(*)::int as n from attempts where round_id is not null and (
      user_id is not null or deadline_at is not null or started_at <> date_trunc('day', started_at) or updated_at <> date_trunc('day', updated_at)
      or (submitted_at is not null and submitted_at <> date_trunc('day', submitted_at)))`.execute(db);
    expect(Number(off.rows[0]!.n)).toBe(0);
    const codes = await sql<{ n: number }>`select count(*)::int as n from access_codes where round_id is not null and (
      user_id is not null or length(code_hash) <> 64 or (used_at is not null and used_at <> created_at) or created_at <> date_trunc('day', created_at))`.execute(db);
    expect(Number(codes.rows[0]!.n)).toBe(0);
    const rounds = await sql<{ n: number }>`select count(*)::int as n from climate_rounds where created_by is not null or created_at <> date_trunc('day', created_at)`.execute(db);
    expect(Number(rounds.rows[0]!.n)).toBe(0);
  });
});
