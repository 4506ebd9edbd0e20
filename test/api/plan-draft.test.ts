// Drafting a plan from the profile and the teacher's course groups: every deficit gets an item, nothing twice, idempotent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { submit } from "./mentoring-data.js";
import { COORDINATORS, eventsOf, notificationsOf, planUrl, READ_ONLY, resetPlans, STRANGERS, stored } from "./plan-steps.js";

interface Item { id: string; kind: string; title: string; competencyId?: string; courseId?: string; dueOn?: string; status: string; group?: { id: string; endsOn?: string } }
interface Profile { deficits: string[]; courses: Array<{ id: string; competencies: string[] }> }

let t: TestContext;
let profile: Profile;
const courseOf = new Map<string, string[]>();
beforeAll(async () => {
  t = await setupTestApp();
  // An empty submission: every competency of the mathematics test is a deficit.
  await submit(t, "teacher", "subject-math", {});
  // And a literature topic measured low, which no course open to a mathematics teacher addresses.
  const loaded = t.registry.get("subject-literature")!;
  const attempt = await t.db.insertInto("attempts").values({
    user_id: t.people.teacher.id, school_id: "s-low", audience: "teacher", instrument_id: "subject-literature", version: loaded.definition.version,
    campaign_id: "c1", status: "submitted", data: "{}", started_at: new Date(), updated_at: new Date(), submitted_at: new Date(),
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("competency_results").values({ attempt_id: attempt.id, competency_id: "literature.essay", score: 1, max_score: 10, percent: 10, level: "deficit", items: 4 }).execute();
  profile = (await t.as("teacher", { method: "GET", url: "/api/me/profile" })).json();
  for (const c of t.registry.catalogues.courses) courseOf.set(c.id, c.competencies);
});
afterAll(async () => { await t.close(); });
beforeEach(async () => {
  await resetPlans(t);
  await t.db.deleteFrom("course_group_members").execute();
  await t.db.deleteFrom("course_groups").execute();
});

const draft = (who: PersonKey | null, owner: PersonKey = "teacher") => t.as(who, { method: "POST", url: `${planUrl(t, owner)}/draft` });
const items = async (): Promise<Item[]> => (await t.as("teacher", { method: "GET", url: planUrl(t) })).json().items;

async function confirmedGroup(courseId: string, startsIn: number, lasts: number, confirm = true): Promise<string> {
  const saved = await t.as("methodologist", { method: "POST", url: "/api/course-groups", payload: {
    courseId, startsOn: isoDay(startsIn), endsOn: isoDay(startsIn + lasts), groups: [{ members: [t.people.teacher.id] }],
  } });
  expect(saved.statusCode, saved.body).toBe(201);
  const id = saved.json().groups[0].id as string;
  if (confirm) expect((await t.as("methodologist", { method: "POST", url: `/api/course-groups/${id}/confirm` })).statusCode).toBe(200);
  return id;
}

describe("drafting from the profile", () => {
  it("adds each recommended course and self-study for deficits no course closes, filed under the weakest deficit; every deficit has an item", async () => {
    const res = await draft("teacher");
    expect(res.statusCode).toBe(200);
    const created = res.json().created as Item[];
    const courses = created.filter((i) => i.kind === "course").map((i) => i.courseId);
    expect(courses).toEqual(profile.courses.map((c) => c.id));
    for (const item of created) {
      expect(item.status).toBe("planned");
      expect(profile.deficits).toContain(item.competencyId);
      if (item.courseId) expect(courseOf.get(item.courseId)).toContain(item.competencyId);
    }
    const covered = new Set(created.flatMap((i) => [i.competencyId!, ...(i.courseId ? courseOf.get(i.courseId)! : [])]));
    for (const d of profile.deficits) expect(covered.has(d), d).toBe(true);
    expect(created.filter((x) => x.kind === "self-study").map((x) => x.competencyId)).toEqual(["literature.essay"]);
    for (const i of created.filter((x) => x.kind === "self-study")) {
      expect(profile.courses.some((c) => c.competencies.includes(i.competencyId!))).toBe(false);
      expect(i.title).toMatch(/^Самостоятельное изучение: /);
    }
    // One history row per item, by the one who drafted; the teacher's own draft tells nobody.
    for (const item of created) expect(await eventsOf(t, item.id)).toEqual([expect.objectContaining({ action: "drafted", actor_id: t.people.teacher.id })]);
    expect(await notificationsOf(t, "teacher")).toEqual([]);
  });

  it("is idempotent: a second draft adds nothing, and a dropped course is not added back", async () => {
    const first = (await draft("teacher")).json().created as Item[];
    const course = first.find((i) => i.kind === "course")!;
    await t.as("teacher", { method: "PATCH", url: `${planUrl(t)}/items/${course.id}`, payload: { status: "dropped" } });
    const before = await stored(t);
    const again = await draft("mentor");
    expect(again.json()).toEqual({ userId: t.people.teacher.id, created: [], linked: [] });
    expect(await stored(t)).toEqual(before);
  });

  it("skips what the teacher added already and drafts the rest; the mentor's draft tells the teacher", async () => {
    const first = profile.courses[0]!;
    await t.as("teacher", { method: "POST", url: `${planUrl(t)}/items`, payload: { kind: "course", title: "Уже записалась", courseId: first.id } });
    const created = (await draft("mentor")).json().created as Item[];
    expect(created.map((i) => i.courseId)).not.toContain(first.id);
    expect((await items()).filter((i) => i.courseId === first.id)).toHaveLength(1);
    expect(await notificationsOf(t, "teacher")).toEqual([expect.objectContaining({ kind: "plan-drafted", body: expect.stringContaining(`Добавлено пунктов: ${created.length}`) })]);
  });

  it("a person without results gets nothing to draft", async () => {
    const res = await draft("teacherRussian", "teacherRussian");
    expect(res.json()).toMatchObject({ created: [], linked: [] });
  });
});

describe("drafting from the teacher's course groups", () => {
  it("a confirmed group of a course not yet in the plan becomes a course item due when the group ends", async () => {
    const group = await confirmedGroup("probability-statistics-course", 10, 30);
    expect(profile.courses.map((c) => c.id)).not.toContain("probability-statistics-course");
    const created = (await draft("teacher")).json().created as Item[];
    expect(created[0]).toMatchObject({ kind: "course", courseId: "probability-statistics-course", dueOn: isoDay(40), group: { id: group, endsOn: isoDay(40) }, competencyId: "math.probability" });
  });

  it("an open course item of the same course is tied to the group (not repeated), with the history of the change", async () => {
    const recommended = profile.courses[0]!.id;
    const first = (await draft("teacher")).json().created as Item[];
    const item = first.find((i) => i.courseId === recommended)!;
    const group = await confirmedGroup(recommended, 20, 35);
    const res = (await draft("mentor")).json();
    expect(res.created).toEqual([]);
    expect(res.linked).toEqual([expect.objectContaining({ id: item.id, dueOn: isoDay(55), group: expect.objectContaining({ id: group }) })]);
    const events = await eventsOf(t, item.id);
    expect(events.at(-1)).toMatchObject({ action: "updated", actor_id: t.people.mentor.id, changes: { groupId: { from: null, to: group }, dueOn: { from: null, to: isoDay(55) } } });
    expect((await draft("teacher")).json()).toMatchObject({ created: [], linked: [] });
  });

  it("a proposed group is not planned on until it is confirmed", async () => {
    await confirmedGroup("probability-statistics-course", 10, 30, false);
    const created = (await draft("teacher")).json().created as Item[];
    expect(created.map((i) => i.courseId)).not.toContain("probability-statistics-course");
  });
});

describe("who may draft", () => {
  it.each([...READ_ONLY, ...COORDINATORS, ...STRANGERS, null] as Array<PersonKey | null>)("%s may not: nothing written", async (who) => {
    const res = await draft(who);
    expect(res.statusCode).toBe(who === null ? 401 : STRANGERS.includes(who) ? 404 : 403);
    expect((await stored(t)).items).toBe(0);
  });
});
