// Demo waves: the pilot's intermediate wave is closed, scored by the real scorer, deterministic, and shows growth where courses and mentors were, not everywhere.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/schema.js";
import { seedDemoRegion } from "../../server/modules/demo/demo-seed.js";
import { findPersonByLogin } from "../../server/modules/people/people.repository.js";
import { PILOT_INPUT_ID, PILOT_INTERMEDIATE, seedDemoWaves } from "../../server/modules/progress/demo-waves.js";
import { scoreResponse } from "../../server/modules/scoring/scorer.js";
import { isoDay } from "../../server/shared/dates.js";
import { resetData } from "../support/test-database.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let token: string;
const asMethodologist = (url: string) => t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

/** What the seed decides, without the times it takes from the clock. */
async function fingerprint(db: Kysely<Database>) {
  const attempts = await db.selectFrom("attempts").select(["id", "user_id", "instrument_id", "status", "percent", "item_scores"]).where("campaign_id", "=", PILOT_INTERMEDIATE.id).orderBy("id").execute();
  const members = await db.selectFrom("course_group_members as m").innerJoin("course_groups as g", "g.id", "m.group_id")
    .select(["m.user_id", "g.course_id", "g.title"]).where("g.status", "=", "confirmed").where("g.starts_on", "<", isoDay(0)).orderBy("m.user_id").orderBy("g.course_id").execute();
  return JSON.stringify({ attempts, members });
}

beforeAll(async () => {
  t = await setupTestApp();
  await resetData(t.db);
  await seedDemoRegion(t.db, t.registry);
  const wired = await t.db.selectFrom("campaigns").select("id").where("id", "=", PILOT_INTERMEDIATE.id).executeTakeFirst();
  if (!wired) {
    // Twice in a transaction rolled back: it writes only through the handle it is given, and the same each time.
    const prints: string[] = [];
    for (let run = 0; run < 2; run++) {
      await t.db.transaction().execute(async (trx) => {
        await seedDemoWaves(trx, t.registry, "demo");
        prints.push(await fingerprint(trx));
        throw new Error("roll back");
      }).catch((e: Error) => expect(e.message).toBe("roll back"));
    }
    expect(await t.db.selectFrom("campaigns").select("id").where("id", "=", PILOT_INTERMEDIATE.id).executeTakeFirst()).toBeUndefined();
    expect(prints[0]).toBe(prints[1]);
    expect(prints[0]!.length).toBeGreaterThan(10_000);
    await t.db.transaction().execute((trx) => seedDemoWaves(trx, t.registry, "demo"));
  }
  const m = (await findPersonByLogin(t.db, "methodologist@demo"))!;
  token = (await t.tokens.issue({ kind: "user", id: m.id, roles: m.roles, regionId: m.regionId, municipalityId: m.municipalityId, schoolId: m.schoolId })).token;
  await new Promise((r) => setTimeout(r, 1200));
}, 300_000);
afterAll(async () => { await t.close(); });

