// Progress across waves: the contract's shape, reliable change only beyond the error, who may see it, deficit details that leak nothing, the mentor told of a new wave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { forbiddenTexts, leaks } from "../unit/item-content.js";
import { answersFor, closeCampaign, notificationsOf, openWave, principalOf, countingAttempts, submitCounted } from "./progress-steps.js";

let t: TestContext;
let midId: string;
let finalId: string;
const counts: Record<string, number> = {};
const teacherUrl = (path: string) => `/api/users/${t.people.teacher.id}/${path}`;

/** Input: functions right. Intermediate: also equations and two probability items. Final: also word problems. */
const INPUT = (c: string) => c === "math.functions";
const MIDDLE = (c: string, i: number) => c === "math.functions" || c === "math.equations" || (c === "math.probability" && i < 2);
const FINAL = (c: string, i: number) => MIDDLE(c, i) || c === "math.word-problems";

beforeAll(async () => {
  t = await setupTestApp();
  await new Promise((r) => setTimeout(r, 1200));
  counts.inputWithMentor = await submitCounted(t, "teacher", "subject-math", answersFor(t, "subject-math", INPUT));
  await closeCampaign(t, "c1");
  midId = await openWave(t, "mid", "intermediate");
  counts.intermediateWithMentor = await submitCounted(t, "teacher", "subject-math", answersFor(t, "subject-math", MIDDLE));
  counts.intermediateWithoutMentor = await submitCounted(t, "teacherElsewhere", "subject-math", answersFor(t, "subject-math", () => false));
  await closeCampaign(t, midId);
  finalId = await openWave(t, "fin", "final");
  await submitCounted(t, "teacher", "subject-math", answersFor(t, "subject-math", FINAL));
}, 120_000);
afterAll(async () => { await t.close(); });

describe("GET /api/users/:id/progress", () => {
  it("answers exactly the contract's shape: competencies with waves and, where compared, a change", async () => {
    const res = await t.as("mentor", { method: "GET", url: teacherUrl("progress") });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.userId).toBe(t.people.teacher.id);
    const key = t.registry.get("subject-math")!.answerKey;
    expect(body.competencies.map((c: { id: string }) => c.id).sort()).toEqual(key.competencies.map((c) => c.id).sort());
    for (const c of body.competencies) {
      expect(c).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), waves: expect.any(Array) }));
      expect(c.waves.map((w: { campaignId: string }) => w.campaignId)).toEqual(["c1", midId, finalId]);
      expect(c.waves.map((w: { wave: string }) => w.wave)).toEqual(["input", "intermediate", "final"]);
      for (const w of c.waves) {
        expect(typeof w.percent).toBe("number");
        expect(["deficit", "partial", "proficient"]).toContain(w.level);
      }
      expect(c.change).toEqual(expect.objectContaining({ from: c.waves[0].percent, to: c.waves[2].percent, reliable: expect.any(Boolean) }));
    }
  });

  it("calls 0% → 100% on equations reliable growth, 0% → 33% on probability within the error, and 100% → 100% no change", async () => {
    const body = (await t.as("teacher", { method: "GET", url: "/api/me/progress" })).json();
    const byId = new Map(body.competencies.map((c: { id: string }) => [c.id, c]));
    const equations = byId.get("math.equations") as { change: Record<string, unknown>; words: string };
    expect(equations.change).toMatchObject({ from: 0, to: 100, reliable: true, direction: "growth", fromCampaignId: "c1", toCampaignId: finalId });
    expect(equations.words).toBe("Рост надёжный: с 0% до 100% (дефицит → освоено).");
    const probability = byId.get("math.probability") as { change: Record<string, number | boolean>; words: string };
    expect(probability.change).toMatchObject({ from: 0, reliable: false, direction: "none" });
    expect(probability.change.to).toBeCloseTo(100 / 3, 6);
    expect(probability.words).toMatch(/^Изменение в пределах погрешности измерения: с 0% до 33%/);
    expect((byId.get("math.functions") as { words: string }).words).toBe("Без изменений: 100% в обеих волнах.");
    expect(body.summary).toMatchObject({ growth: 2, decline: 0 });
    expect(body.summary.text).toMatch(/^Входная диагностика → итоговая диагностика: из \d+ сравнённых компетенций надёжный рост по 2 компетенциям/);
  });

  it("is reliable only where the change exceeds 1.96 errors of the difference, every competency (errors from each wave, here binomial: few attempts)", async () => {
    const body = (await t.as("admin", { method: "GET", url: teacherUrl("progress") })).json();
    for (const c of body.competencies) {
      const [first, , last] = c.waves;
      for (const w of c.waves) expect(w.semMethod).toBe("binomial");
      const sDiff = Math.sqrt(first.sem ** 2 + last.sem ** 2);
      expect(c.change.sDiff).toBeCloseTo(sDiff, 9);
      expect(c.change.reliable, c.id).toBe(Math.abs(last.percent - first.percent) > 1.96 * sDiff);
      expect(c.change.rci).toBeCloseTo((last.percent - first.percent) / sDiff, 9);
    }
  });

  it("is empty but valid for someone never tested", async () => {
    const res = await t.as("teacherRussian", { method: "GET", url: "/api/me/progress" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: t.people.teacherRussian.id, competencies: [], summary: { compared: 0, text: expect.stringMatching(/не пройдена/) } });
  });
});

