// Shared steps of the school profile and registry tests: a small region with cards, tests, the leader, exams and climate.
import { expect } from "vitest";
import { groupScaleScores } from "../../server/modules/climate/climate-scoring.js";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";
import { csvFile, multipart, PEOPLE_HEADER } from "../fixtures/import-files.js";
import { answerWithCode, likertAnswers, openRound } from "./climate-steps.js";

/** s-low's card: rural, poor, many with ОВЗ. */
export const CARD: Record<string, unknown> = {
  "sc-teachers": 20, "sc-vacancies": 3, "sc-out-of-specialty": 4, "sc-share-under-35": 15, "sc-share-over-60": 20,
  "sc-teachers-left": 2, "sc-teachers-hired": 2, "sc-specialists": ["psychologist"],
  "sc-network-speech-therapist": "none", "sc-network-defectologist": "none", "sc-network-social-pedagogue": "regular", "sc-network-tutor": "occasional",
  "sc-internet-mbps": 20, "sc-computers": 10, "sc-science-labs": ["none"], "sc-library": "lending-only", "sc-sports-hall": "none",
  "sc-canteen": "full-kitchen", "sc-toilets": "indoor", "sc-hot-water": true, "sc-capital-repair": "partial",
  "sc-students": 150, "sc-share-low-income": 45, "sc-share-single-parent": 30, "sc-share-large-family": 20, "sc-share-ovz": 14,
  "sc-share-non-native": 2, "sc-share-school-register": 5, "sc-share-police-register": 2, "sc-share-parents-higher-ed": 8,
  "sc-share-unemployed-parents": 18, "sc-location": "rural", "sc-distance-km": 60, "sc-transport-needed": false,
};
/** s-high's card: a context close to s-low's (its partner should be it). */
export const NEAR_CARD: Record<string, unknown> = { ...CARD, "sc-share-low-income": 40, "sc-share-ovz": 11, "sc-distance-km": 50, "sc-vacancies": 2 };
/** s-other's card: a favourable city context. */
export const CITY_CARD: Record<string, unknown> = {
  ...CARD, "sc-share-low-income": 10, "sc-share-single-parent": 15, "sc-share-large-family": 8, "sc-share-ovz": 3, "sc-share-school-register": 1,
  "sc-share-police-register": 0.5, "sc-share-parents-higher-ed": 40, "sc-share-unemployed-parents": 3, "sc-location": "city", "sc-distance-km": 0, "sc-vacancies": 0,
};
export const EXAMS = [
  ["Код школы", "Год", "Экзамен", "Предмет", "Класс", "Участников", "Средний балл", "Доля „2“ / не преодолели минимум, %", "Доля „4“ и „5“ / 81+ баллов, %"],
  ["s-low", "2025", "ВПР", "математика", "6", "30", "3,1", "30", "20"],
  ["s-low", "2025", "ВПР", "русский язык", "6", "30", "3,5", "10", "40"],
  ["s-high", "2025", "ВПР", "математика", "6", "40", "4,3", "2", "70"],
  ["s-other", "2025", "ВПР", "математика", "6", "25", "3,9", "4", "60"],
];

/** Climate: teachers of s-low 3 (below the threshold), of s-high 6 (hidden as the complement), of s-other 7; students of s-low 6. */
export const CLIMATE_PLAN = { "s-low": 3, "s-high": 6, "s-other": 7 } as const;

export interface SchoolWorld {
  /** The principal added to s-high through the people import, and their session headers. */
  highPrincipal: { id: string; headers: Record<string, string> };
  /** Each school's teachers' answers: what a leak would reveal. */
  teacherAnswers: Map<string, Array<Record<string, unknown>>>;
}

export async function submitAs(t: TestContext, who: PersonKey | Record<string, string>, instrumentId: string, data: Record<string, unknown>): Promise<void> {
  const call = (options: Parameters<TestContext["as"]>[1]) => (typeof who === "string" ? t.as(who, options) : t.app.inject({ ...options, headers: who }));
  const started = await call({ method: "POST", url: "/api/attempts", payload: { instrumentId } });
  expect(started.statusCode, `${instrumentId}: ${started.body}`).toBeLessThan(300);
  const done = await call({ method: "POST", url: `/api/attempts/${started.json().id}/submit`, payload: { data } });
  expect(done.statusCode, done.body).toBe(200);
}

/** The whole small region: every kind of data the profile and the registry read. */
export async function seedSchoolWorld(t: TestContext): Promise<SchoolWorld> {
  const imported = await t.as("methodologist", {
    method: "POST", url: "/api/imports/people",
    ...multipart(csvFile([PEOPLE_HEADER, ["Высоков Пётр Ильич", "Директор", "s-high", "", "директор", "high.principal@example.org"]]), "люди.csv"),
  });
  expect(imported.json(), imported.body).toMatchObject({ valid: true, created: 1 });
  const person = await t.db.selectFrom("users").select(["id", "region_id", "municipality_id", "school_id"]).where("full_name", "=", "Высоков Пётр Ильич").executeTakeFirstOrThrow();
  const { token } = await t.tokens.issue({ kind: "user", id: person.id, roles: ["principal"], regionId: person.region_id, municipalityId: person.municipality_id, schoolId: person.school_id });
  const highPrincipal = { id: person.id, headers: { authorization: `Bearer ${token}` } };

  await submitAs(t, "principal", "school-conditions", CARD);
  await submitAs(t, highPrincipal.headers, "school-conditions", NEAR_CARD);
  await submitAs(t, "principalElsewhere", "school-conditions", CITY_CARD);
  // Empty answers score nothing: every topic of the test is a deficit.
  await submitAs(t, "teacher", "subject-math", {});
  await submitAs(t, "teacherRussian", "subject-russian", {});
  await submitAs(t, "principal", "leader-competency", {});
  const exams = await t.as("methodologist", { method: "POST", url: "/api/imports/exam-results", ...multipart(csvFile(EXAMS), "результаты.csv") });
  expect(exams.json(), exams.body).toMatchObject({ valid: true, created: EXAMS.length - 1 });

  const teacherAnswers = new Map<string, Array<Record<string, unknown>>>();
  let seed = 0;
  for (const [schoolId, count] of Object.entries(CLIMATE_PLAN)) {
    const { codes } = await openRound(t, "methodologist", { schoolId, audience: "teacher", codes: count });
    seed++;
    for (const [i, code] of codes.entries()) {
      const data = likertAnswers(t, "climate-teachers", (_, j) => ((i * 5 + j * 3 + seed * 2) % 4) + 1);
      await answerWithCode(t, code, data);
      teacherAnswers.set(schoolId, [...(teacherAnswers.get(schoolId) ?? []), data]);
    }
  }
  const students = await openRound(t, "principal", { schoolId: "s-low", audience: "student", codes: 6 });
  for (const [i, code] of students.codes.entries()) await answerWithCode(t, code, likertAnswers(t, "climate-students", (_, j) => ((i + j) % 4) + 1));
  return { highPrincipal, teacherAnswers };
}

/** What a school's teachers would score on each scale, were they shown: the figure that must never appear for a hidden group. */
export function teacherScores(t: TestContext, answers: ReadonlyArray<Record<string, unknown>>): Map<string, number> {
  const def = t.registry.get("climate-teachers")!.definition;
  return new Map(groupScaleScores(def.scales!, def.bands!, answers).map((s) => [s.id, s.score]));
}
