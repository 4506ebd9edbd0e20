// Plans (ИОМ): who reads and changes a teacher's plan, what bad input is refused, and the history every change leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { addItem, COORDINATORS, eventsOf, notificationsOf, planUrl, READERS, READ_ONLY, resetPlans, STRANGERS, stored } from "./plan-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPlans(t); });

const MODES: Record<string, string> = { teacher: "own", mentor: "mentor", principal: "read", methodologist: "read", admin: "read" };

describe("reading a teacher's plan", () => {
  it.each(READERS)("%s reads it, told whether they may change it", async (who) => {
    await addItem(t, "mentor", { kind: "open-lesson", title: "Открытый урок: задачи на движение", dueOn: "2027-03-01" });
    const res = await t.as(who, { method: "GET", url: planUrl(t) });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ userId: t.people.teacher.id, mode: MODES[who], mentor: { id: t.people.mentor.id } });
    expect(plan.items).toEqual([expect.objectContaining({ kind: "open-lesson", title: "Открытый урок: задачи на движение", dueOn: "2027-03-01", status: "planned", evidence: [] })]);
  });

  it.each([...STRANGERS, ...COORDINATORS])("%s gets 404, as if the person did not exist", async (who) => {
    const res = await t.as(who, { method: "GET", url: planUrl(t) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("plan_not_found");
  });

  it("without a token: 401; a person who does not exist: 404; an id that is not one: 400", async () => {
    expect((await t.as(null, { method: "GET", url: planUrl(t) })).statusCode).toBe(401);
    expect((await t.as("admin", { method: "GET", url: "/api/users/00000000-0000-4000-8000-000000000000/plan" })).statusCode).toBe(404);
    expect((await t.as("admin", { method: "GET", url: "/api/users/teacher/plan" })).statusCode).toBe(400);
  });

  it("a teacher sees their own plan only: another teacher's plan at their own school is 404", async () => {
    await addItem(t, "teacherRussian", { kind: "self-study", title: "Читать методическое пособие" }, "teacherRussian");
    expect((await t.as("teacher", { method: "GET", url: planUrl(t, "teacherRussian") })).statusCode).toBe(404);
    expect((await t.as("teacherRussian", { method: "GET", url: planUrl(t, "teacherRussian") })).json().items).toHaveLength(1);
  });

  it("marks items overdue when their date has passed and they are still open", async () => {
    const late = await addItem(t, "teacher", { kind: "seminar", title: "Семинар", dueOn: "2024-05-20" });
    const done = await addItem(t, "teacher", { kind: "seminar", title: "Семинар, пройденный", dueOn: "2024-05-20" });
    await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${done.id}`, payload: { status: "done" } });
    const items = (await t.as("teacher", { method: "GET", url: planUrl(t) })).json().items as Array<{ id: string; overdue: boolean }>;
    expect(items.find((i) => i.id === late.id)!.overdue).toBe(true);
    expect(items.find((i) => i.id === done.id)!.overdue).toBe(false);
  });
});

describe("adding an item", () => {
  it("the teacher adds to their own plan: 201 with the contract's fields, and the history records who", async () => {
    const item = await addItem(t, "teacher", { kind: "consultation", title: "  Консультация   по дробям ", competencyId: "math.expressions", dueOn: "2027-01-15" });
    expect(item).toMatchObject({ id: expect.any(String), kind: "consultation", title: "Консультация по дробям", competencyId: "math.expressions", dueOn: "2027-01-15", status: "planned", createdBy: { id: t.people.teacher.id } });
    const events = await eventsOf(t, item.id);
    expect(events).toEqual([{ action: "created", actor_id: t.people.teacher.id, changes: { kind: "consultation", title: "Консультация по дробям", status: "planned", competencyId: "math.expressions", dueOn: "2027-01-15" } }]);
    expect(await notificationsOf(t, "teacher")).toEqual([]);
  });

  it("the mentor adds to the mentee's plan, and the teacher is told", async () => {
    const item = await addItem(t, "mentor", { kind: "lesson-observation", title: "Посетить урок наставника" });
    expect((await eventsOf(t, item.id))[0]).toMatchObject({ action: "created", actor_id: t.people.mentor.id });
    expect(await notificationsOf(t, "teacher")).toEqual([expect.objectContaining({ kind: "plan-item-added", link: "/plan", read_at: null, body: expect.stringContaining("Посетить урок наставника") })]);
  });

  const write = (who: PersonKey) => t.as(who, { method: "POST", url: `${planUrl(t)}/items`, payload: { kind: "seminar", title: "Семинар" } });

  it.each(READ_ONLY)("%s reads but may not add: 403, nothing written", async (who) => {
    const res = await write(who);
    expect(res.statusCode).toBe(403);
    expect((await stored(t)).items).toBe(0);
  });

  it.each(COORDINATORS)("%s is stopped by the role gate: 403, nothing written", async (who) => {
    expect((await write(who)).statusCode).toBe(403);
    expect((await stored(t)).items).toBe(0);
  });

  it.each(STRANGERS)("%s gets 404, nothing written", async (who) => {
    expect((await write(who)).statusCode).toBe(404);
    expect((await stored(t)).items).toBe(0);
  });

  it("without a token: 401", async () => {
    expect((await t.as(null, { method: "POST", url: `${planUrl(t)}/items`, payload: { kind: "seminar", title: "Семинар" } })).statusCode).toBe(401);
  });

  it.each([
    ["an unknown kind", { kind: "webinar", title: "Вебинар" }, /kind/],
    ["no title", { kind: "seminar" }, /title/],
    ["a blank title", { kind: "seminar", title: "   " }, /пуст/],
    ["a title over 300 characters", { kind: "seminar", title: "я".repeat(301) }, /300/],
    ["a day that does not exist", { kind: "seminar", title: "Семинар", dueOn: "2027-02-30" }, /dueOn/],
    ["a date that is not one", { kind: "seminar", title: "Семинар", dueOn: "завтра" }, /dueOn/],
    ["a date outside the horizon", { kind: "seminar", title: "Семинар", dueOn: "3026-01-01" }, /диапазон/],
    ["an unknown competency", { kind: "seminar", title: "Семинар", competencyId: "math.alchemy" }, /math\.alchemy/],
    ["an unknown course", { kind: "course", title: "Курс", courseId: "no-such-course" }, /no-such-course/],
    ["a resource that is not a web address", { kind: "self-study", title: "Ресурс", resourceUrl: "javascript:alert(1)" }, /resourceUrl/],
    ["a field the API does not know", { kind: "seminar", title: "Семинар", status: "done" }, /status/],
  ])("%s: 400 with a Russian message, nothing written", async (_case, payload, message) => {
    const res = await t.as("teacher", { method: "POST", url: `${planUrl(t)}/items`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(res.json().error.message).toMatch(/[а-я]/);
    expect(await stored(t)).toMatchObject({ items: 0, events: 0 });
  });
});

describe("changing an item", () => {
  it("each change is one history row with what changed from what; a change to the same values writes nothing", async () => {
    const item = await addItem(t, "mentor", { kind: "seminar", title: "Семинар", dueOn: "2027-02-01" });
    const url = `${planUrl(t)}/items/${item.id}`;
    const first = await t.as("mentor", { method: "PATCH", url, payload: { title: "Семинар по геометрии", dueOn: null, competencyId: "math.planimetry" } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ title: "Семинар по геометрии", competencyId: "math.planimetry", updatedBy: { id: t.people.mentor.id } });
    expect(first.json().dueOn).toBeUndefined();
    const second = await t.as("teacher", { method: "PATCH", url, payload: { status: "in-progress" } });
    expect(second.json().status).toBe("in-progress");
    const same = await t.as("teacher", { method: "PATCH", url, payload: { status: "in-progress", title: "Семинар по геометрии" } });
    expect(same.statusCode).toBe(200);
    const events = await eventsOf(t, item.id);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ["created", t.people.mentor.id], ["updated", t.people.mentor.id], ["updated", t.people.teacher.id],
    ]);
    expect(events[1]!.changes).toEqual({
      title: { from: "Семинар", to: "Семинар по геометрии" }, dueOn: { from: "2027-02-01", to: null }, competencyId: { from: null, to: "math.planimetry" },
    });
    expect(events[2]!.changes).toEqual({ status: { from: "planned", to: "in-progress" } });
  });

  it("the teacher marking an item done tells the mentor; the mentor marking one done tells nobody", async () => {
    const a = await addItem(t, "teacher", { kind: "seminar", title: "Семинар А" });
    const b = await addItem(t, "teacher", { kind: "seminar", title: "Семинар Б" });
    expect((await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${a.id}`, payload: { status: "done" } })).json().status).toBe("done");
    await t.as("mentor", { method: "PATCH", url: `${planUrl(t)}/items/${b.id}`, payload: { status: "done" } });
    expect(await notificationsOf(t, "mentor")).toEqual([
      expect.objectContaining({ kind: "plan-item-done", body: "«Семинар А»", link: `/people/${t.people.teacher.id}` }),
    ]);
  });

  it.each([...READ_ONLY, ...COORDINATORS])("%s may not change it: 403, nothing written", async (who) => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    const res = await t.as(who, { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } });
    expect(res.statusCode).toBe(403);
    expect((await eventsOf(t, item.id))).toHaveLength(1);
  });

  it.each(STRANGERS)("%s gets 404", async (who) => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    expect((await t.as(who, { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } })).statusCode).toBe(404);
  });

  it("an item of another plan is not found under this one, even for its own author", async () => {
    const foreign = await addItem(t, "teacherRussian", { kind: "seminar", title: "Чужой семинар" }, "teacherRussian");
    const res = await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${foreign.id}`, payload: { status: "done" } });
    expect(res.statusCode).toBe(404);
    expect((await t.as("teacherRussian", { method: "GET", url: planUrl(t, "teacherRussian") })).json().items[0].status).toBe("planned");
  });

  it.each([
    ["an unknown status", { status: "finished" }],
    ["nothing to change", {}],
    ["a month that does not exist", { dueOn: "2027-13-01" }],
    ["an unknown competency", { competencyId: "math.alchemy" }],
    ["a title over 300 characters", { title: "я".repeat(301) }],
  ])("%s: 400, nothing written", async (_case, payload) => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    const res = await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload });
    expect(res.statusCode).toBe(400);
    expect(await eventsOf(t, item.id)).toHaveLength(1);
  });

  it("without a token: 401", async () => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    expect((await t.as(null, { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } })).statusCode).toBe(401);
  });
});

describe("deleting an item", () => {
  it("its author deletes a fresh planned item nobody else touched; the plan says so with mayDelete", async () => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Лишний" });
    expect((await t.as("teacher", { method: "GET", url: planUrl(t) })).json().items[0].mayDelete).toBe(true);
    expect((await t.as("mentor", { method: "GET", url: planUrl(t) })).json().items[0].mayDelete).toBe(false);
    expect((await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${item.id}` })).statusCode).toBe(204);
    expect(await stored(t)).toMatchObject({ items: 0, events: 0 });
  });

  it("someone else's item: 403; an item another participant changed or started: 409 (drop it instead)", async () => {
    const mentors = await addItem(t, "mentor", { kind: "seminar", title: "Семинар наставника" });
    const res = await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${mentors.id}` });
    expect([res.statusCode, res.json().error.code]).toEqual([403, "not_item_author"]);
    const own = await addItem(t, "teacher", { kind: "seminar", title: "Свой семинар" });
    await t.as("mentor", { method: "PATCH", url: `${planUrl(t)}/items/${own.id}`, payload: { dueOn: "2027-04-01" } });
    const touched = await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${own.id}` });
    expect([touched.statusCode, touched.json().error.code]).toEqual([409, "item_in_use"]);
    const started = await addItem(t, "teacher", { kind: "seminar", title: "Начатый" });
    await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${started.id}`, payload: { status: "in-progress" } });
    expect((await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${started.id}` })).statusCode).toBe(409);
    expect((await stored(t)).items).toBe(3);
  });

  it.each([...READ_ONLY, ...COORDINATORS, ...STRANGERS, null] as Array<PersonKey | null>)("%s may not delete", async (who) => {
    const item = await addItem(t, "teacher", { kind: "seminar", title: "Семинар" });
    const res = await t.as(who, { method: "DELETE", url: `${planUrl(t)}/items/${item.id}` });
    const expected = who === null ? 401 : STRANGERS.includes(who) ? 404 : 403;
    expect(res.statusCode).toBe(expected);
    expect((await stored(t)).items).toBe(1);
  });
});

