// A school's climate through the API: figures beside the region, small groups hidden everywhere, and the subtraction attack fails.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { isoDay } from "../../server/shared/dates.js";
import { groupScaleScores } from "../../server/modules/climate/climate-scoring.js";
import { climateOfSchool } from "../../server/modules/climate/climate-summary.js";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";
import { answerWithCode, call, likertAnswers, openRound, setupClimateApp } from "./climate-steps.js";

let t: TestContext;
/** What each respondent answered, by school and audience: the truth the attack tries to recover. */
const truth = new Map<string, Array<Record<string, unknown>>>();

async function answerMany(who: PersonKey, schoolId: string, audience: string, count: number, instrument: string, extra: Record<string, unknown> = {}, seed = 0) {
  const { codes, slips } = await openRound(t, who, { schoolId, audience, ...(extra.classCodes ? extra : { codes: count, ...extra }) });
  for (const [i, code] of codes.entries()) {
    const data = likertAnswers(t, instrument, (_, j) => ((i * 7 + j * 3 + seed) % 4) + 1);
    await answerWithCode(t, code, data);
    const key = `${schoolId}|${audience}|${slips[i]!.className ?? ""}`;
    truth.set(key, [...(truth.get(key) ?? []), data]);
  }
}

beforeAll(async () => {
  t = await setupClimateApp();
  // Teachers: s-low 7, s-high 3 (too few), s-other 9. Students of s-low by class: 7А 6, 7Б 9, 8А 2. Parents of s-low: 6.
  await answerMany("principal", "s-low", "teacher", 7, "climate-teachers");
  await answerMany("methodologist", "s-high", "teacher", 3, "climate-teachers", {}, 1);
  await answerMany("principalElsewhere", "s-other", "teacher", 9, "climate-teachers", {}, 2);
  await answerMany("principal", "s-low", "student", 17, "climate-students", { classCodes: { "7А": 6, "7Б": 9, "8А": 2 } });
  // Four of six parents skip every «parent-involvement» item: that scale has two scores, too few to show.
  const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 6 });
  const involvement = t.registry.get("climate-parents")!.definition.scales!.find((s) => s.id === "parent-involvement")!.items;
  for (const [i, code] of codes.entries()) {
    await answerWithCode(t, code, likertAnswers(t, "climate-parents", (item, j) => (i < 4 && involvement.includes(item) ? "na" : ((i + j) % 4) + 1)));
  }
}, 240_000);
afterAll(async () => { await t.close(); });

