// The effect between two waves: figures that agree with each person's progress, courses and mentoring counted by the rules, small groups hidden with their complements, scope, export.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { answersFor, daysAgo, insertClosedCampaign, insertScoredAttempt, insertTeacher } from "./progress-steps.js";

let t: TestContext;
const people: string[] = [];
const url = (query: string) => `/api/analytics/effect?${query}`;
const BASE = "from=e-in&to=e-mid";

async function group(courseId: string, status: "proposed" | "confirmed", startsIn: number, endsIn: number, members: string[]) {
  const g = await t.db.insertInto("course_groups").values({
    region_id: "r1", course_id: courseId, title: `Группа ${courseId}`, status, starts_on: new Date(Date.now() + startsIn * 86_400_000).toISOString().slice(0, 10),
    ends_on: new Date(Date.now() + endsIn * 86_400_000).toISOString().slice(0, 10), confirmed_at: status === "confirmed" ? daysAgo(170) : null,
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("course_group_members").values(members.map((user_id) => ({ group_id: g.id, user_id, course_id: courseId }))).execute();
}

/**
 * Fifteen teachers (twelve in m1, three in m2) took mathematics in a closed input wave and again in a
 * closed intermediate one. Six were in a confirmed course group between the waves; four had a mentor
 * for the whole time; others had a course or a mentor that does not count (too late, ended early,
 * only proposed, or finished after the retest).
 */
beforeAll(async () => {
  t = await setupTestApp();
  await insertClosedCampaign(t, "e-in", "input", -200, -170);
  await insertClosedCampaign(t, "e-mid", "intermediate", -40, -10);
  await t.db.insertInto("regions").values({ id: "r2", name: "Другая область" }).execute();
  await insertClosedCampaign(t, "e-other", "intermediate", -40, -10, "r2");
  for (let i = 0; i < 15; i++) {
    const [school, municipality] = i < 12 ? [i % 2 ? "s-high" : "s-low", "m1"] : ["s-other", "m2"];
    const id = await insertTeacher(t, `Учитель ${i}`, school, municipality);
    people.push(id);
    const later = i < 6 ? (k: number) => (k + i) % 4 !== 3 : i < 10 ? (k: number) => (k + i) % 2 === 0 : i === 14 ? () => false : (k: number) => (k + i) % 4 === 0 || (i % 3 === 0 && (k + i) % 4 === 1);
    await insertScoredAttempt(t, { userId: id, schoolId: school, campaignId: "e-in", instrumentId: "subject-math", answers: answersFor(t, "subject-math", (_c, k) => (k + i) % 4 === 0), submittedAt: daysAgo(190) });
    await insertScoredAttempt(t, { userId: id, schoolId: school, campaignId: "e-mid", instrumentId: "subject-math", answers: answersFor(t, "subject-math", (_c, k) => later(k)), submittedAt: daysAgo(20) });
  }
  const pair = (mentor: PersonKey, mentee: string, from: number, to: number | null) =>
    t.db.insertInto("mentor_assignments").values({ mentor_id: t.people[mentor].id, mentee_id: mentee, assigned_at: daysAgo(from), ended_at: to === null ? null : daysAgo(to) }).execute();
  for (const i of [6, 7]) await pair("mentor", people[i]!, 185, null);
  for (const i of [8, 9]) await pair("otherMentor", people[i]!, 185, null);
  await pair("mentor", people[10]!, 30, null);
  await pair("otherMentor", people[11]!, 185, 120);
  await group("objective-assessment-analysis", "confirmed", -160, -125, people.slice(0, 6));
  await group("at-risk-students", "confirmed", -160, -15, [people[12]!]);
  await group("modern-lesson-design", "proposed", -160, -125, [people[13]!]);
  await group("data-driven-management", "confirmed", -215, -180, [people[11]!]);
  await new Promise((r) => setTimeout(r, 1200));
}, 120_000);
afterAll(async () => { await t.close(); });

/** Each person's change over all competencies and its verdict, from their own progress (the per-person truth). */
async function personChange(id: string) {
  const body = (await t.as("admin", { method: "GET", url: `/api/users/${id}/progress` })).json();
  const compared = body.competencies.filter((c: { change?: unknown }) => c.change);
  const changes = compared.map((c: { change: { difference: number; sDiff: number } }) => c.change);
  const delta = changes.reduce((s: number, c: { difference: number }) => s + c.difference, 0) / changes.length;
  const sDiff = Math.sqrt(changes.reduce((s: number, c: { sDiff: number }) => s + c.sDiff ** 2, 0)) / changes.length;
  return { delta, up: delta > 1.96 * sDiff, down: delta < -1.96 * sDiff };
}

const overall = (row: unknown) => (row as { cells: Array<{ area: string }> }).cells.find((c) => c.area === "overall") as Record<string, unknown>;

describe("GET /api/analytics/effect", () => {
  it("agrees, person by person, with each one's progress: mean change, its interval, shares of reliable growth and decline", async () => {
    const res = await t.as("methodologist", { method: "GET", url: url(BASE) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: { id: "e-in", wave: "input" }, to: { id: "e-mid", wave: "intermediate" }, threshold: 5, provisional: false });
    expect(body.areas.map((a: { id: string }) => a.id)).toEqual(["overall", "subject", "method"]);
    const changes = await Promise.all(people.map(personChange));
    const mean = changes.reduce((s, c) => s + c.delta, 0) / changes.length;
    const total = overall(body.total);
    expect(total).toMatchObject({ suppressed: false, n: 15, growthShare: changes.filter((c) => c.up).length / 15, declineShare: changes.filter((c) => c.down).length / 15 });
    expect(total.mean).toBeCloseTo(mean, 9);
    expect(total.low as number).toBeLessThan(mean);
    expect(changes.some((c) => c.up) && changes.some((c) => !c.up)).toBe(true);
    const course = body.byCourse.find((r: { key: string }) => r.key === "objective-assessment-analysis");
    expect(overall(course)).toMatchObject({ suppressed: false, n: 6 });
    expect(overall(course).mean).toBeCloseTo(changes.slice(0, 6).reduce((s, c) => s + c.delta, 0) / 6, 9);
  });

  it("counts a course only from a confirmed group that ran between the first wave and the retest", async () => {
    const body = (await t.as("admin", { method: "GET", url: url(BASE) })).json();
    expect(body.byCourse.map((r: { key: string; title: string }) => [r.key, overall(r).n])).toEqual([["objective-assessment-analysis", 6], ["", 9]]);
    expect(body.byCourse[1].title).toBe("Без курса между волнами");
  });

  it("counts as mentored only a pair current for most of the time between the two tests, and hides 4 mentored with their complement", async () => {
    const body = (await t.as("admin", { method: "GET", url: url(BASE) })).json();
    expect(body.byMentoring.map((r: { key: string }) => [r.key, overall(r)])).toEqual([
      ["mentored", { area: "overall", suppressed: true, reason: "small" }],
      ["not-mentored", { area: "overall", suppressed: true, reason: "complementary" }],
    ]);
    // Within m1 alone the four are still too few, and the eight others are hidden with them.
    const m1 = (await t.as("admin", { method: "GET", url: url(`${BASE}&municipalityId=m1`) })).json();
    expect(overall(m1.total)).toMatchObject({ suppressed: false, n: 12 });
    expect(m1.byMentoring.map((r: { key: string }) => overall(r).reason)).toEqual(["small", "complementary"]);
  });

  it("(by name) hides a municipality of three and, the region's total being shown, the other one as well: total minus shown reveals nothing", async () => {
    const body = (await t.as("methodologist", { method: "GET", url: url(BASE) })).json();
    expect(body.byMunicipality.map((r: { key: string }) => [r.key, overall(r).reason])).toEqual([["m2", "small"], ["m1", "complementary"]]);
    for (const r of body.byMunicipality) for (const c of r.cells) expect(Object.keys(c).sort()).toEqual(["area", "reason", "suppressed"]);
  });

  it("gives a coordinator their municipality alone, and its twelve people show", async () => {
    const body = (await t.as("municipal", { method: "GET", url: url(BASE) })).json();
    expect(body.filters).toEqual({ municipalityId: "m1" });
    expect(overall(body.total)).toMatchObject({ suppressed: false, n: 12 });
    expect(body.byMunicipality.map((r: { key: string }) => [r.key, overall(r).n])).toEqual([["m1", 12]]);
    const elsewhere = (await t.as("municipalElsewhere", { method: "GET", url: url(BASE) })).json();
    expect(overall(elsewhere.total)).toEqual({ area: "overall", suppressed: true, reason: "small" });
  });

  it("narrows to a subject: nobody took Russian in these waves", async () => {
    const body = (await t.as("methodologist", { method: "GET", url: url(`${BASE}&subject=russian`) })).json();
    expect(body.areas).toEqual([]);
    expect(body.filters).toEqual({ subject: "russian" });
  });

  it("answers bad filters clearly and writes nothing", async () => {
    const cases: Array<[PersonKey, string, number, string]> = [
      ["methodologist", "from=e-in&to=e-in", 400, "same_campaign"],
      ["methodologist", "from=e-mid&to=e-in", 400, "waves_out_of_order"],
      ["methodologist", "from=e-in&to=nope", 404, "campaign_not_found"],
      ["methodologist", "from=e-in&to=e-other", 404, "campaign_not_found"],
      ["methodologist", `${BASE}&municipalityId=nowhere`, 404, "municipality_not_found"],
      ["municipal", `${BASE}&municipalityId=m2`, 404, "municipality_not_found"],
    ];
    for (const [who, query, status, code] of cases) {
      const res = await t.as(who, { method: "GET", url: url(query) });
      expect(res.statusCode, query).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    for (const query of ["from=e-in", `${BASE}&subject=latin`, `${BASE}&extra=1`]) {
      expect((await t.as("methodologist", { method: "GET", url: url(query) })).statusCode, query).toBe(400);
    }
  });

  it("is for staff only: 403 for teachers, principals and mentors, 401 without a token", async () => {
    for (const path of [url(BASE), `/api/analytics/effect/export?${BASE}`]) {
      for (const who of ["teacher", "principal", "mentor", "otherMentor"] as const) expect((await t.as(who, { method: "GET", url: path })).statusCode, `${who} ${path}`).toBe(403);
      expect((await t.as(null, { method: "GET", url: path })).statusCode).toBe(401);
      for (const who of ["methodologist", "admin", "municipal", "municipalElsewhere"] as const) expect((await t.as(who, { method: "GET", url: path })).statusCode, `${who} ${path}`).toBe(200);
    }
  });
});

describe("GET /api/analytics/effect/export", () => {
  it("downloads the same figures as XLSX, hidden ones empty with the reason", async () => {
    const res = await t.as("methodologist", { method: "GET", url: `/api/analytics/effect/export?${BASE}&format=xlsx` });
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain("effekt-e-in-e-mid.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(["Разрез", "Группа", "Компетенции", "Человек"]);
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    const total = rows.find((r) => r[0] === "Итого" && r[2] === "Все компетенции")!;
    expect(total[3]).toBe(15);
    const m2 = rows.find((r) => r[0] === "По муниципалитетам" && r[1] === "Второй район" && r[2] === "Все компетенции")!;
    expect(m2[3] ?? null).toBeNull();
    expect(m2[4] ?? null).toBeNull();
    expect(m2[9]).toBe("Скрыто: меньше 5 человек");
  });

  it("or as CSV that Excel opens", async () => {
    const res = await t.as("admin", { method: "GET", url: `/api/analytics/effect/export?${BASE}&format=csv` });
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.startsWith("\ufeff\"Разрез\";\"Группа\"")).toBe(true);
    expect(res.body).toContain("\"Скрыто, чтобы группу нельзя было вычислить вычитанием\"");
  });
});
