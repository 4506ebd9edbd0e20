// Mentoring: who reaches which route, optimal proposals with reasons, a teacher's candidates, and the contract's pair cycle.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { seedDemoMentorPairs } from "../../server/modules/mentoring/demo-pairs.js";
import { currentPairs, resetPairs, seedMentoringData, type MentoringData } from "./mentoring-data.js";

let t: TestContext;
let data: MentoringData;
beforeAll(async () => {
  t = await setupTestApp();
  data = await seedMentoringData(t);
});
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPairs(t); });

const propose = (person: PersonKey | null, body: object = {}) => t.as(person, { method: "POST", url: "/api/mentoring/proposals", payload: body });
interface Proposal {
  pairs: Array<{ menteeId: string; mentorId: string; reason: string; subject: string; covered: string[]; deficits: string[]; geo: string }>;
  unmatched: string[];
  unmatchedDetails: Array<{ menteeId: string; cause: string; reason: string }>;
  summary: { mentees: number; mentors: number; places: number; matched: number; totalCost: number; greedy: { matched: number; totalCost: number } };
}

describe("who reaches the routes", () => {
  const routes = () => {
    const id = t.people.teacherElsewhere.id;
    return {
      writers: [
        ["POST", "/api/mentoring/proposals", {}], ["GET", `/api/mentoring/mentees/${id}/candidates`, undefined],
        ["POST", "/api/mentoring/assignments", { menteeId: id, mentorId: t.people.otherMentor.id }],
        ["POST", "/api/mentoring/assignments/batch", { pairs: [{ menteeId: id, mentorId: t.people.otherMentor.id }] }],
        ["DELETE", `/api/mentoring/assignments/${t.people.teacher.id}`, undefined],
        ["GET", "/api/mentoring/mentors", undefined], ["PATCH", `/api/mentoring/mentors/${t.people.mentor.id}`, { capacity: 5 }],
      ],
      readers: [["GET", "/api/mentoring/assignments", undefined], ["GET", "/api/mentoring/assignments/export?format=csv", undefined]],
    } satisfies Record<string, Array<[string, string, object | undefined]>>;
  };
  const call = (person: PersonKey | null, [method, url, payload]: [string, string, object | undefined]) =>
    t.as(person, { method: method as "GET", url, ...(payload ? { payload } : {}) });

  it("teachers, principals and mentors get 403 everywhere in the institute's part, nobody signed in 401, and nothing changes", async () => {
    const before = await currentPairs(t);
    for (const route of [...routes().writers, ...routes().readers]) {
      for (const person of ["teacher", "principal", "mentor"] as const) expect((await call(person, route)).statusCode, `${person} ${route[1]}`).toBe(403);
      expect((await call(null, route)).statusCode, route[1]).toBe(401);
    }
    expect(await currentPairs(t)).toEqual(before);
    const mentor = await t.db.selectFrom("users").select("mentor_capacity").where("id", "=", t.people.mentor.id).executeTakeFirstOrThrow();
    expect(mentor.mentor_capacity).toBeNull();
  });

  it("a municipal coordinator reads the current pairs and changes nothing (403 on every other route)", async () => {
    for (const route of routes().writers) expect((await call("municipal", route)).statusCode, route[1]).toBe(403);
    for (const route of routes().readers) expect((await call("municipal", route)).statusCode, route[1]).toBe(200);
    expect((await currentPairs(t)).length).toBe(1);
  });

  it.each(["methodologist", "admin"] as const)("a %s reaches every route", async (person) => {
    for (const route of [...routes().writers, ...routes().readers]) {
      expect((await call(person, route)).statusCode, route[1]).toBeLessThan(300);
      await resetPairs(t);
    }
  });

  it("the mentor's list is for mentors only", async () => {
    for (const person of ["teacher", "principal", "methodologist", "municipal", "admin"] as const) {
      expect((await t.as(person, { method: "GET", url: "/api/mentor/mentees" })).statusCode, person).toBe(403);
    }
    expect((await t.as(null, { method: "GET", url: "/api/mentor/mentees" })).statusCode).toBe(401);
    expect((await t.as("otherMentor", { method: "GET", url: "/api/mentor/mentees" })).json()).toEqual([]);
  });
});