type Group = { audience: string; className?: string; respondents: number; suppressed: boolean; reason?: string; scales: Array<{ id: string; score: number; respondents: number; region?: { score: number; respondents: number } }>; hiddenScales: Array<{ id: string; reason: string }> };
const climate = async (who: PersonKey, schoolId: string, query = "") => {
  const res = await call(t, who, "GET", `/api/schools/${schoolId}/climate${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { threshold: number; groups: Group[]; classes: Array<{ className: string; respondents: number; suppressed: boolean }>; campaign: { id: string } };
};
const teacherGroup = async (who: PersonKey, schoolId: string) => (await climate(who, schoolId)).groups.find((g) => g.audience === "teacher")!;

describe("a school's climate", () => {
  it("shows each audience's scales with the region's figure beside them, from the answers given", async () => {
    const c = await climate("principalElsewhere", "s-other");
    expect(c).toMatchObject({ threshold: 5, campaign: { id: "c1" } });
    const teachers = c.groups.find((g) => g.audience === "teacher")!;
    expect(teachers).toMatchObject({ respondents: 9, suppressed: false });
    const def = t.registry.get("climate-teachers")!.definition;
    const expected = groupScaleScores(def.scales!, def.bands!, truth.get("s-other|teacher|")!);
    expect(teachers.scales.map((s) => ({ id: s.id, score: s.score, respondents: s.respondents }))).toEqual(expected.map((s) => ({ id: s.id, score: s.score, respondents: s.respondents })));
    const region = groupScaleScores(def.scales!, def.bands!, [...truth.get("s-low|teacher|")!, ...truth.get("s-high|teacher|")!, ...truth.get("s-other|teacher|")!]);
    for (const s of teachers.scales) expect(s.region).toMatchObject({ score: region.find((r) => r.id === s.id)!.score, respondents: 19 });
  });

  it("hides a group below the threshold, and its neighbour in the municipality, so that the region's figure gives neither away", async () => {
    expect(await teacherGroup("methodologist", "s-high")).toMatchObject({ respondents: 3, suppressed: true, reason: "small", scales: [] });
    expect(await teacherGroup("principal", "s-low")).toMatchObject({ respondents: 7, suppressed: true, reason: "complementary", scales: [] });
  });

  it("the subtraction attack: the region's figure minus every shown school gives only the two hidden schools together", async () => {
    const def = t.registry.get("climate-teachers")!.definition;
    const shown = await teacherGroup("methodologist", "s-other");
    for (const scale of shown.scales) {
      const recovered = (scale.region!.score * scale.region!.respondents - scale.score * scale.respondents) / (scale.region!.respondents - scale.respondents);
      const hiddenTogether = groupScaleScores(def.scales!, def.bands!, [...truth.get("s-low|teacher|")!, ...truth.get("s-high|teacher|")!]).find((s) => s.id === scale.id)!;
      // What subtraction recovers is the two hidden schools' mean together (up to rounding), never the small one's…
      expect(Math.abs(recovered - hiddenTogether.score)).toBeLessThan(1);
      expect(scale.region!.respondents - scale.respondents).toBeGreaterThanOrEqual(5);
    }
    // …which is what it would have recovered, had s-low's figure been shown beside s-other's.
    const small = groupScaleScores(def.scales!, def.bands!, truth.get("s-high|teacher|")!);
    const lowShown = groupScaleScores(def.scales!, def.bands!, truth.get("s-low|teacher|")!);
    const scale = shown.scales[0]!;
    const low = lowShown.find((s) => s.id === scale.id)!;
    const attack = (scale.region!.score * 19 - scale.score * 9 - low.score * 7) / 3;
    expect(Math.abs(attack - small.find((s) => s.id === scale.id)!.score)).toBeLessThan(2);
  });

  it("a class that drops below the threshold under the filter shows nothing, nor the class that would give it away", async () => {
    const all = await climate("principal", "s-low");
    expect(all.groups.find((g) => g.audience === "student")).toMatchObject({ respondents: 17, suppressed: false });
    expect(all.classes).toEqual([
      { className: "7А", respondents: 6, suppressed: true }, { className: "7Б", respondents: 9, suppressed: false }, { className: "8А", respondents: 2, suppressed: true },
    ]);
    expect((await climate("principal", "s-low", "?audience=student&class=8А")).groups).toMatchObject([{ className: "8А", respondents: 2, suppressed: true, reason: "small", scales: [] }]);
    expect((await climate("principal", "s-low", "?class=7%20а")).groups).toMatchObject([{ className: "7А", respondents: 6, suppressed: true, reason: "complementary", scales: [] }]);
    const shown = (await climate("principal", "s-low", "?class=7Б")).groups[0]!;
    expect(shown).toMatchObject({ className: "7Б", respondents: 9, suppressed: false });
    const def = t.registry.get("climate-students")!.definition;
    expect(shown.scales.map((s) => s.score)).toEqual(groupScaleScores(def.scales!, def.bands!, truth.get("s-low|student|7Б")!).map((s) => s.score));
    // The school minus 7Б is 7А and 8А together: eight people, two classes.
    expect(all.groups.find((g) => g.audience === "student")!.respondents - shown.respondents).toBe(8);
  });

  it("hides a scale that too few answered while the rest of the group shows", async () => {
    const parents = (await climate("principal", "s-low", "?audience=parent")).groups[0]!;
    expect(parents).toMatchObject({ respondents: 6, suppressed: false });
    expect(parents.hiddenScales).toEqual([expect.objectContaining({ id: "parent-involvement", reason: "small" })]);
    expect(parents.scales.map((s) => s.id)).not.toContain("parent-involvement");
    expect(parents.scales.length).toBeGreaterThan(5);
  });

  it("an export carries no figure for a hidden group either", async () => {
    const res = await call(t, "principal", "GET", "/api/schools/s-low/climate/export");
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = [] as Array<Record<string, unknown>>;
    sheet.eachRow((row, i) => { if (i > 1) rows.push(Object.fromEntries(header.map((h, j) => [h, (row.values as unknown[])[j + 1]]))); });
    const teachers = rows.filter((r) => r["Группа"] === "Педагоги");
    expect(teachers).toHaveLength(1);
    expect(teachers[0]).toMatchObject({ "Ответили": 7, "Примечание": expect.stringContaining("Скрыто") });
    expect(teachers[0]!["Балл школы (0–100)"]).toBeUndefined();
    const eighth = rows.filter((r) => r["Класс"] === "8А");
    expect(eighth).toHaveLength(1);
    expect(eighth[0]!["Примечание"]).toBe("Меньше 5 ответов — результаты скрыты, чтобы сохранить анонимность");
    expect(rows.filter((r) => r["Класс"] === "7Б" && typeof r["Балл школы (0–100)"] === "number").length).toBeGreaterThan(5);
    expect(rows.some((r) => r["Шкала"] === "Вовлечённость родителей" || String(r["Шкала"]).includes("родител"))).toBe(true);
    const csv = await call(t, "methodologist", "GET", "/api/schools/s-low/climate/export?format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
  });
});

describe("the threshold", () => {
  it("is 5 unless configured, can be raised, and is never below 3 whatever a caller passes", async () => {
    expect(loadConfig({}).anonymityThreshold).toBe(5);
    expect(() => loadConfig({ ANONYMITY_THRESHOLD: "2" })).toThrow(/ANONYMITY_THRESHOLD/);
    const atOne = (await climateOfSchool(t.db, t.registry, "s-high", 1))!;
    expect(atOne.threshold).toBe(3);
    expect(atOne.groups.find((g) => g.audience === "teacher")).toMatchObject({ respondents: 3, suppressed: false });
    expect((await climateOfSchool(t.db, t.registry, "s-low", 1, { className: "8А" }))!.groups[0]).toMatchObject({ respondents: 2, suppressed: true, reason: "small" });
    expect((await climateOfSchool(t.db, t.registry, "s-other", 10))!.groups.find((g) => g.audience === "teacher")).toMatchObject({ respondents: 9, suppressed: true, reason: "small" });
  });
});

describe("who sees a school's climate", () => {
  const cases: Array<[PersonKey | null, number]> = [
    ["principal", 200], ["municipal", 200], ["methodologist", 200], ["admin", 200],
    ["principalElsewhere", 404], ["municipalElsewhere", 404], ["teacher", 403], ["mentor", 403], [null, 401],
  ];
  it.each(cases)("%s → %i (the school and its export)", async (who, status) => {
    expect((await call(t, who, "GET", "/api/schools/s-low/climate")).statusCode).toBe(status);
    expect((await call(t, who, "GET", "/api/schools/s-low/climate/export")).statusCode).toBe(status);
  });

  it("an anonymous respondent gets 403; a school that does not exist, 404; bad filters, 400", async () => {
    const { codes } = await openRound(t, "principal", { schoolId: "s-low", audience: "teacher", codes: 1 });
    const session = (await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code: codes[0] } })).json();
    expect((await t.app.inject({ method: "GET", url: "/api/schools/s-low/climate", headers: { authorization: `Bearer ${session.token}` } })).statusCode).toBe(403);
    expect((await call(t, "methodologist", "GET", "/api/schools/nope/climate")).statusCode).toBe(404);
    for (const query of ["?audience=director", "?audience=teacher&class=7А", "?class=кот", "?class=3А", "?colour=red"]) {
      const res = await call(t, "principal", "GET", `/api/schools/s-low/climate${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message).toMatch(/[а-я]/);
    }
    expect((await call(t, "principal", "GET", "/api/schools/s-low/climate?campaignId=nope")).statusCode).toBe(404);
  });
});

