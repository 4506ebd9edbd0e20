// Mentor pairs: confirm with checks, replace, conflicts, many at once (all or nothing), lists by scope, the pool's places.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { currentPairs, resetPairs, seedMentoringData, type MentoringData } from "./mentoring-data.js";

let t: TestContext;
let data: MentoringData;
beforeAll(async () => {
  t = await setupTestApp();
  data = await seedMentoringData(t);
});
afterAll(async () => { await t.close(); });
beforeEach(async () => { await resetPairs(t); });

const assign = (body: object, person: PersonKey = "methodologist") => t.as(person, { method: "POST", url: "/api/mentoring/assignments", payload: body });
const batch = (pairs: object[]) => t.as("admin", { method: "POST", url: "/api/mentoring/assignments/batch", payload: { pairs } });
const id = (person: PersonKey) => t.people[person].id;
const pairsNow = async () => (await currentPairs(t)).map((p) => `${p.mentor_id}>${p.mentee_id}`).sort();
const pair = (mentor: PersonKey, mentee: PersonKey) => `${id(mentor)}>${id(mentee)}`;

describe("confirming a pair", () => {
  it("answers 201 with the pair, its subject and a reason the platform wrote", async () => {
    const res = await assign({ menteeId: id("teacherElsewhere"), mentorId: id("mentor") });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      menteeId: id("teacherElsewhere"), mentorId: id("mentor"), subject: "math",
      mentee: { name: "Тест teacherElsewhere", schoolId: "s-other", municipalityId: "m2" }, mentor: { name: "Тест mentor", schoolId: "s-high" },
      reason: expect.stringMatching(/^Учитель математики, СОШ № 2 .*соседний муниципалитет/), assignedBy: "Тест methodologist",
    });
    const list = (await t.as("mentor", { method: "GET", url: "/api/mentor/mentees" })).json();
    const mine = list.find((m: { userId: string }) => m.userId === id("teacherElsewhere"));
    expect(mine).toMatchObject({ schoolName: "СОШ № 3", municipalityName: "Второй район", subjects: ["math"], subject: "math", since: expect.any(String) });
    expect(mine.deficitTitles.length).toBe(mine.deficits.length);
    expect(mine.deficitTitles[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), percent: 0 });
  });

  it("keeps the methodologist's own words when given", async () => {
    const res = await assign({ menteeId: id("teacherElsewhere"), mentorId: id("otherMentor"), reason: "  Договорились на совещании  " });
    expect(res.json().reason).toBe("Договорились на совещании");
  });

  it("409 when the teacher already has a mentor; replace ends the old pair and makes the new one in one step", async () => {
    const refused = await assign({ menteeId: id("teacher"), mentorId: id("otherMentor") });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "mentee_has_mentor"]);
    expect(await pairsNow()).toEqual([pair("mentor", "teacher")]);
    expect((await assign({ menteeId: id("teacher"), mentorId: id("mentor") })).json().error.code).toBe("already_paired");
    expect((await assign({ menteeId: id("teacher"), mentorId: id("otherMentor"), replace: true })).statusCode).toBe(201);
    expect(await pairsNow()).toEqual([pair("otherMentor", "teacher")]);
    expect((await t.as("mentor", { method: "GET", url: "/api/mentor/mentees" })).json()).toEqual([]);
    expect((await t.as("teacher", { method: "GET", url: "/api/me/profile" })).json().mentor.id).toBe(id("otherMentor"));
  });

  it("409 when the mentor has no free place, and the pool's places decide", async () => {
    await t.as("methodologist", { method: "PATCH", url: `/api/mentoring/mentors/${id("mentor")}`, payload: { capacity: 1 } });
    const res = await assign({ menteeId: id("teacherElsewhere"), mentorId: id("mentor") });
    expect([res.statusCode, res.json().error.code]).toEqual([409, "mentor_at_capacity"]);
    expect(res.json().error.message).toMatch(/нет свободных мест \(1 из 1\)/);
    expect(await pairsNow()).toEqual([pair("mentor", "teacher")]);
  });

  const cases: Array<[string, () => object, string]> = [
    ["the mentor is not a mentor", () => ({ menteeId: id("teacherElsewhere"), mentorId: id("teacherRussian") }), "not_a_mentor"],
    ["they share no subject", () => ({ menteeId: id("teacherRussian"), mentorId: id("mentor") }), "no_shared_subject"],
    ["the subject is not both of theirs", () => ({ menteeId: id("teacherElsewhere"), mentorId: id("mentor"), subject: "physics" }), "subject_not_shared"],
    ["the mentee is not a teacher", () => ({ menteeId: id("principal"), mentorId: id("mentor") }), "not_a_teacher"],
    ["a person would mentor themself", () => ({ menteeId: id("otherMentor"), mentorId: id("otherMentor") }), "same_person"],
    ["the mentor is of another region", () => ({ menteeId: id("teacherElsewhere"), mentorId: data.outsider }), "mentor_outside_region"],
    ["the mentee is nobody", () => ({ menteeId: "00000000-0000-4000-8000-000000000000", mentorId: id("mentor") }), "mentee_outside_region"],
    ["an id is not a uuid", () => ({ menteeId: "abc", mentorId: id("mentor") }), "invalid_input"],
    ["the subject is unknown", () => ({ menteeId: id("teacherElsewhere"), mentorId: id("mentor"), subject: "astrology" }), "invalid_input"],
    ["an extra field", () => ({ menteeId: id("teacherElsewhere"), mentorId: id("mentor"), force: true }), "invalid_input"],
    ["a field is missing", () => ({ menteeId: id("teacherElsewhere") }), "invalid_input"],
  ];
  it.each(cases)("400 with nothing written when %s", async (_name, body, code) => {
    const res = await assign(body());
    expect([res.statusCode, res.json().error.code]).toEqual([400, code]);
    expect(res.json().error.message).toMatch(/[А-Яа-яЁё]/);
    expect(await pairsNow()).toEqual([pair("mentor", "teacher")]);
  });
});