describe("the plan's history", () => {
  it.each(READERS)("%s reads every change: who, when, what, in words, newest first", async (who) => {
    const item = await addItem(t, "mentor", { kind: "open-lesson", title: "Открытый урок", dueOn: "2027-02-10" });
    await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } });
    const res = await t.as(who, { method: "GET", url: `${planUrl(t)}/history` });
    expect(res.statusCode).toBe(200);
    const history = res.json();
    expect(history.total).toBe(2);
    expect(history.events.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ["updated", t.people.teacher.id], ["created", t.people.mentor.id],
    ]);
    expect(history.events[0]).toMatchObject({ itemId: item.id, itemTitle: "Открытый урок", summary: "Изменено — статус: запланировано → выполнено", at: expect.any(String) });
    expect(history.events[1].summary).toBe("Добавлен пункт: открытый урок наставника «Открытый урок», срок 10 февраля 2027 г.");
  });

  it.each([...STRANGERS, ...COORDINATORS, null] as Array<PersonKey | null>)("%s may not read it", async (who) => {
    expect((await t.as(who, { method: "GET", url: `${planUrl(t)}/history` })).statusCode).toBe(who === null ? 401 : 404);
  });

  it("pages with limit and offset", async () => {
    for (let k = 0; k < 3; k++) await addItem(t, "teacher", { kind: "seminar", title: `Семинар ${k}` });
    const page = (await t.as("teacher", { method: "GET", url: `${planUrl(t)}/history?limit=2&offset=2` })).json();
    expect(page.total).toBe(3);
    expect(page.events.map((e: { itemTitle: string }) => e.itemTitle)).toEqual(["Семинар 0"]);
  });
});

