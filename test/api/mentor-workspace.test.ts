// The mentor's workspace: the list of mentees with results, plan progress, meetings and unread news; only current mentees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import { MenteesService } from "../../server/modules/mentoring/mentees.service.js";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { answersFor, submit } from "./mentoring-data.js";
import { addItem, planUrl, resetPlans } from "./plan-steps.js";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  // The teacher gets every methodological item right and no mathematics: the mathematics topics are deficits.
  await submit(t, "teacher", "subject-math", answersFor(t, "subject-math", (id) => !id.startsWith("math.")));
});
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPlans(t); });

interface Mentee {
  userId: string; name: string; schoolId?: string; deficits: string[]; deficitTitles: Array<{ id: string; title: string; percent: number }>;
  email?: string; latestResult?: { measuredAt: string; percent: number; instrumentId: string; instrumentTitle: string; campaignTitle?: string; wave?: string };
  plan: { total: number; done: number; inProgress: number; overdue: number; changedAt?: string };
  lastMeetingOn?: string; meetings: number; unread: number;
}
const list = async (who: PersonKey) => {
  const res = await t.as(who, { method: "GET", url: "/api/mentor/mentees" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Mentee[];
};
const meet = async (heldOn: string, topic: string) => {
  const res = await t.as("mentor", { method: "POST", url: `/api/users/${t.people.teacher.id}/meetings`, payload: { heldOn, topic } });
  expect(res.statusCode, res.body).toBe(201);
};
const setStatus = async (who: PersonKey, itemId: string, status: string) => {
  const res = await t.as(who, { method: "PATCH", url: `${planUrl(t)}/items/${itemId}`, payload: { status } });
  expect(res.statusCode, res.body).toBe(200);
};

describe("GET /api/mentor/mentees: who", () => {
  it("is for mentors only: 403 for every other role, 401 without a token", async () => {
    for (const who of ["teacher", "teacherRussian", "principal", "methodologist", "municipal", "admin"] as const) {
      expect((await t.as(who, { method: "GET", url: "/api/mentor/mentees" })).statusCode, who).toBe(403);
    }
    expect((await t.as(null, { method: "GET", url: "/api/mentor/mentees" })).statusCode).toBe(401);
  });

  it("shows a mentor their current mentees only: another mentor sees none of them", async () => {
    expect((await list("mentor")).map((m) => m.userId)).toEqual([t.people.teacher.id]);
    expect(await list("otherMentor")).toEqual([]);
  });

  it("a former mentor loses the mentee (list, profile, plan, progress), and the new mentor gets them with their history", async () => {
    await meet(isoDay(-3), "Первая встреча");
    expect((await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${t.people.teacher.id}` })).statusCode).toBe(204);
    expect(await list("mentor")).toEqual([]);
    for (const url of [`/api/users/${t.people.teacher.id}/profile`, planUrl(t), `/api/users/${t.people.teacher.id}/progress`, `/api/users/${t.people.teacher.id}/meetings`]) {
      expect((await t.as("mentor", { method: "GET", url })).statusCode, url).toBe(404);
    }
    await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.otherMentor.id, mentee_id: t.people.teacher.id }).execute();
    const [mentee] = await list("otherMentor");
    expect(mentee!.userId).toBe(t.people.teacher.id);
    // The teacher's meetings stay with the teacher; the former mentor's news does not follow the pair.
    expect(mentee!.meetings).toBe(1);
    expect(mentee!.unread).toBe(0);
  });
});

describe("GET /api/mentor/mentees: what", () => {
  it("keeps the contract's fields: userId, name, schoolId and the deficits as the profile counts them", async () => {
    const [mentee] = await list("mentor");
    const profile = (await t.as("mentor", { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` })).json();
    expect(mentee).toMatchObject({ userId: t.people.teacher.id, name: profile.name, schoolId: "s-low" });
    expect([...mentee!.deficits].sort()).toEqual([...new Set(profile.deficits as string[])].sort());
    expect(mentee!.deficits.some((d) => d.startsWith("math."))).toBe(true);
  });

  it("gives the latest result's day, overall percent, test and wave", async () => {
    const [mentee] = await list("mentor");
    const attempt = await t.db.selectFrom("attempts").select(["percent", "submitted_at"]).where("user_id", "=", t.people.teacher.id).where("status", "=", "submitted").executeTakeFirstOrThrow();
    expect(mentee!.latestResult).toMatchObject({ instrumentId: "subject-math", percent: attempt.percent, wave: "input" });
    expect(mentee!.latestResult!.measuredAt).toBe(new Date(attempt.submitted_at!).toISOString());
    expect(mentee!.latestResult!.instrumentTitle).toMatch(/атематик/);
    // Someone who has taken nothing has no latest result, and no deficits.
    await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.otherMentor.id, mentee_id: t.people.teacherElsewhere.id }).execute();
    const [fresh] = await list("otherMentor");
    expect(fresh!.latestResult).toBeUndefined();
    expect(fresh!.deficits).toEqual([]);
  });

  it("counts the plan: done of all but dropped, in progress, and open items past their day as overdue", async () => {
    const done = await addItem(t, "teacher", { kind: "seminar", title: "Семинар по функциям", dueOn: isoDay(-10) });
    const late = await addItem(t, "mentor", { kind: "open-lesson", title: "Открытый урок", dueOn: isoDay(-2) });
    const going = await addItem(t, "teacher", { kind: "self-study", title: "Самостоятельно: задачи с параметром", dueOn: isoDay(-1) });
    await addItem(t, "mentor", { kind: "consultation", title: "Консультация", dueOn: isoDay(5) });
    const dropped = await addItem(t, "teacher", { kind: "seminar", title: "Отменённый семинар", dueOn: isoDay(-20) });
    await setStatus("teacher", done.id, "done");
    await setStatus("teacher", going.id, "in-progress");
    await setStatus("teacher", dropped.id, "dropped");
    const [mentee] = await list("mentor");
    expect(mentee!.plan).toMatchObject({ total: 4, done: 1, inProgress: 1, overdue: 2 });
    // The plan's own view agrees item by item.
    const plan = (await t.as("mentor", { method: "GET", url: planUrl(t) })).json();
    expect(plan.items.filter((i: { overdue: boolean }) => i.overdue).map((i: { id: string }) => i.id).sort()).toEqual([late.id, going.id].sort());
    expect(Date.parse(mentee!.plan.changedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("an empty plan and no meetings read as zeros, not as missing", async () => {
    const [mentee] = await list("mentor");
    expect(mentee!.plan).toEqual({ total: 0, done: 0, inProgress: 0, overdue: 0 });
    expect(mentee!.meetings).toBe(0);
    expect(mentee!.lastMeetingOn).toBeUndefined();
  });

  it("gives the date of the last meeting held (not the last recorded) and how many there were", async () => {
    await meet(isoDay(-2), "Разбор урока");
    await meet(isoDay(-30), "Знакомство, записано позже");
    const [mentee] = await list("mentor");
    expect(mentee!.lastMeetingOn).toBe(isoDay(-2));
    expect(mentee!.meetings).toBe(2);
  });

  it("counts the mentor's unread news about each mentee, and none once read", async () => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    await setStatus("teacher", item.id, "done");
    // News of someone else (another mentee's link) and the mentee's own notifications do not count.
    await t.db.insertInto("notifications").values([
      { user_id: t.people.mentor.id, kind: "wave-result", title: "Новый результат: другой", link: `/people/${t.people.teacherElsewhere.id}` },
      { user_id: t.people.mentor.id, kind: "wave-result", title: "Новый результат", link: `/people/${t.people.teacher.id}` },
    ]).execute();
    expect((await list("mentor"))[0]!.unread).toBe(2);
    expect((await t.as("mentor", { method: "POST", url: "/api/me/notifications/read", payload: {} })).statusCode).toBe(200);
    expect((await list("mentor"))[0]!.unread).toBe(0);
  });

  it("gives the mentee's e-mail when there is one", async () => {
    await t.db.updateTable("users").set({ email: "teacher@school.example" }).where("id", "=", t.people.teacher.id).execute();
    expect((await list("mentor"))[0]!.email).toBe("teacher@school.example");
    await t.db.updateTable("users").set({ email: null }).where("id", "=", t.people.teacher.id).execute();
    expect((await list("mentor"))[0]!.email).toBeUndefined();
  });

  it("takes the same number of statements for three mentees as for one (set-based, no query per mentee)", async () => {
    const counted = () => {
      const counter = { statements: 0 };
      const plugin: KyselyPlugin = { transformQuery(args) { counter.statements += 1; return args.node; }, async transformResult(args) { return args.result; } };
      return { service: new MenteesService(t.db.withPlugin(plugin)), counter };
    };
    const one = counted();
    expect(await one.service.menteesOf(t.people.mentor.id)).toHaveLength(1);
    await t.db.insertInto("mentor_assignments").values([
      { mentor_id: t.people.mentor.id, mentee_id: t.people.teacherElsewhere.id },
      { mentor_id: t.people.mentor.id, mentee_id: t.people.teacherRussian.id },
    ]).execute();
    await meet(isoDay(-1), "Встреча");
    await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    const three = counted();
    expect(await three.service.menteesOf(t.people.mentor.id)).toHaveLength(3);
    expect(three.counter.statements).toBe(one.counter.statements);
    expect(one.counter.statements).toBeGreaterThan(1);
  });
});
