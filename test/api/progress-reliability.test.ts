// The error of a wave from the region's own reliability: α over the item scores of enough attempts, as the SQL computes it and as the formula says; kept for a while.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashString } from "../../server/shared/random.js";
import { ReliabilityCache } from "../../server/modules/progress/reliability-cache.js";
import { cronbachAlpha, MIN_ATTEMPTS_FOR_ALPHA, semFromReliability } from "../../server/modules/progress/reliable-change.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { answersFor, daysAgo, insertClosedCampaign, insertScoredAttempt, insertTeacher } from "./progress-steps.js";

let t: TestContext;
const key = () => t.registry.get("subject-math")!.answerKey;

/** A person of some ability: each item right with a probability that grows with `level` (0…1), fixed by a hash. */
const answersAt = (person: number, level: number) =>
  answersFor(t, "subject-math", (c, k) => hashString(`${person}/${c}/${k}`) % 1000 < 1000 * (0.15 + 0.8 * level));

async function addPeople(from: number, count: number) {
  for (let j = from; j < from + count; j++) {
    const id = await insertTeacher(t, `Учитель ${j}`, "s-low", "m1");
    await insertScoredAttempt(t, { userId: id, schoolId: "s-low", campaignId: "r-in", instrumentId: "subject-math", answers: answersAt(j, (j % 10) / 9), submittedAt: daysAgo(190) });
  }
}

beforeAll(async () => {
  t = await setupTestApp();
  await insertClosedCampaign(t, "r-in", "input", -200, -170);
  await insertClosedCampaign(t, "r-mid", "intermediate", -40, -10);
  await addPeople(0, MIN_ATTEMPTS_FOR_ALPHA + 10);
  await insertScoredAttempt(t, { userId: t.people.teacher.id, schoolId: "s-low", campaignId: "r-in", instrumentId: "subject-math", answers: answersAt(999, 0.2), submittedAt: daysAgo(185) });
  await insertScoredAttempt(t, { userId: t.people.teacher.id, schoolId: "s-low", campaignId: "r-mid", instrumentId: "subject-math", answers: answersAt(998, 0.8), submittedAt: daysAgo(20) });
  await new Promise((r) => setTimeout(r, 1200));
}, 120_000);
afterAll(async () => { await t.close(); });

/** α, SD and SEM of one competency straight from the stored item scores, by the textbook formula. */
async function expected(competencyId: string) {
  const items = key().items.filter((i) => i.competency === competencyId);
  const rows = await t.db.selectFrom("attempts").select("item_scores").where("instrument_id", "=", "subject-math").where("status", "=", "submitted").execute();
  const matrix = rows.map((r) => items.map((i) => Number((r.item_scores as Record<string, number>)[i.name] ?? 0)));
  const totals = matrix.map((row) => row.reduce((s, v) => s + v, 0));
  const mean = totals.reduce((s, v) => s + v, 0) / totals.length;
  const sd = (100 * Math.sqrt(totals.reduce((s, v) => s + (v - mean) ** 2, 0) / (totals.length - 1))) / items.reduce((s, i) => s + i.maxPoints, 0);
  const alpha = cronbachAlpha(matrix)!;
  return { attempts: rows.length, alpha, sd, sem: semFromReliability(sd, alpha) };
}

describe("the error of a competency from the region's reliability", () => {
  it("uses SD·√(1 − α) over the region's attempts on the version, the same in SQL as by the formula", async () => {
    const body = (await t.as("mentor", { method: "GET", url: `/api/users/${t.people.teacher.id}/progress` })).json();
    expect(body.competencies.length).toBe(key().competencies.length);
    for (const c of body.competencies) {
      const truth = await expected(c.id);
      expect(truth.attempts).toBe(MIN_ATTEMPTS_FOR_ALPHA + 12);
      for (const w of c.waves) {
        expect(w.semMethod, c.id).toBe("alpha");
        expect(w.sem, c.id).toBeCloseTo(truth.sem, 9);
      }
      expect(c.change.reliable).toBe(Math.abs(c.change.difference) > 1.96 * Math.SQRT2 * truth.sem);
    }
    // The simulated people differ in ability, so the items agree: α is positive for the tested topics.
    expect((await expected("math.equations")).alpha).toBeGreaterThan(0.3);
  });

  it("is estimated once and kept for its lifetime, then estimated again from what is there", async () => {
    let now = 1_000_000;
    const cache = new ReliabilityCache(t.db, t.registry, 60_000, () => now);
    const first = await cache.of("r1", "subject-math", 1);
    expect(first.get("math.equations")!.attempts).toBe(MIN_ATTEMPTS_FOR_ALPHA + 12);
    await addPeople(100, 5);
    expect(await cache.of("r1", "subject-math", 1)).toBe(first);
    now += 60_001;
    const again = await cache.of("r1", "subject-math", 1);
    expect(again.get("math.equations")!.attempts).toBe(MIN_ATTEMPTS_FOR_ALPHA + 17);
    expect((await cache.of("r2", "subject-math", 1)).size).toBe(0);
  });
});