describe("the region's overview and α", () => {
  it("lists every school with answers and suppression per audience; a coordinator sees their municipality only", async () => {
    const all = (await call(t, "methodologist", "GET", "/api/climate/schools")).json();
    expect(all.schools.map((s: { schoolId: string }) => s.schoolId).sort()).toEqual(["s-high", "s-low", "s-other"]);
    const low = all.schools.find((s: { schoolId: string }) => s.schoolId === "s-low");
    expect(low.groups.find((g: { audience: string }) => g.audience === "teacher")).toMatchObject({ respondents: 7, suppressed: true, scales: 0 });
    const own = (await call(t, "municipal", "GET", "/api/climate/schools")).json();
    expect(own.schools.map((s: { schoolId: string }) => s.schoolId).sort()).toEqual(["s-high", "s-low"]);
    // Seen from the municipality, s-low stays hidden: suppression is decided for the whole region.
    expect(own.schools.find((s: { schoolId: string }) => s.schoolId === "s-low").groups.find((g: { audience: string }) => g.audience === "teacher").suppressed).toBe(true);
    expect((await call(t, "municipal", "GET", "/api/climate/schools?municipalityId=m2")).statusCode).toBe(404);
    expect((await call(t, "methodologist", "GET", "/api/climate/schools?municipalityId=m2")).json().schools).toHaveLength(1);
    for (const [who, status] of [["admin", 200], ["municipalElsewhere", 200], ["principal", 403], ["teacher", 403], ["mentor", 403], [null, 401]] as const) {
      expect((await call(t, who, "GET", "/api/climate/schools")).statusCode, String(who)).toBe(status);
    }
  });

  it("gives α per scale over the region's complete answers, to methodologists and admins only", async () => {
    const res = await call(t, "methodologist", "GET", "/api/climate/reliability");
    expect(res.statusCode).toBe(200);
    const teachers = res.json().audiences.find((a: { audience: string }) => a.audience === "teacher");
    expect(teachers.scales).toHaveLength(12);
    for (const s of teachers.scales) {
      expect(s.respondents).toBe(19);
      if (s.alpha !== null) expect(s.alpha).toBeLessThanOrEqual(1);
    }
    expect(teachers.scales.some((s: { alpha: number | null }) => s.alpha !== null)).toBe(true);
    for (const [who, status] of [["admin", 200], ["municipal", 403], ["principal", 403], ["teacher", 403], ["mentor", 403], [null, 401]] as const) {
      expect((await call(t, who, "GET", "/api/climate/reliability")).statusCode, String(who)).toBe(status);
    }
  });
});

describe("which campaign a school's climate shows", () => {
  it("the latest with answers, so that a new round with none yet does not blank the last wave; another on request", async () => {
    await t.db.insertInto("campaigns").values({ id: "c2", region_id: "r1", title: "Итоговая диагностика", wave: "final", status: "active", starts_on: isoDay(-1), ends_on: isoDay(90) }).execute();
    await t.db.insertInto("campaign_instruments").values({ campaign_id: "c2", instrument_id: "climate-teachers" }).execute();
    await openRound(t, "principalElsewhere", { schoolId: "s-other", audience: "teacher", codes: 3, campaignId: "c2" });
    const shown = await climate("principalElsewhere", "s-other");
    expect(shown.campaign.id).toBe("c1");
    expect(shown.groups.find((g) => g.audience === "teacher")!.respondents).toBe(9);
    const next = await climate("principalElsewhere", "s-other", "?campaignId=c2");
    expect(next.campaign.id).toBe("c2");
    expect(next.groups.find((g) => g.audience === "teacher")).toMatchObject({ respondents: 0, suppressed: true });
  });
});
