// The teacher's side: «Мой наставник» (the profile's mentor and how to reach them) and «Мои курсы и группы» (GET /api/me/groups).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { submit } from "./mentoring-data.js";

let t: TestContext;
const MATH = "problem-topics-math";
const FORMATIVE = "formative-assessment";
let confirmedId = "";

beforeAll(async () => {
  t = await setupTestApp();
  for (const p of ["teacher", "teacherElsewhere", "mentor", "otherMentor"] as const) await submit(t, p, "subject-math", {});
  await t.db.updateTable("users").set({ email: "mentor@school.example" }).where("id", "=", t.people.mentor.id).execute();
  await t.db.updateTable("users").set({ email: "teacher@school.example", position: "Учитель математики" }).where("id", "=", t.people.teacher.id).execute();
  await t.db.updateTable("schools").set({ phone: "+7 (900) 000-00-01", email: "s-high@school.example" }).where("id", "=", "s-high").execute();

  // A confirmed group of the teacher, and a proposed one that may still change (not shown to them).
  const saved = await t.as("methodologist", {
    method: "POST", url: "/api/course-groups",
    payload: { courseId: MATH, startsOn: isoDay(-5), endsOn: isoDay(25), groups: [{ title: "Математика-1", members: [t.people.teacher.id, t.people.teacherElsewhere.id] }] },
  });
  expect(saved.statusCode, saved.body).toBe(201);
  confirmedId = saved.json().groups[0].id;
  expect((await t.as("methodologist", { method: "POST", url: `/api/course-groups/${confirmedId}/confirm` })).statusCode).toBe(200);
  const proposed = await t.as("methodologist", { method: "POST", url: "/api/course-groups", payload: { courseId: FORMATIVE, groups: [{ members: [t.people.teacher.id, t.people.mentor.id] }] } });
  expect(proposed.statusCode, proposed.body).toBe(201);
});
afterAll(async () => { await t.close(); });

const profileOf = (who: PersonKey, target: PersonKey) => t.as(who, { method: "GET", url: `/api/users/${t.people[target].id}/profile` });

describe("the profile's mentor: «Мой наставник»", () => {
  it("keeps the contract's id, name and schoolId, and adds how to reach the mentor", async () => {
    const profile = (await t.as("teacher", { method: "GET", url: "/api/me/profile" })).json();
    expect(profile.mentor).toMatchObject({ id: t.people.mentor.id, schoolId: "s-high", email: "mentor@school.example", schoolPhone: "+7 (900) 000-00-01", schoolEmail: "s-high@school.example" });
    expect(typeof profile.mentor.name).toBe("string");
    expect(profile.mentor.schoolName).toBeTruthy();
    expect(profile.mentor.subjects).toEqual(["math"]);
    expect(Date.parse(profile.mentor.since)).not.toBeNaN();
  });

  it("has no mentor once the pair ends, and the former mentor no longer sees the profile", async () => {
    await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${t.people.teacher.id}` });
    expect((await t.as("teacher", { method: "GET", url: "/api/me/profile" })).json().mentor).toBeUndefined();
    expect((await profileOf("mentor", "teacher")).statusCode).toBe(404);
    await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.mentor.id, mentee_id: t.people.teacher.id }).execute();
    expect((await profileOf("mentor", "teacher")).statusCode).toBe(200);
  });
});

describe("the person's contact on their page", () => {
  it("is shown to the person, their current mentor, their principal and the institute's staff", async () => {
    for (const who of ["teacher", "mentor", "principal", "methodologist", "admin"] as const) {
      const res = await profileOf(who, "teacher");
      expect(res.statusCode, who).toBe(200);
      expect(res.json(), who).toMatchObject({ email: "teacher@school.example", position: "Учитель математики", schoolId: "s-low" });
      expect(res.json().schoolName, who).toBeTruthy();
      expect(res.json().municipalityName, who).toBeTruthy();
    }
  });

  it("is not found for anyone else: another mentor, another teacher, another school's principal, coordinators", async () => {
    for (const who of ["otherMentor", "teacherRussian", "teacherElsewhere", "principalElsewhere", "municipal", "municipalElsewhere"] as const) {
      expect((await profileOf(who, "teacher")).statusCode, who).toBe(404);
    }
    expect((await t.as(null, { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` })).statusCode).toBe(401);
  });
});

describe("GET /api/me/groups: «Мои курсы и группы»", () => {
  it("lists the confirmed groups the person is in, with the course, dates, state and size; never a proposed group", async () => {
    const res = await t.as("teacher", { method: "GET", url: "/api/me/groups" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({
      id: confirmedId, title: "Математика-1", courseId: MATH, startsOn: isoDay(-5), endsOn: isoDay(25), state: "running", members: 2, inPlan: false,
    })]);
    expect(res.json()[0].courseTitle).toBeTruthy();
    expect(res.json()[0].hours).toBeGreaterThan(0);
  });

  it("says when the person's plan has an item tied to the group", async () => {
    const draft = await t.as("teacher", { method: "POST", url: `/api/users/${t.people.teacher.id}/plan/draft` });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await t.as("teacher", { method: "GET", url: "/api/me/groups" })).json()[0].inPlan).toBe(true);
    expect((await t.as("teacherElsewhere", { method: "GET", url: "/api/me/groups" })).json()[0].inPlan).toBe(false);
  });

  it("answers every role with their own groups only (none for those in none), and 401 without a token", async () => {
    expect((await t.as("teacherElsewhere", { method: "GET", url: "/api/me/groups" })).json().map((g: { id: string }) => g.id)).toEqual([confirmedId]);
    // The mentor is only in the proposed group; the others in none.
    for (const who of ["mentor", "otherMentor", "teacherRussian", "principal", "methodologist", "municipal", "admin"] as const) {
      const res = await t.as(who, { method: "GET", url: "/api/me/groups" });
      expect(res.statusCode, who).toBe(200);
      expect(res.json(), who).toEqual([]);
    }
    expect((await t.as(null, { method: "GET", url: "/api/me/groups" })).statusCode).toBe(401);
  });
});
