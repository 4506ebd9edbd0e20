// Profiles: deficits and courses from the latest results; visible to the person, mentor, principal and staff only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let attemptId: string;
beforeAll(async () => {
  t = await setupTestApp();
  const attempt = (await t.as("teacher", { method: "POST", url: "/api/attempts", payload: { instrumentId: "subject-math" } })).json();
  // An empty submission: every competency is a deficit.
  await t.as("teacher", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: {} } });
  attemptId = attempt.id;
});
afterAll(async () => { await t.close(); });

describe("the teacher's own profile", () => {
  it("lists every measured competency, the deficits, courses with reasons, and the mentor", async () => {
    const res = await t.as("teacher", { method: "GET", url: "/api/me/profile" });
    expect(res.statusCode).toBe(200);
    const profile = res.json();
    const key = t.registry.get("subject-math")!.answerKey;
    expect(profile.userId).toBe(t.people.teacher.id);
    expect(profile.competencies.map((c: { id: string }) => c.id).sort()).toEqual(key.competencies.map((c) => c.id).sort());
    for (const c of profile.competencies) {
      expect(c).toMatchObject({ percent: 0, level: "deficit", instrumentId: "subject-math", measuredAt: expect.any(String) });
    }
    expect(profile.deficits.sort()).toEqual(key.competencies.map((c) => c.id).sort());
    // Every deficit is closed by some recommended course, and each course says why in words.
    const covered = new Set(profile.courses.flatMap((c: { competencies: string[] }) => c.competencies));
    for (const id of profile.deficits) expect(covered.has(id), id).toBe(true);
    for (const course of profile.courses) expect(course.reason).toMatch(/^Закрывает дефицит/);
    expect(profile.courses.some((c: { id: string }) => c.id.includes("math"))).toBe(true);
    expect(profile.mentor).toMatchObject({ id: t.people.mentor.id, schoolId: "s-high" });
  });

  it("is empty but valid before any diagnostic", async () => {
    const profile = (await t.as("teacherRussian", { method: "GET", url: "/api/me/profile" })).json();
    expect(profile).toMatchObject({ userId: t.people.teacherRussian.id, competencies: [], deficits: [], courses: [] });
    expect(profile.mentor).toBeUndefined();
  });
});

describe("who may see a teacher's profile and result", () => {
  const allowed: PersonKey[] = ["teacher", "mentor", "principal", "methodologist", "admin"];
  const refused: PersonKey[] = ["teacherRussian", "teacherElsewhere", "otherMentor", "principalElsewhere", "municipal", "municipalElsewhere"];

  it.each(allowed)("%s sees it", async (viewer) => {
    const profile = await t.as(viewer, { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` });
    expect(profile.statusCode).toBe(200);
    expect(profile.json().userId).toBe(t.people.teacher.id);
    expect((await t.as(viewer, { method: "GET", url: `/api/attempts/${attemptId}/result` })).statusCode).toBe(200);
  });

  it.each(refused)("%s gets 404, as if the person did not exist", async (viewer) => {
    const profile = await t.as(viewer, { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` });
    expect(profile.statusCode).toBe(404);
    expect(profile.json().error.code).toBe("profile_not_found");
    expect((await t.as(viewer, { method: "GET", url: `/api/attempts/${attemptId}/result` })).statusCode).toBe(404);
  });

  it("a mentor whose assignment ended no longer sees the mentee", async () => {
    await t.db.updateTable("mentor_assignments").set({ ended_at: new Date() }).execute();
    const res = await t.as("mentor", { method: "GET", url: `/api/users/${t.people.teacher.id}/profile` });
    await t.db.updateTable("mentor_assignments").set({ ended_at: null }).execute();
    expect(res.statusCode).toBe(404);
  });
});
