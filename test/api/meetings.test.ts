// Mentors' meetings: the current mentor records, changes and deletes their own; the person, principal and staff read them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { COORDINATORS, notificationsOf, READERS, READ_ONLY, resetPlans, STRANGERS, stored } from "./plan-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPlans(t); });

const url = () => `/api/users/${t.people.teacher.id}/meetings`;
const record = async (who: PersonKey | null, payload: Record<string, unknown>) => t.as(who, { method: "POST", url: url(), payload });
const MEETING = { heldOn: isoDay(-3), topic: "Разбор урока по теме «Дроби»", agreed: "Посетить открытый урок 7Б; подготовить самоанализ" };

describe("recording a meeting", () => {
  it("the current mentor records it: 201, and the teacher is told with a link to their plan", async () => {
    const res = await record("mentor", MEETING);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...MEETING, mentor: { id: t.people.mentor.id }, mine: true });
    expect(await notificationsOf(t, "teacher")).toEqual([expect.objectContaining({ kind: "meeting-recorded", link: "/plan#meetings", body: expect.stringContaining("Разбор урока") })]);
  });

  it.each(["teacher", ...READ_ONLY, ...COORDINATORS] as PersonKey[])("%s may not record one: 403, nothing written", async (who) => {
    const res = await record(who, MEETING);
    expect(res.statusCode).toBe(403);
    expect(await stored(t)).toMatchObject({ meetings: 0, notifications: 0 });
  });

  it.each([...STRANGERS, null] as Array<PersonKey | null>)("%s may not record one", async (who) => {
    expect((await record(who, MEETING)).statusCode).toBe(who === null ? 401 : 404);
    expect((await stored(t)).meetings).toBe(0);
  });

  it.each([
    ["a meeting that has not happened yet", { ...MEETING, heldOn: isoDay(5) }, /ещё не наступила/],
    ["a day that does not exist", { ...MEETING, heldOn: "2026-02-30" }, /heldOn/],
    ["no topic", { heldOn: MEETING.heldOn }, /topic/],
    ["a blank topic", { ...MEETING, topic: "  " }, /пуст/],
    ["a topic over 300 characters", { ...MEETING, topic: "т".repeat(301) }, /300/],
    ["what was agreed over 4000 characters", { ...MEETING, agreed: "д".repeat(4001) }, /4000/],
  ])("%s: 400, nothing written", async (_case, payload, message) => {
    const res = await record("mentor", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(await stored(t)).toMatchObject({ meetings: 0, notifications: 0 });
  });
});

describe("reading the meetings", () => {
  it.each(READERS)("%s reads them, newest first, with the date of the last", async (who) => {
    await record("mentor", { heldOn: isoDay(-30), topic: "Первая встреча" });
    await record("mentor", MEETING);
    const res = await t.as(who, { method: "GET", url: url() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lastHeldOn).toBe(MEETING.heldOn);
    expect(body.meetings.map((m: { topic: string }) => m.topic)).toEqual([MEETING.topic, "Первая встреча"]);
    expect(body.meetings[0].mine).toBe(who === "mentor");
  });

  it.each([...STRANGERS, ...COORDINATORS, null] as Array<PersonKey | null>)("%s may not read them", async (who) => {
    expect((await t.as(who, { method: "GET", url: url() })).statusCode).toBe(who === null ? 401 : 404);
  });
});

describe("changing and deleting a meeting", () => {
  it("its mentor changes and deletes it", async () => {
    const id = (await record("mentor", MEETING)).json().id;
    const changed = await t.as("mentor", { method: "PATCH", url: `${url()}/${id}`, payload: { topic: "Разбор урока (дополнено)", agreed: null } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ topic: "Разбор урока (дополнено)", heldOn: MEETING.heldOn });
    expect(changed.json().agreed).toBeUndefined();
    expect((await t.as("mentor", { method: "DELETE", url: `${url()}/${id}` })).statusCode).toBe(204);
    expect((await stored(t)).meetings).toBe(0);
  });

  it.each(["teacher", ...READ_ONLY, ...COORDINATORS, ...STRANGERS, null] as Array<PersonKey | null>)("%s may not change or delete it", async (who) => {
    const id = (await record("mentor", MEETING)).json().id;
    const expected = who === null ? 401 : STRANGERS.includes(who) ? 404 : 403;
    expect((await t.as(who, { method: "PATCH", url: `${url()}/${id}`, payload: { topic: "Другое" } })).statusCode).toBe(expected);
    expect((await t.as(who, { method: "DELETE", url: `${url()}/${id}` })).statusCode).toBe(expected);
    expect((await t.db.selectFrom("mentor_meetings").select("topic").executeTakeFirstOrThrow()).topic).toBe(MEETING.topic);
  });

  it("a bad change is 400 and changes nothing", async () => {
    const id = (await record("mentor", MEETING)).json().id;
    for (const payload of [{}, { heldOn: isoDay(10) }, { topic: "" }, { place: "школа" }]) {
      expect((await t.as("mentor", { method: "PATCH", url: `${url()}/${id}`, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await t.db.selectFrom("mentor_meetings").select(["topic", "held_on"]).executeTakeFirstOrThrow()).toEqual({ topic: MEETING.topic, held_on: MEETING.heldOn });
  });

  it("after the pair ends the former mentor loses the meetings; the new mentor reads them but may not change the old ones", async () => {
    const id = (await record("mentor", MEETING)).json().id;
    await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${t.people.teacher.id}` });
    expect((await t.as("mentor", { method: "GET", url: url() })).statusCode).toBe(404);
    expect((await record("mentor", MEETING)).statusCode).toBe(404);
    expect((await t.as("mentor", { method: "DELETE", url: `${url()}/${id}` })).statusCode).toBe(404);
    await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.otherMentor.id, mentee_id: t.people.teacher.id }).execute();
    const list = (await t.as("otherMentor", { method: "GET", url: url() })).json();
    expect(list.meetings).toEqual([expect.objectContaining({ id, mine: false, mentor: { id: t.people.mentor.id, name: expect.any(String) } })]);
    const res = await t.as("otherMentor", { method: "PATCH", url: `${url()}/${id}`, payload: { topic: "Переписано" } });
    expect([res.statusCode, res.json().error.code]).toEqual([403, "not_meeting_author"]);
  });
});