describe("who may see a person's progress and deficit details: as the profile", () => {
  const allowed: PersonKey[] = ["teacher", "mentor", "principal", "methodologist", "admin"];
  const refused: PersonKey[] = ["teacherRussian", "teacherElsewhere", "otherMentor", "principalElsewhere", "municipal", "municipalElsewhere"];

  it.each(allowed)("%s sees them", async (viewer) => {
    for (const path of ["progress", "deficit-details"]) {
      const res = await t.as(viewer, { method: "GET", url: teacherUrl(path) });
      expect(res.statusCode, `${viewer} ${path}`).toBe(200);
      expect(res.json().userId).toBe(t.people.teacher.id);
    }
  });

  it.each(refused)("%s gets 404, as if the person did not exist", async (viewer) => {
    for (const path of ["progress", "deficit-details"]) {
      const res = await t.as(viewer, { method: "GET", url: teacherUrl(path) });
      expect(res.statusCode, `${viewer} ${path}`).toBe(404);
      expect(res.json().error.code).toBe("profile_not_found");
    }
  });

  it("a former mentor loses both when the pair ends", async () => {
    await t.db.updateTable("mentor_assignments").set({ ended_at: new Date() }).where("mentee_id", "=", t.people.teacher.id).execute();
    const statuses = [];
    for (const path of ["progress", "deficit-details"]) statuses.push((await t.as("mentor", { method: "GET", url: teacherUrl(path) })).statusCode);
    await t.db.updateTable("mentor_assignments").set({ ended_at: null }).where("mentee_id", "=", t.people.teacher.id).execute();
    expect(statuses).toEqual([404, 404]);
  });

  it("nobody signed in gets 401; a malformed id 400; everyone signed in has their own /api/me/progress", async () => {
    for (const url of [teacherUrl("progress"), teacherUrl("deficit-details"), "/api/me/progress"]) expect((await t.as(null, { method: "GET", url })).statusCode).toBe(401);
    expect((await t.as("admin", { method: "GET", url: "/api/users/not-a-uuid/progress" })).statusCode).toBe(400);
    for (const person of [...allowed, ...refused]) {
      const res = await t.as(person, { method: "GET", url: "/api/me/progress" });
      expect(res.statusCode, person).toBe(200);
      expect(res.json().userId).toBe(t.people[person].id);
    }
  });
});

describe("GET /api/users/:id/deficit-details", () => {
  it("lists, per deficit of the latest results, the missed topics and kinds with counts", async () => {
    const body = (await t.as("mentor", { method: "GET", url: teacherUrl("deficit-details") })).json();
    const profile = (await t.as("mentor", { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` })).json();
    expect(body.competencies.map((c: { id: string }) => c.id).sort()).toEqual([...profile.deficits].sort());
    const probability = body.competencies.find((c: { id: string }) => c.id === "math.probability");
    expect(probability).toMatchObject({ items: 5, missed: 3, available: true, topics: [{ title: "Вероятность и статистика", items: 5, missed: 3 }] });
    expect(probability.kinds.reduce((s: number, k: { missed: number }) => s + k.missed, 0)).toBe(3);
    const method = body.competencies.find((c: { id: string }) => c.id === "method.assessment");
    expect(method.laborActions.length).toBeGreaterThan(0);
    expect(method.words).toMatch(/трудовое действие/);
  });

  it("contains no item's name, text, choice, key or explanation", async () => {
    const forbidden = forbiddenTexts(questionsOf(t.registry.get("subject-math")!.definition.survey));
    expect(forbidden.size).toBeGreaterThan(200);
    for (const viewer of ["teacher", "mentor"] as const) {
      const body = (await t.as(viewer, { method: "GET", url: teacherUrl("deficit-details") })).json();
      expect(body.competencies.length).toBeGreaterThan(3);
      expect(leaks(body, forbidden)).toEqual([]);
    }
  });
});

describe("a new wave's result tells the mentor, in the submission's own statement", () => {
  it("the intermediate and final results each wrote the mentor one notification; the input one did not", async () => {
    const notes = await notificationsOf(t, "mentor");
    expect(notes.map((n) => n.body)).toEqual([
      expect.stringMatching(/\(промежуточная диагностика\): результаты по компетенциям обновлены\.$/),
      expect.stringMatching(/\(итоговая диагностика\): результаты по компетенциям обновлены\.$/),
    ]);
    for (const n of notes) expect(n).toMatchObject({ kind: "wave-result", title: "Новый результат: Тест teacher", link: `/people/${t.people.teacher.id}`, read_at: null });
    expect(notes[0]!.body).toContain(t.registry.get("subject-math")!.definition.title);
  });

  it("costs no extra statement: a submission that notifies takes as many as one that does not", () => {
    console.info(`statements per submission: ${JSON.stringify(counts)}`);
    expect(counts.intermediateWithMentor).toBe(counts.inputWithMentor);
    expect(counts.intermediateWithoutMentor).toBe(counts.inputWithMentor);
    expect(counts.inputWithMentor).toBeLessThanOrEqual(4);
  });

  it("tells nobody when the person has no mentor, and nothing when the submission itself did not happen", async () => {
    expect(await notificationsOf(t, "otherMentor")).toEqual([]);
    await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.otherMentor.id, mentee_id: t.people.teacherElsewhere.id }).execute();
    const { service } = countingAttempts(t);
    const principal = await principalOf(t, "teacherElsewhere");
    const { attempt } = await service.start(principal, "subject-math");
    await closeCampaign(t, finalId);
    const res = await t.as("teacherElsewhere", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: {} } });
    expect(res.statusCode).toBe(409);
    expect(await notificationsOf(t, "otherMentor")).toEqual([]);
  });
});
