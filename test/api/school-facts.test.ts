// School facts through the API: who sees a school's facts and the region's index, and what they read from real cards, results and tests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, multipart } from "../fixtures/import-files.js";

let t: TestContext;

const CARD: Record<string, unknown> = {
  "sc-teachers": 20, "sc-vacancies": 3, "sc-out-of-specialty": 4, "sc-share-under-35": 15, "sc-share-over-60": 20,
  "sc-teachers-left": 2, "sc-teachers-hired": 2, "sc-specialists": ["psychologist"],
  "sc-network-speech-therapist": "none", "sc-network-defectologist": "none", "sc-network-social-pedagogue": "regular", "sc-network-tutor": "occasional",
  "sc-internet-mbps": 20, "sc-computers": 10, "sc-science-labs": ["none"], "sc-library": "lending-only", "sc-sports-hall": "none",
  "sc-canteen": "full-kitchen", "sc-toilets": "indoor", "sc-hot-water": true, "sc-capital-repair": "partial",
  "sc-students": 150, "sc-share-low-income": 45, "sc-share-single-parent": 30, "sc-share-large-family": 20, "sc-share-ovz": 14,
  "sc-share-non-native": 2, "sc-share-school-register": 5, "sc-share-police-register": 2, "sc-share-parents-higher-ed": 8,
  "sc-share-unemployed-parents": 18, "sc-location": "rural", "sc-distance-km": 60, "sc-transport-needed": false,
};
const BETTER_CARD: Record<string, unknown> = {
  ...CARD, "sc-share-low-income": 10, "sc-share-single-parent": 15, "sc-share-large-family": 8, "sc-share-ovz": 3, "sc-share-school-register": 1,
  "sc-share-police-register": 0.5, "sc-share-parents-higher-ed": 40, "sc-share-unemployed-parents": 3, "sc-location": "city", "sc-distance-km": 0, "sc-vacancies": 0,
};
const EXAMS = [
  ["Код школы", "Год", "Экзамен", "Предмет", "Класс", "Участников", "Средний балл", "Доля „2“ / не преодолели минимум, %", "Доля „4“ и „5“ / 81+ баллов, %"],
  ["s-low", "2025", "ВПР", "математика", "6", "30", "3,1", "30", "20"],
  ["s-low", "2025", "ОГЭ", "математика", "", "20", "3,2", "15", "25"],
  ["s-low", "2025", "ВПР", "русский язык", "6", "30", "3,5", "10", "40"],
  ["s-other", "2025", "ВПР", "математика", "6", "25", "3,9", "4", "60"],
];

/** Someone signed in takes an instrument of the running campaign and submits the answers. */
async function submit(who: PersonKey, instrumentId: string, data: Record<string, unknown>) {
  const started = await t.as(who, { method: "POST", url: "/api/attempts", payload: { instrumentId } });
  expect(started.statusCode, `${who} ${instrumentId}: ${started.body}`).toBeLessThan(300);
  const done = await t.as(who, { method: "POST", url: `/api/attempts/${started.json().id}/submit`, payload: { data } });
  expect(done.statusCode, done.body).toBe(200);
}

beforeAll(async () => {
  t = await setupTestApp();
  await submit("principal", "school-conditions", CARD);
  await submit("principalElsewhere", "school-conditions", BETTER_CARD);
  // Empty answers score nothing: every topic of the test is a deficit.
  await submit("teacher", "subject-math", {});
  await submit("teacherRussian", "subject-russian", {});
  await submit("principal", "leader-competency", {});
  const imported = await t.as("methodologist", { method: "POST", url: "/api/imports/exam-results", ...multipart(csvFile(EXAMS), "результаты.csv") });
  expect(imported.json()).toMatchObject({ valid: true, created: 4 });
});
afterAll(async () => { await t.close(); });

const facts = (who: PersonKey | null, school: string) => t.as(who, { method: "GET", url: `/api/schools/${school}/facts` });
const ranking = (who: PersonKey | null, query = "") => t.as(who, { method: "GET", url: `/api/schools/index${query}` });

