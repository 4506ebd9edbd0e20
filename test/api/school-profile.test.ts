// The school profile through the API: who sees it, the contract's shape, what it reads, and climate suppression in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { openRound, signInWithCode } from "./climate-steps.js";
import { CLIMATE_PLAN, seedSchoolWorld, teacherScores, type SchoolWorld } from "./school-steps.js";

let t: TestContext;
let world: SchoolWorld;

beforeAll(async () => {
  t = await setupTestApp();
  world = await seedSchoolWorld(t);
  // A school of another region: nobody of this region reaches it.
  await t.db.insertInto("regions").values({ id: "r2", name: "Соседняя область" }).execute();
  await t.db.insertInto("municipalities").values({ id: "m9", region_id: "r2", name: "Дальний район" }).execute();
  await t.db.insertInto("schools").values({ id: "s-far", municipality_id: "m9", name: "Дальняя школа", short_name: "СОШ № 9", clusters: [] }).execute();
}, 240_000);
afterAll(async () => { await t.close(); });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const profile = (who: PersonKey | null, school: string) => t.as(who, { method: "GET", url: `/api/schools/${school}/profile` });
const body = async (who: PersonKey, school: string): Promise<Json> => {
  const res = await profile(who, school);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("who sees a school's profile", () => {
  it.each([
    ["principal", "s-low", 200], ["principalElsewhere", "s-other", 200], ["principalElsewhere", "s-low", 404], ["principal", "s-other", 404],
    ["municipal", "s-low", 200], ["municipal", "s-high", 200], ["municipal", "s-other", 404],
    ["municipalElsewhere", "s-other", 200], ["municipalElsewhere", "s-low", 404],
    ["methodologist", "s-low", 200], ["methodologist", "s-other", 200], ["admin", "s-high", 200],
    ["teacher", "s-low", 404], ["teacherRussian", "s-low", 404], ["teacherElsewhere", "s-other", 404],
    ["mentor", "s-high", 404], ["otherMentor", "s-low", 404],
    ["methodologist", "s-far", 404], ["admin", "s-nowhere", 404],
  ] as Array<[PersonKey, string, number]>)("%s → %s: %i", async (who, school, status) => {
    const res = await profile(who, school);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 404) expect(res.json()).toEqual({ error: { code: "school_not_found", message: "Школа не найдена" } });
    else expect(res.json()).toMatchObject({ schoolId: school });
  });

  it("the principal added by the import sees their own school, and no other", async () => {
    const own = await t.app.inject({ method: "GET", url: "/api/schools/s-high/profile", headers: world.highPrincipal.headers });
    expect(own.statusCode).toBe(200);
    const other = await t.app.inject({ method: "GET", url: "/api/schools/s-low/profile", headers: world.highPrincipal.headers });
    expect(other.statusCode).toBe(404);
  });

  it("no token is 401, an anonymous respondent's code is 403, a malformed id is 400", async () => {
    expect((await profile(null, "s-low")).statusCode).toBe(401);
    const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 1 });
    const respondent = await signInWithCode(t, codes[0]!);
    expect((await t.app.inject({ method: "GET", url: "/api/schools/s-low/profile", headers: respondent.headers })).statusCode).toBe(403);
    expect((await profile("methodologist", "s low!")).statusCode).toBe(400);
  });
});

describe("the contract's shape", () => {
  it("schoolId, name, municipalityId, wellbeingIndex, clusters, risks, climate and teachers, typed as the contract says", async () => {
    const p = await body("principal", "s-low");
    expect(p).toMatchObject({ schoolId: "s-low", name: "Школа с низкими результатами", municipalityId: "m1" });
    expect(typeof p.wellbeingIndex).toBe("number");
    expect(p.clusters.every((c: unknown) => typeof c === "string")).toBe(true);
    expect(p.risks).toHaveLength(11);
    for (const r of p.risks) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(["id", "title", "level", "reasons"]));
      expect(["low", "medium", "high", "unknown"]).toContain(r.level);
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const reason of r.reasons) expect(typeof reason).toBe("string");
    }
    expect(p.climate.map((g: Json) => g.audience)).toEqual(["teacher", "student", "parent"]);
    for (const g of p.climate) {
      expect(Object.keys(g)).toEqual(expect.arrayContaining(["audience", "respondents", "suppressed", "scales"]));
      if (g.suppressed) expect(g.scales).toEqual([]);
      for (const s of g.scales) expect(Object.keys(s)).toEqual(expect.arrayContaining(["id", "title", "score", "band"]));
    }
    expect(p.teachers).toMatchObject({ tested: 2, total: 2, deficitShare: 1 });
  });

  it("wellbeingIndex is the index's value; clusters are the codes GET /api/schools gives", async () => {
    const p = await body("methodologist", "s-low");
    expect(p.wellbeingIndex).toBe(p.index.value);
    expect(p.clusters).toEqual(p.clusterDetails.map((c: Json) => c.code));
    const schools = (await t.as("methodologist", { method: "GET", url: "/api/schools" })).json() as Json[];
    expect(schools.find((s) => s.id === "s-low")!.clusters).toEqual(p.clusters);
  });

  it("a missing level is the word «unknown» with the reason «нет данных…», never null", async () => {
    const p = await body("methodologist", "s-high");
    const missing = p.risks.filter((r: Json) => r.level === "unknown");
    expect(missing.map((r: Json) => r.id)).toEqual(expect.arrayContaining(["teacher-competence", "motivation"]));
    for (const r of missing) for (const reason of r.reasons) expect(reason).toMatch(/^нет данных/);
  });
});