describe("when the pair ends", () => {
  it("the former mentor loses the plan at once (404 everywhere); the new mentor gains it", async () => {
    const item = await addItem(t, "mentor", { kind: "consultation", title: "Консультация" });
    const ended = await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${t.people.teacher.id}` });
    expect(ended.statusCode).toBe(204);
    const calls = [
      { method: "GET", url: planUrl(t) },
      { method: "GET", url: `${planUrl(t)}/history` },
      { method: "POST", url: `${planUrl(t)}/items`, payload: { kind: "seminar", title: "Семинар" } },
      { method: "PATCH", url: `${planUrl(t)}/items/${item.id}`, payload: { status: "done" } },
      { method: "DELETE", url: `${planUrl(t)}/items/${item.id}` },
      { method: "POST", url: `${planUrl(t)}/draft` },
    ] as const;
    for (const call of calls) expect((await t.as("mentor", call)).statusCode, `${call.method} ${call.url}`).toBe(404);
    expect((await stored(t)).items).toBe(1);
    // The teacher keeps the plan, the former mentor's item included.
    expect((await t.as("teacher", { method: "GET", url: planUrl(t) })).json().items).toHaveLength(1);

    const assigned = await t.as("methodologist", { method: "POST", url: "/api/mentoring/assignments", payload: { menteeId: t.people.teacher.id, mentorId: t.people.otherMentor.id, reason: "Замена наставника" } });
    expect(assigned.statusCode).toBe(201);
    expect((await t.as("otherMentor", { method: "GET", url: planUrl(t) })).json().mode).toBe("mentor");
    expect((await t.as("mentor", { method: "GET", url: planUrl(t) })).statusCode).toBe(404);
  });
});