describe("proposals", () => {
  it("pair the teacher of m2 with the mentor who has mastered most of their deficits, explain it, and write nothing", async () => {
    const before = await currentPairs(t);
    const res = await propose("methodologist");
    expect(res.statusCode).toBe(200);
    const p: Proposal = res.json();
    expect(p.pairs.map((x) => [x.menteeId, x.mentorId])).toEqual([[t.people.teacherElsewhere.id, t.people.mentor.id]]);
    const pair = p.pairs[0]!;
    expect(pair.subject).toBe("math");
    expect(pair.geo).toBe("neighbour");
    expect(pair.covered.length).toBe(pair.deficits.length);
    expect(pair.reason).toMatch(/^Учитель математики, СОШ № 2 \(школа с высокими результатами\), соседний муниципалитет \(Первый район\); освоил \d+ из \d+ дефицитных тем/);
    expect(pair.reason).toMatch(/Приоритет: школа в сложных социальных условиях\.$/);
    // The teacher already has a mentor; the Russian teacher has none of the subject.
    expect(p.unmatched).toEqual([t.people.teacherRussian.id]);
    expect(p.unmatchedDetails[0]).toMatchObject({ cause: "no_mentor_of_subject", reason: expect.stringMatching(/русского языка/) });
    expect(p.summary).toMatchObject({ mentees: 2, mentors: 2, places: 2 + 3, matched: 1, greedy: { matched: 1 } });
    expect(p.summary.totalCost).toBeLessThanOrEqual(p.summary.greedy.totalCost);
    expect(await currentPairs(t)).toEqual(before);
  });

  it("never give a mentor more mentees than their free places", async () => {
    await t.db.updateTable("users").set({ mentor_capacity: 1 }).where("id", "=", t.people.mentor.id).execute();
    const moved: Proposal = (await propose("admin")).json();
    expect(moved.pairs.map((x) => x.mentorId)).toEqual([t.people.otherMentor.id]);
    await t.db.updateTable("users").set({ mentor_capacity: 0 }).where("id", "=", t.people.otherMentor.id).execute();
    const none: Proposal = (await propose("admin")).json();
    expect(none.pairs).toEqual([]);
    expect(none.unmatchedDetails.find((u) => u.menteeId === t.people.teacherElsewhere.id)).toMatchObject({ cause: "all_full" });
  });

  it("include a teacher again once their pair has ended", async () => {
    await t.db.deleteFrom("mentor_assignments").execute();
    const p: Proposal = (await propose("methodologist", { subject: "math" })).json();
    expect(p.pairs.map((x) => x.menteeId).sort()).toEqual([t.people.teacher.id, t.people.teacherElsewhere.id].sort());
    // The low-result school's teacher and the unfavourable school's teacher both get the stronger mentor (3 places).
    expect(new Set(p.pairs.map((x) => x.mentorId))).toEqual(new Set([t.people.mentor.id]));
    expect(p.unmatched).toEqual([]);
  });

  it("filter by subject and by municipality", async () => {
    const russian: Proposal = (await propose("methodologist", { subject: "russian" })).json();
    expect([russian.pairs.length, russian.unmatched]).toEqual([0, [t.people.teacherRussian.id]]);
    const m2: Proposal = (await propose("methodologist", { municipalityId: "m2" })).json();
    expect([m2.pairs.map((x) => x.menteeId), m2.unmatched]).toEqual([[t.people.teacherElsewhere.id], []]);
    const m1: Proposal = (await propose("methodologist", { municipalityId: "m1", distance: "any" })).json();
    expect([m1.pairs.length, m1.unmatched]).toEqual([0, [t.people.teacherRussian.id]]);
  });

  it.each([
    ["an unknown subject", { subject: "astrology" }], ["an unknown municipality", { municipalityId: "nowhere" }],
    ["a municipality of another region", { municipalityId: "r2-m" }], ["an unknown distance", { distance: "far" }], ["an extra field", { commit: true }],
  ])("answer 400 to %s", async (_name, body) => {
    const res = await propose("methodologist", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[А-Яа-яЁё]/);
  });
});