describe("who sees a school's facts", () => {
  it.each([
    ["principal", 200], ["municipal", 200], ["methodologist", 200], ["admin", 200],
    ["teacher", 404], ["teacherRussian", 404], ["principalElsewhere", 404], ["mentor", 404], ["municipalElsewhere", 404],
  ] as Array<[PersonKey, number]>)("%s → %i for s-low", async (who, status) => {
    const res = await facts(who, "s-low");
    expect(res.statusCode).toBe(status);
    if (status === 404) expect(res.json().error).toMatchObject({ code: "school_not_found", message: "Школа не найдена" });
    else expect(res.json()).toMatchObject({ schoolId: "s-low", municipalityId: "m1" });
  });

  it("the principal and coordinator of the other school see it; nobody sees a school that does not exist", async () => {
    expect((await facts("principalElsewhere", "s-other")).statusCode).toBe(200);
    expect((await facts("municipalElsewhere", "s-other")).statusCode).toBe(200);
    expect((await facts("municipal", "s-other")).statusCode).toBe(404);
    expect((await facts("methodologist", "s-nowhere")).statusCode).toBe(404);
  });

  it("without a token the answer is 401", async () => {
    expect((await facts(null, "s-low")).statusCode).toBe(401);
  });
});

describe("what the facts read", () => {
  it("the card's indicators, from the principal's submitted answers", async () => {
    const body = (await facts("principal", "s-low")).json();
    expect(body.conditions).toEqual({ submittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const v = Object.fromEntries(body.indicators.map((i: { id: string; value: number }) => [i.id, i.value]));
    expect(v).toMatchObject({ "specialists-missing": 4, "specialists-uncovered": 2, library: 1, "sports-hall": 0, rural: 1, "vacancy-rate": 15, "share-ovz": 14 });
  });

  it("the index compares the schools with a card; the other has none and says why", async () => {
    const low = (await facts("methodologist", "s-low")).json();
    const other = (await facts("methodologist", "s-other")).json();
    expect(low.index).toMatchObject({ rank: 2, of: 2, scaled: 0, measured: 11 });
    expect(other.index).toMatchObject({ rank: 1, of: 2, scaled: 100 });
    expect(low.index.value).toBeLessThan(other.index.value);
    expect(low.index.components.find((c: { id: string }) => c.id === "share-low-income")).toMatchObject({ value: 45, z: -1, schools: 2 });
    const high = (await facts("methodologist", "s-high")).json();
    expect(high.index).toBeNull();
    expect(high.indexReason).toMatch(/карта условий школы не заполнена/);
  });

  it("clusters carry the rule that put the school there", async () => {
    const body = (await facts("principal", "s-low")).json();
    const clusters = Object.fromEntries(body.clusters.map((c: { code: string; reasons: string[] }) => [c.code, c.reasons]));
    expect(clusters["low-results"]).toEqual([
      "Официальный признак региона: школа в списке школ с низкими результатами обучения (ШНОР)",
      "Доля «2» по математике (ВПР и ОГЭ, 2025 г.) — 24 %, не ниже порога 20 %",
    ]);
    expect(clusters["special-needs"]).toEqual(["Доля обучающихся с ОВЗ — 14 %, не ниже порога 10 % (карта условий)"]);
    expect(clusters["math-teaching"]).toEqual(["1 из 1 протестированных учителей математики (100 %) имеют дефициты по темам предмета, порог 50 %"]);
    expect(clusters["russian-teaching"]).toEqual(["1 из 1 протестированных учителей русского языка (100 %) имеют дефициты по темам предмета, порог 50 %"]);
    expect(clusters.unfavourable).toBeUndefined();
  });

  it("the risk profile gives levels with reasons, and says «нет данных» where the data is missing", async () => {
    const body = (await facts("principal", "s-low")).json();
    const risks = Object.fromEntries(body.risks.map((r: { id: string }) => [r.id, r]));
    expect(body.risks).toHaveLength(11);
    expect(risks["failure-risk"]).toMatchObject({ level: "medium", reasons: [expect.stringMatching(/^Доля «2» по математике .* — 24 % \(средний уровень — от 15 %\)$/)] });
    expect(risks.equipment.level).toBe("high");
    expect(risks["professional-development"]).toMatchObject({ level: "high", reasons: expect.arrayContaining([expect.stringMatching(/^Самооценка руководителя/)]) });
    expect(risks["special-needs"].level).toBe("high");
    expect(risks.motivation).toMatchObject({ level: "unknown", reasons: [expect.stringMatching(/^нет данных: опрос о климате/)] });
    expect(risks["teacher-competence"]).toMatchObject({ level: "high", reasons: [
      "Доля учителей с дефицитами по темам своего предмета — 100 % (высокий уровень — от 50 %)",
      "Доля учителей с методическими дефицитами — 100 % (высокий уровень — от 50 %)",
    ] });
    expect(risks.adaptivity).toMatchObject({ level: "high", reasons: [
      "Доля учителей с дефицитом в дифференциации обучения (ОВЗ, неродной русский, маршруты) — 100 % (высокий уровень — от 50 %)",
      expect.stringMatching(/^нет данных: опрос о климате/),
    ] });
    expect(body).toMatchObject({ leaderAssessed: true, climateGiven: false, teachers: { total: 2, tested: 2, withSubjectDeficits: 2, withMethodDeficits: 2 } });
    // The other school's teachers took nothing: its teacher factors say so.
    const other = (await facts("principalElsewhere", "s-other")).json();
    expect(other.risks.find((r: { id: string }) => r.id === "teacher-competence")).toMatchObject({ level: "unknown", reasons: ["нет данных: учителя школы не прошли диагностику"] });
  });

  it("the exams summary: results per exam and subject, the share of «2» over ВПР and ОГЭ", async () => {
    const body = (await facts("municipal", "s-low")).json();
    expect(body.exams.years).toEqual([2025]);
    expect(body.exams.failShares).toEqual([{ subject: "math", year: 2025, participants: 50, share: 24 }, { subject: "russian", year: 2025, participants: 30, share: 10 }]);
    expect(body.exams.results).toContainEqual(expect.objectContaining({ exam: "oge", examTitle: "ОГЭ", subject: "math", subjectTitle: "Математика", grades: [9], failShare: 15 }));
  });

  it("a school with nothing filled and no designation is in no cluster, and every card risk says the card is missing", async () => {
    const body = (await facts("admin", "s-high")).json();
    expect(body.conditions).toBeNull();
    expect(body.clusters).toEqual([]);
    for (const id of ["equipment", "staff-shortage", "special-needs"]) {
      expect(body.risks.find((r: { id: string }) => r.id === id)).toMatchObject({ level: "unknown", reasons: ["нет данных: карта условий не заполнена"] });
    }
  });
});

describe("the region's index ranking", () => {
  it.each(["teacher", "principal", "principalElsewhere", "mentor"] as PersonKey[])("%s gets 403", async (who) => {
    expect((await ranking(who)).statusCode).toBe(403);
  });

  it("without a token the answer is 401", async () => {
    expect((await ranking(null)).statusCode).toBe(401);
  });

  it.each(["methodologist", "admin"] as PersonKey[])("%s sees every school of the region, ranked, with the components", async (who) => {
    const body = (await ranking(who)).json();
    expect(body).toMatchObject({ regionSchools: 3, withIndex: 2 });
    expect(body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual(["s-other", "s-low", "s-high"]);
    expect(body.schools[0].index).toMatchObject({ rank: 1, components: expect.any(Array) });
    expect(body.schools[2]).toMatchObject({ index: null, reason: expect.stringMatching(/^Индекс не рассчитан/) });
    expect(body.components.map((c: { id: string }) => c.id)).toContain("share-parents-higher-ed");
    const m2 = (await ranking(who, "?municipalityId=m2")).json();
    expect(m2.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual(["s-other"]);
  });

  it("a coordinator sees their municipality's schools with their rank in the region, and no other municipality", async () => {
    const mine = (await ranking("municipal")).json();
    expect(mine.schools.map((s: { schoolId: string; index: { rank: number } | null }) => [s.schoolId, s.index?.rank ?? null])).toEqual([["s-low", 2], ["s-high", null]]);
    expect((await ranking("municipalElsewhere")).json().schools.map((s: { schoolId: string }) => s.schoolId)).toEqual(["s-other"]);
    expect((await ranking("municipal", "?municipalityId=m1")).statusCode).toBe(200);
    const foreign = await ranking("municipal", "?municipalityId=m2");
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe("municipality_not_found");
  });

  it("an unknown municipality is 404, and unknown query parameters are refused", async () => {
    expect((await ranking("methodologist", "?municipalityId=m9")).statusCode).toBe(404);
    expect((await ranking("methodologist", "?sort=rank")).statusCode).toBe(400);
  });
});