describe("the pilot's intermediate wave", () => {
  it("is a closed intermediate campaign 40–15 days ago over the pilot's schools and instruments, its assignments inactive", async () => {
    const c = await t.db.selectFrom("campaigns").selectAll().where("id", "=", PILOT_INTERMEDIATE.id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ title: "Промежуточная диагностика пилотных школ", wave: "intermediate", status: "closed", starts_on: isoDay(-40), ends_on: isoDay(-15) });
    const scope = async (table: "campaign_schools" | "campaign_instruments", column: "school_id" | "instrument_id", id: string) =>
      (await t.db.selectFrom(table).select(column as never).where("campaign_id", "=", id).execute()).map((r) => Object.values(r)[0]).sort();
    expect(await scope("campaign_schools", "school_id", PILOT_INTERMEDIATE.id)).toEqual(await scope("campaign_schools", "school_id", PILOT_INPUT_ID));
    expect(await scope("campaign_instruments", "instrument_id", PILOT_INTERMEDIATE.id)).toEqual(await scope("campaign_instruments", "instrument_id", PILOT_INPUT_ID));
    const assignments = await t.db.selectFrom("campaign_assignments").select(["active"]).where("campaign_id", "=", PILOT_INTERMEDIATE.id).execute();
    expect(assignments.length).toBeGreaterThan(100);
    expect(assignments.every((a) => !a.active)).toBe(true);
  });

  it("was taken by most of the pilot's teachers and principals, a few left unfinished", async () => {
    const people = async (campaign: string, status: string) => Number((await sql<{ n: number }>`select count(distinct user_id)::int as n from attempts where campaign_id = ${campaign} and status = ${status}`.execute(t.db)).rows[0]!.n);
    const pilot = await people(PILOT_INPUT_ID, "submitted");
    expect(await people(PILOT_INTERMEDIATE.id, "submitted")).toBeGreaterThan(0.8 * pilot);
    expect(await people(PILOT_INTERMEDIATE.id, "in_progress")).toBeGreaterThan(0);
    const leaders = await sql<{ n: number }>`select count(*)::int as n from attempts where campaign_id = ${PILOT_INTERMEDIATE.id} and instrument_id = 'leader-competency' and status = 'submitted'`.execute(t.db);
    expect(leaders.rows[0]!.n).toBeGreaterThan(5);
  });

  it("is scored by the platform's scorer: percents, item scores and competency results are what the answers earn", async () => {
    const rows = await t.db.selectFrom("attempts").select(["id", "instrument_id", "data", "percent", "item_scores", "submitted_at"]).where("campaign_id", "=", PILOT_INTERMEDIATE.id).where("status", "=", "submitted").execute();
    const results = await t.db.selectFrom("competency_results").selectAll().where("attempt_id", "in", rows.map((r) => r.id)).execute();
    for (const r of rows) {
      const scored = scoreResponse(t.registry.get(r.instrument_id)!.answerKey, r.data);
      expect(r.percent).toBeCloseTo(scored.percent, 9);
      expect(r.item_scores).toEqual(Object.fromEntries(scored.items.map((i) => [i.name, i.score])));
      expect(results.filter((x) => x.attempt_id === r.id).map((x) => [x.competency_id, x.level]).sort()).toEqual(scored.competencies.map((c) => [c.id, c.level]).sort());
      expect(r.submitted_at!.getTime()).toBeGreaterThan(Date.parse(`${isoDay(-40)}T00:00:00Z`));
      expect(r.submitted_at!.getTime()).toBeLessThan(Date.parse(`${isoDay(-14)}T00:00:00Z`));
    }
  });

  it("shows reliable growth for some competencies and people, change within the error for more, and a few declines", async () => {
    const ids = (await t.db.selectFrom("attempts").select("user_id").distinct().where("campaign_id", "=", PILOT_INTERMEDIATE.id).where("status", "=", "submitted").execute()).map((r) => r.user_id!);
    const tally = { growth: 0, decline: 0, none: 0, peopleGrowing: 0, peopleNot: 0 };
    for (const id of ids.slice(0, 80)) {
      const res = await asMethodologist(`/api/users/${id}/progress`);
      expect(res.statusCode).toBe(200);
      const changes = res.json().competencies.filter((c: { change?: unknown }) => c.change).map((c: { change: { direction: "growth" | "decline" | "none" } }) => c.change.direction);
      for (const d of changes as Array<"growth" | "decline" | "none">) tally[d] += 1;
      if (changes.includes("growth")) tally.peopleGrowing += 1; else tally.peopleNot += 1;
    }
    console.info(`demo progress of 80 pilot people: ${JSON.stringify(tally)}`);
    expect(tally.growth).toBeGreaterThan(0.03 * (tally.growth + tally.none + tally.decline));
    expect(tally.none).toBeGreaterThan(tally.growth);
    expect(tally.decline).toBeGreaterThan(0);
    expect(tally.peopleGrowing).toBeGreaterThan(10);
    expect(tally.peopleNot).toBeGreaterThan(10);
  });

  it("gives the methodologist an effect: more change with a mentor than without, courses that ran between the waves, both municipalities", async () => {
    const res = await asMethodologist(`/api/analytics/effect?from=${PILOT_INPUT_ID}&to=${PILOT_INTERMEDIATE.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const overall = (row: { cells: Array<{ area: string; mean?: number; n?: number; suppressed: boolean }> }) => row.cells.find((c) => c.area === "overall")!;
    const [mentored, alone] = body.byMentoring.map(overall);
    expect(mentored.suppressed || alone.suppressed).toBe(false);
    expect(mentored.mean).toBeGreaterThan(alone.mean + 3);
    const courses = body.byCourse.filter((r: { key: string }) => r.key !== "");
    expect(courses.length).toBeGreaterThanOrEqual(3);
    const none = overall(body.byCourse.find((r: { key: string }) => r.key === ""));
    for (const c of courses.map(overall).filter((x: { suppressed: boolean }) => !x.suppressed)) expect(c.mean).toBeGreaterThan(none.mean!);
    expect(body.byMunicipality.filter((r: { cells: Array<{ suppressed: boolean }> }) => !overall(r as never).suppressed).length).toBe(2);
  });

  it("dates the pilot's pairs after its input results, and told their mentors of the new results", async () => {
    const input = await t.db.selectFrom("campaigns").select("ends_on").where("id", "=", PILOT_INPUT_ID).executeTakeFirstOrThrow();
    const pairs = await sql<{ assigned_at: Date }>`select m.assigned_at from mentor_assignments m
      where m.ended_at is null and exists (select 1 from attempts a where a.user_id = m.mentee_id and a.campaign_id = ${PILOT_INPUT_ID})`.execute(t.db);
    expect(pairs.rows.length).toBeGreaterThan(20);
    for (const p of pairs.rows) expect(p.assigned_at.getTime()).toBeGreaterThan(Date.parse(`${input.ends_on}T00:00:00Z`));
    const notes = await t.db.selectFrom("notifications").select(["kind", "link", "title"]).where("kind", "=", "wave-result").execute();
    expect(notes.length).toBeGreaterThan(20);
    for (const n of notes) expect(n.link).toMatch(/^\/people\/[0-9a-f-]{36}$/);
  });
});