describe("a teacher's candidates", () => {
  it("list every mentor who could help, the best first, with free places and reasons", async () => {
    const res = await t.as("methodologist", { method: "GET", url: `/api/mentoring/mentees/${t.people.teacherElsewhere.id}/candidates` });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ mentorId: string; covered: number; deficits: number; capacity: number; load: number; reason: string }>;
    expect(list.map((c) => c.mentorId)).toEqual([t.people.mentor.id, t.people.otherMentor.id]);
    expect(list[0]!.covered).toBeGreaterThan(list[1]!.covered);
    expect(list[0]).toMatchObject({ capacity: 3, load: 1 });
    expect(list[1]!.reason).toMatch(/^Учитель математики/);
  });

  it("are not found for a person of another region or nobody", async () => {
    for (const id of [data.outsider, "00000000-0000-4000-8000-000000000000"]) {
      expect((await t.as("methodologist", { method: "GET", url: `/api/mentoring/mentees/${id}/candidates` })).statusCode).toBe(404);
    }
    expect((await t.as("methodologist", { method: "GET", url: "/api/mentoring/mentees/xyz/candidates" })).statusCode).toBe(400);
  });
});

describe("the contract's cycle: confirm, see, end", () => {
  it("a confirmed mentee appears in the mentor's list and profile; after the end the mentor loses them", async () => {
    const mentee = t.people.teacherElsewhere.id;
    const made = await t.as("methodologist", { method: "POST", url: "/api/mentoring/assignments", payload: { menteeId: mentee, mentorId: t.people.otherMentor.id } });
    expect(made.statusCode).toBe(201);
    const list = (await t.as("otherMentor", { method: "GET", url: "/api/mentor/mentees" })).json();
    expect(list).toEqual([expect.objectContaining({ userId: mentee, name: "Тест teacherElsewhere", schoolId: "s-other", deficits: expect.arrayContaining(["math.equations"]) })]);
    expect((await t.as("mentor", { method: "GET", url: "/api/mentor/mentees" })).json().map((m: { userId: string }) => m.userId)).toEqual([t.people.teacher.id]);
    const profile = (await t.as("teacherElsewhere", { method: "GET", url: "/api/me/profile" })).json();
    expect(profile.mentor).toMatchObject({ id: t.people.otherMentor.id, schoolId: "s-high" });
    expect((await t.as("otherMentor", { method: "GET", url: `/api/users/${mentee}/profile` })).statusCode).toBe(200);

    expect((await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${mentee}` })).statusCode).toBe(204);
    expect((await t.as("otherMentor", { method: "GET", url: "/api/mentor/mentees" })).json()).toEqual([]);
    expect((await t.as("otherMentor", { method: "GET", url: `/api/users/${mentee}/profile` })).statusCode).toBe(404);
    expect((await t.as("teacherElsewhere", { method: "GET", url: "/api/me/profile" })).json().mentor).toBeUndefined();
    const ended = await t.db.selectFrom("mentor_assignments").select(["ended_at", "ended_by"]).where("mentee_id", "=", mentee).executeTakeFirstOrThrow();
    expect(ended.ended_at).not.toBeNull();
    expect(ended.ended_by).toBe(t.people.methodologist.id);
    expect((await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${mentee}` })).statusCode).toBe(404);
  });
});

describe("the demo seed's pairs", () => {
  it("confirm the optimal pairs for about a third of the teachers with deficits, highest priority first, inside the caller's transaction", async () => {
    const made = await t.db.transaction().execute((trx) => seedDemoMentorPairs(trx, "r1", t.people.methodologist.id));
    // Two teachers with deficits and no mentor: a third of them is one, the unfavourable school's teacher first.
    expect(made).toBe(1);
    const rows = await t.db.selectFrom("mentor_assignments").selectAll().where("ended_at", "is", null).where("mentee_id", "=", t.people.teacherElsewhere.id).execute();
    expect(rows).toEqual([expect.objectContaining({ mentor_id: t.people.mentor.id, assigned_by: t.people.methodologist.id, subject: "math", reason: expect.stringMatching(/^Учитель математики/) })]);
  });

  it("leave at least every other mentor a free place for the institute's next choice", async () => {
    await t.db.updateTable("users").set({ mentor_capacity: 2 }).where("id", "=", t.people.mentor.id).execute();
    await t.db.updateTable("users").set({ mentor_capacity: 1 }).where("id", "=", t.people.otherMentor.id).execute();
    await seedDemoMentorPairs(t.db, "r1", null);
    const load = await t.db.selectFrom("mentor_assignments").select(["mentor_id"]).select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ended_at", "is", null).groupBy("mentor_id").execute();
    const used = new Map(load.map((r) => [r.mentor_id, Number(r.n)]));
    const withFreePlace = [[t.people.mentor.id, 2], [t.people.otherMentor.id, 1]].filter(([id, cap]) => (used.get(id as string) ?? 0) < (cap as number));
    expect(withFreePlace.length).toBeGreaterThanOrEqual(1);
  });
});