describe("what the profile reads", () => {
  it("the risks and clusters are the facts' own, the climate the school's page shows fed into them", async () => {
    const p = await body("principal", "s-low");
    const facts = (await t.as("principal", { method: "GET", url: "/api/schools/s-low/facts" })).json();
    expect(p.risks.map((r: Json) => [r.id, r.level, r.reasons])).toEqual(facts.risks.map((r: Json) => [r.id, r.level, r.reasons]));
    expect(p.clusterDetails).toEqual(facts.clusters);
    const risk = (id: string) => p.risks.find((r: Json) => r.id === id);
    // Students answered (6): motivation has a level from them; teachers did not reach the threshold (3): collegiality says so.
    expect(risk("motivation").level).not.toBe("unknown");
    expect(risk("motivation").reasons[0]).toMatch(/^Климат, шкала «Учебная мотивация» \(обучающиеся\) — /);
    expect(risk("professional-development").reasons).toContain("нет данных: опрос о климате (учителя, коллегиальность) не проведён или ответивших меньше порога анонимности");
  });

  it("conditions: the card's indicators with titles and units; the index with its components", async () => {
    const p = await body("municipal", "s-low");
    expect(p.conditions.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.conditions.indicators).toContainEqual(expect.objectContaining({ id: "share-ovz", title: expect.any(String), unit: "%", value: 14 }));
    expect(p.index).toMatchObject({ rank: 3, of: 3, measured: 11 });
    expect(p.index.components.find((c: Json) => c.id === "share-low-income")).toMatchObject({ value: 45, schools: 3 });
  });

  it("the team: tested teachers and deficits by subject and competency, the most frequent first", async () => {
    const p = await body("principal", "s-low");
    expect(p.deficits.bySubject.map((s: Json) => [s.subject, s.tested, s.withDeficits])).toEqual([["russian", 1, 1], ["math", 1, 1]]);
    const math = p.deficits.bySubject.find((s: Json) => s.subject === "math");
    expect(math.competencies.every((c: Json) => c.id.startsWith("math.") && c.deficit === 1 && c.tested === 1)).toBe(true);
    // Both took a test: every methodological competency is a deficit of both, so they lead the list.
    expect(p.deficits.methods.every((m: Json) => m.tested === 2 && m.deficit === 2)).toBe(true);
    expect(p.deficits.frequent).toHaveLength(5);
    expect(p.deficits.frequent.every((f: Json) => f.area === "method" && f.deficit === 2 && f.share === 1)).toBe(true);
    const other = await body("methodologist", "s-other");
    expect(other.teachers).toEqual({ tested: 0, total: 1, deficitShare: 0, withDeficits: 0 });
    expect(other.deficits).toEqual({ bySubject: [], methods: [], frequent: [] });
  });

  it("the teacher list with their profiles: for the principal and staff, whose links open; not for the coordinator", async () => {
    const list = (await body("principal", "s-low")).teacherList as Json[];
    expect(list.map((x) => [x.name, x.tested, x.deficits > 0])).toEqual([["Тест teacher", ["math"], true], ["Тест teacherRussian", ["russian"], true]]);
    for (const x of list) expect((await t.as("principal", { method: "GET", url: `/api/users/${x.id}/profile` })).statusCode).toBe(200);
    expect((await body("methodologist", "s-low")).teacherList).toHaveLength(2);
    const coordinator = await body("municipal", "s-low");
    expect(coordinator.teacherList).toBeUndefined();
    expect((await t.as("municipal", { method: "GET", url: `/api/users/${list[0]!.id}/profile` })).statusCode).toBe(404);
  });

  it("the leader: the principal's self-assessment per lead.* competency, with courses; a school without one says so by an empty list", async () => {
    const p = await body("principal", "s-low");
    expect(p.leader.principal).toMatchObject({ id: t.people.principal.id, name: "Тест principal" });
    expect(p.leader.competencies).toHaveLength(9);
    expect(p.leader.competencies.every((c: Json) => c.id.startsWith("lead.") && c.level === "deficit" && c.percent === 0)).toBe(true);
    expect(p.leader.courses.length).toBeGreaterThan(0);
    expect(p.leader.courses[0].reason).toMatch(/^Закрывает дефицит/);
    const other = await body("methodologist", "s-other");
    expect(other.leader).toMatchObject({ principal: { id: t.people.principalElsewhere.id }, measuredAt: null, competencies: [], courses: [] });
  });

  it("courses for the team: a cover of every teacher's deficits, each with how many teachers it serves", async () => {
    const p = await body("principal", "s-low");
    const courses = p.actions.courses as Json[];
    expect(courses.length).toBeGreaterThan(0);
    for (const c of courses) {
      expect(c.reason).toMatch(new RegExp(`^Закрывает дефициты ${c.teachers} педагог`));
      expect(c.closes.length).toBeGreaterThan(0);
    }
    // Nothing left open that the catalogue can close; the first pick closes the most.
    const closed = courses.reduce((n, c) => n + c.closes.reduce((m: number, x: Json) => m + x.teachers, 0), 0);
    const pairs = p.teacherList.reduce((n: number, x: Json) => n + x.deficits, 0);
    const uncovered = p.actions.uncovered.reduce((n: number, x: Json) => n + x.teachers, 0);
    expect(closed + uncovered).toBe(pairs);
    const sizes = courses.map((c) => c.closes.reduce((m: number, x: Json) => m + x.teachers, 0));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("partners: the region's high-result school with the closest conditions, the place and the reason in words", async () => {
    const low = (await body("principal", "s-low")).actions.partners as Json[];
    expect(low.map((x) => [x.schoolId, x.place])).toEqual([["s-high", "same"]]);
    expect(low[0]!.reason).toMatch(/^Высокие результаты: в списке школ региона с высокими результатами; доля «2» по математике — 2 % \(2025 г\.\)\. Похожие условия: /);
    expect(low[0]!.reason).toMatch(/Расположение: тот же муниципалитет$/);
    const other = (await body("principalElsewhere", "s-other")).actions.partners as Json[];
    expect(other.map((x) => [x.schoolId, x.place])).toEqual([["s-high", "neighbour"]]);
    expect(other[0]!.reason).toMatch(/Расположение: соседний муниципалитет \(Первый район\)$/);
    // The high-result school itself has no other high-result school to learn from.
    expect((await body("admin", "s-high")).actions.partners).toEqual([]);
  });
});

describe("climate in the profile: nothing below the threshold, nothing recoverable", () => {
  const group = (p: Json, audience: string) => p.climate.find((g: Json) => g.audience === audience);

  it("a group below the threshold: its count, suppressed, no scales", async () => {
    const g = group(await body("principal", "s-low"), "teacher");
    expect(g).toEqual({ audience: "teacher", respondents: CLIMATE_PLAN["s-low"], suppressed: true, reason: "small", scales: [], hiddenScales: [] });
  });

  it("a shown group: its scales as the answers give them, with the region's figure beside each", async () => {
    const g = group(await body("principalElsewhere", "s-other"), "teacher");
    expect(g).toMatchObject({ respondents: CLIMATE_PLAN["s-other"], suppressed: false });
    const own = teacherScores(t, world.teacherAnswers.get("s-other")!);
    const region = teacherScores(t, [...world.teacherAnswers.values()].flat());
    for (const s of g.scales) {
      expect(s.score).toBe(own.get(s.id));
      expect(s.region).toMatchObject({ score: region.get(s.id), respondents: 16 });
    }
  });

  it("the subtraction attack: the region minus the shown school recovers only the two hidden schools together, never the small one", async () => {
    // s-high has 6 answers, enough on its own, but with it shown the region minus s-other and s-high would give s-low's 3.
    for (const who of ["methodologist", "municipal", "admin"] as PersonKey[]) {
      expect(group(await body(who, "s-high"), "teacher")).toEqual({ audience: "teacher", respondents: 6, suppressed: true, reason: "complementary", scales: [], hiddenScales: [] });
    }
    const shown = group(await body("methodologist", "s-other"), "teacher");
    const pair = teacherScores(t, [...world.teacherAnswers.get("s-low")!, ...world.teacherAnswers.get("s-high")!]);
    const small = teacherScores(t, world.teacherAnswers.get("s-low")!);
    let differs = 0;
    for (const s of shown.scales) {
      const recovered = (s.region.score * s.region.respondents - s.score * s.respondents) / (s.region.respondents - s.respondents);
      expect(s.region.respondents - s.respondents).toBe(9);
      expect(Math.abs(recovered - pair.get(s.id)!)).toBeLessThan(0.2);
      if (Math.abs(recovered - small.get(s.id)!) > 1) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it("a hidden group feeds no risk: the hidden school's factors read no teacher climate", async () => {
    const p = await body("methodologist", "s-high");
    for (const r of p.risks) expect(r.indicators.some((i: Json) => String(i.id).startsWith("climate:teacher:")), r.id).toBe(false);
    expect(p.risks.find((r: Json) => r.id === "parent-involvement").level).toBe("unknown");
  });
});
