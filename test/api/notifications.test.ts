// In-page notifications: fired by pairs, plan items, meetings and results; each person reads and marks only their own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notify, notifyMentorOfResult } from "../../server/modules/notifications/notify.js";
import { isoDay } from "../../server/shared/dates.js";
import { PEOPLE, type PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { addItem, notificationsOf, planUrl, resetPlans } from "./plan-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPlans(t); });

const list = async (who: PersonKey, query = "") => {
  const res = await t.as(who, { method: "GET", url: `/api/me/notifications${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { unread: number; items: Array<{ id: string; kind: string; title: string; body?: string; link?: string; readAt?: string }> };
};

describe("what fires a notification", () => {
  it("a confirmed pair tells the teacher who their mentor is (a new pair and a replacement)", async () => {
    const one = await t.as("methodologist", { method: "POST", url: "/api/mentoring/assignments", payload: { menteeId: t.people.teacherElsewhere.id, mentorId: t.people.otherMentor.id } });
    expect(one.statusCode).toBe(201);
    const mine = await list("teacherElsewhere");
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: "mentor-assigned", title: "Вам назначен наставник: Тест otherMentor", link: "/plan" });
    expect(mine.items[0]!.body).toMatch(/Математика/);

    const replaced = await t.as("methodologist", { method: "POST", url: "/api/mentoring/assignments", payload: { menteeId: t.people.teacher.id, mentorId: t.people.otherMentor.id, replace: true } });
    expect(replaced.statusCode).toBe(201);
    expect((await list("teacher")).items.map((n) => n.title)).toEqual(["Вам назначен наставник: Тест otherMentor"]);
  });

  it("a refused pair tells nobody: the notification is in the pair's transaction", async () => {
    // The teacher already has a mentor: 409, and no notification either.
    const res = await t.as("methodologist", { method: "POST", url: "/api/mentoring/assignments/batch", payload: { pairs: [
      { menteeId: t.people.teacherElsewhere.id, mentorId: t.people.otherMentor.id }, { menteeId: t.people.teacher.id, mentorId: t.people.otherMentor.id },
    ] } });
    expect(res.statusCode).toBe(409);
    expect(await notificationsOf(t, "teacherElsewhere")).toEqual([]);
  });

  it("the mentor's item and meeting reach the teacher; the teacher's done item reaches the mentor", async () => {
    const item = await addItem(t, "mentor", { kind: "consultation", title: "Консультация" });
    await t.as("mentor", { method: "POST", url: `/api/users/${t.people.teacher.id}/meetings`, payload: { heldOn: isoDay(-1), topic: "Встреча" } });
    await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } });
    expect((await list("teacher")).items.map((n) => n.kind)).toEqual(["meeting-recorded", "plan-item-added"]);
    expect((await list("mentor")).items.map((n) => n.kind)).toEqual(["plan-item-done"]);
    // The teacher's own additions tell nobody.
    await addItem(t, "teacher", { kind: "seminar", title: "Свой семинар" });
    expect((await list("mentor")).items).toHaveLength(1);
  });

  it("a new result of a mentee reaches the current mentor (for the waves' code), and nobody when there is none", async () => {
    expect(await t.db.transaction().execute((trx) => notifyMentorOfResult(trx, t.people.teacher.id, { instrumentTitle: "Математика", waveTitle: "промежуточная диагностика" }))).toBe(true);
    expect((await list("mentor")).items[0]).toMatchObject({ kind: "wave-result", link: `/people/${t.people.teacher.id}`, body: expect.stringContaining("промежуточная диагностика") });
    expect(await notifyMentorOfResult(t.db, t.people.teacherRussian.id, { instrumentTitle: "Русский язык" })).toBe(false);
  });

  it("never links outside the client", async () => {
    for (const link of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      await expect(notify(t.db, t.people.teacher.id, { kind: "plan-item-added", title: "x", link })).rejects.toThrow();
    }
    expect(await notificationsOf(t, "teacher")).toEqual([]);
  });
});

describe("reading and marking", () => {
  it("lists the latest 50, newest first, with the count of all unread; unread=true lists only those", async () => {
    for (let k = 0; k < 55; k++) await notify(t.db, t.people.teacher.id, { kind: "plan-item-added", title: `Уведомление ${k}`, link: "/plan" });
    const all = await list("teacher");
    expect(all.unread).toBe(55);
    expect(all.items).toHaveLength(50);
    expect(all.items[0]!.title).toBe("Уведомление 54");
    await t.as("teacher", { method: "POST", url: "/api/me/notifications/read", payload: { ids: all.items.slice(0, 3).map((n) => n.id) } });
    const unread = await list("teacher", "?unread=true");
    expect(unread.unread).toBe(52);
    expect(unread.items.map((n) => n.title)).not.toContain("Уведомление 54");
    expect((await list("teacher")).items[0]!.readAt).toEqual(expect.any(String));
  });

  it("marks all when no ids are given; others' ids change nothing of theirs", async () => {
    await notify(t.db, t.people.teacher.id, { kind: "plan-item-added", title: "Учителю" });
    await notify(t.db, t.people.mentor.id, { kind: "plan-item-done", title: "Наставнику" });
    const mentorsId = (await list("mentor")).items[0]!.id;
    const res = await t.as("teacher", { method: "POST", url: "/api/me/notifications/read", payload: { ids: [mentorsId] } });
    expect(res.json()).toEqual({ unread: 1 });
    expect((await list("mentor")).unread).toBe(1);
    expect((await t.as("teacher", { method: "POST", url: "/api/me/notifications/read", payload: {} })).json()).toEqual({ unread: 0 });
    expect((await list("mentor")).unread).toBe(1);
  });

  it.each(Object.keys(PEOPLE) as PersonKey[])("%s reads only their own", async (who) => {
    await notify(t.db, t.people[who].id, { kind: "plan-item-added", title: `Для ${who}` });
    const mine = await list(who);
    expect(mine.items.map((n) => n.title)).toEqual([`Для ${who}`]);
  });

  it("without a token: 401; bad input: 400", async () => {
    expect((await t.as(null, { method: "GET", url: "/api/me/notifications" })).statusCode).toBe(401);
    expect((await t.as(null, { method: "POST", url: "/api/me/notifications/read", payload: {} })).statusCode).toBe(401);
    expect((await t.as("teacher", { method: "GET", url: "/api/me/notifications?unread=maybe" })).statusCode).toBe(400);
    expect((await t.as("teacher", { method: "POST", url: "/api/me/notifications/read", payload: { ids: ["not-a-uuid"] } })).statusCode).toBe(400);
  });
});