describe("confirming many pairs at once", () => {
  it("makes them all", async () => {
    await t.db.deleteFrom("mentor_assignments").execute();
    const res = await batch([{ menteeId: id("teacherElsewhere"), mentorId: id("mentor") }, { menteeId: id("teacher"), mentorId: id("otherMentor"), reason: "По предложению" }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().pairs.map((p: { menteeId: string; reason: string }) => [p.menteeId, p.reason.slice(0, 13)])).toEqual([[id("teacherElsewhere"), "Учитель матем"], [id("teacher"), "По предложени"]]);
    expect(await pairsNow()).toEqual([pair("otherMentor", "teacher"), pair("mentor", "teacherElsewhere")].sort());
  });

  it("writes nothing when one of them is refused, and names which", async () => {
    await t.db.deleteFrom("mentor_assignments").execute();
    const res = await batch([{ menteeId: id("teacherElsewhere"), mentorId: id("mentor") }, { menteeId: id("teacherRussian"), mentorId: id("mentor") }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Пара 2: /);
    expect(await pairsNow()).toEqual([]);
  });

  it("counts the places a batch takes: the second pair for a mentor with one place is refused, and neither is made", async () => {
    await t.db.deleteFrom("mentor_assignments").execute();
    await t.db.updateTable("users").set({ mentor_capacity: 1 }).where("id", "=", id("otherMentor")).execute();
    const res = await batch([{ menteeId: id("teacherElsewhere"), mentorId: id("otherMentor") }, { menteeId: id("teacher"), mentorId: id("otherMentor") }]);
    expect([res.statusCode, res.json().error.code]).toEqual([409, "mentor_at_capacity"]);
    expect(res.json().error.message).toMatch(/^Пара 2: /);
    expect(await pairsNow()).toEqual([]);
  });

  it("400 for the same teacher twice, or no pairs", async () => {
    expect((await batch([{ menteeId: id("teacherElsewhere"), mentorId: id("mentor") }, { menteeId: id("teacherElsewhere"), mentorId: id("otherMentor") }])).json().error.code).toBe("duplicate_mentee");
    expect((await batch([])).statusCode).toBe(400);
    expect(await pairsNow()).toEqual([pair("mentor", "teacher")]);
  });
});

describe("current pairs by scope", () => {
  beforeEach(async () => {
    await assign({ menteeId: id("teacherElsewhere"), mentorId: id("otherMentor") });
  });
  const list = async (person: PersonKey, query = "") => {
    const res = await t.as(person, { method: "GET", url: `/api/mentoring/assignments${query}` });
    return { status: res.statusCode, ids: res.statusCode === 200 ? res.json().map((p: { menteeId: string }) => p.menteeId).sort() : [] };
  };

  it("the region's staff see every pair, with names, schools, reasons and dates; filters narrow them", async () => {
    expect(await list("methodologist")).toEqual({ status: 200, ids: [id("teacher"), id("teacherElsewhere")].sort() });
    expect(await list("admin", "?municipalityId=m2")).toEqual({ status: 200, ids: [id("teacherElsewhere")] });
    expect(await list("admin", "?subject=math")).toEqual({ status: 200, ids: [id("teacherElsewhere")] }); // the fixtures' pair has no subject
    const [first] = (await t.as("admin", { method: "GET", url: "/api/mentoring/assignments?municipalityId=m2" })).json();
    expect(first).toMatchObject({ mentor: { name: "Тест otherMentor", schoolName: "СОШ № 2" }, mentee: { municipalityName: "Второй район" }, since: expect.any(String), reason: expect.any(String) });
  });

  it("a coordinator sees only the mentees of their municipality; another municipality is not found", async () => {
    expect(await list("municipal")).toEqual({ status: 200, ids: [id("teacher")] });
    expect(await list("municipalElsewhere")).toEqual({ status: 200, ids: [id("teacherElsewhere")] });
    expect((await list("municipal", "?municipalityId=m2")).status).toBe(404);
  });

  it("downloads as XLSX and CSV, within the same scope", async () => {
    const xlsx = await t.as("municipalElsewhere", { method: "GET", url: "/api/mentoring/assignments/export" });
    expect(xlsx.headers["content-type"]).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(["Муниципалитет", "Наставляемый", "Школа наставляемого", "Предмет", "Наставник", "Школа наставника", "С какого числа", "Почему эта пара"]);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual([["Тест teacherElsewhere", "Математика", "Тест otherMentor"]]);
    const csv = await t.as("methodologist", { method: "GET", url: "/api/mentoring/assignments/export?format=csv" });
    expect(csv.body).toMatch(/Тест teacherElsewhere/);
    expect(csv.body).toMatch(/"Тест teacher";/);
  });
});

describe("the mentor pool", () => {
  it("lists the region's mentors with places and load, and filters by subject", async () => {
    const pool = (await t.as("methodologist", { method: "GET", url: "/api/mentoring/mentors" })).json();
    expect(pool.map((m: { id: string }) => m.id).sort()).toEqual([id("mentor"), id("otherMentor")].sort());
    expect(pool.find((m: { id: string }) => m.id === id("mentor"))).toMatchObject({ capacity: 3, defaultCapacity: true, load: 1, highResults: true, schoolName: "СОШ № 2", subjects: ["math"] });
    expect((await t.as("methodologist", { method: "GET", url: "/api/mentoring/mentors?subject=russian" })).json()).toEqual([]);
  });

  it("changes a mentor's places, back to the default with null, never below their current mentees", async () => {
    const patch = (who: string, capacity: unknown) => t.as("admin", { method: "PATCH", url: `/api/mentoring/mentors/${who}`, payload: { capacity } });
    expect((await patch(id("mentor"), 5)).json()).toMatchObject({ capacity: 5, defaultCapacity: false, load: 1 });
    expect((await patch(id("mentor"), null)).json()).toMatchObject({ capacity: 3, defaultCapacity: true });
    const below = await patch(id("mentor"), 0);
    expect([below.statusCode, below.json().error.code]).toEqual([409, "capacity_below_load"]);
    expect((await patch(id("mentor"), 31)).statusCode).toBe(400);
    expect((await patch(id("mentor"), "3")).statusCode).toBe(400);
    expect((await patch(id("teacherRussian"), 2)).statusCode).toBe(404);
    expect((await patch(data.outsider, 2)).statusCode).toBe(404);
    const row = await t.db.selectFrom("users").select("mentor_capacity").where("id", "=", id("mentor")).executeTakeFirstOrThrow();
    expect(row.mentor_capacity).toBeNull();
  });
});
