// Training themes and the staff dashboard: counts over current results, scope by role and municipality, downloads.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ItemKey } from "../../server/modules/scoring/answer-key.js";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;

/** Answers that earn every point on the items of the competencies chosen, as the browser would send them. */
function answersFor(instrumentId: string, competency: (id: string) => boolean): Record<string, unknown> {
  const loaded = t.registry.get(instrumentId)!;
  const answers: Record<string, unknown> = {};
  const right = (item: ItemKey): unknown => {
    const rule = item.rule;
    switch (rule.kind) {
      case "choice": case "boolean": return rule.value;
      case "text": return rule.accepted[0];
      case "set": case "order": return [...rule.values];
      case "matching": return { ...rule.pairs };
      case "choice-scores": return Object.entries(rule.scores).sort((a, b) => b[1] - a[1])[0]![0];
      case "scale": return rule.max;
    }
  };
  for (const item of loaded.answerKey.items) if (competency(item.competency)) answers[item.name] = right(item);
  return loaded.codec.toServed(answers);
}

async function submit(person: PersonKey, instrumentId: string, data: Record<string, unknown>) {
  const attempt = (await t.as(person, { method: "POST", url: "/api/attempts", payload: { instrumentId } })).json();
  const res = await t.as(person, { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data } });
  expect(res.statusCode, `${person} submits ${instrumentId}`).toBe(200);
  return res.json().result as { competencies: Array<{ id: string; level: string }> };
}

/** An earlier, closed wave in which the person was proficient everywhere, stored as the scorer would. */
async function earlierProficient(person: PersonKey, schoolId: string) {
  const key = t.registry.get("subject-math")!.answerKey;
  const row = await t.db.insertInto("attempts").values({
    user_id: t.people[person].id, school_id: schoolId, audience: "teacher", instrument_id: "subject-math", version: key.version,
    campaign_id: "c0", status: "submitted", started_at: new Date(Date.now() - 200 * 86_400_000), submitted_at: new Date(Date.now() - 200 * 86_400_000),
    score: 1, max_score: 1, percent: 100,
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("competency_results").values(key.competencies.map((c) => ({
    attempt_id: row.id, competency_id: c.id, score: 1, max_score: 1, percent: 100, level: "proficient" as const, items: 1,
  }))).execute();
}

interface Theme { competencyId: string; area: string; subject?: string; deficit: number; partial: number; tested: number; share: number;
  courses: Array<{ id: string }>; byMunicipality: Array<{ id: string; deficit: number; tested: number }>; byCluster: Array<{ cluster: string; deficit: number; tested: number }> }
interface Report {
  tested: number; teachers: { tested: number; withDeficits: number }; principals: { tested: number; withDeficits: number };
  municipalities: Array<{ id: string; tested: number }>; clusters: Array<{ cluster: string; tested: number }>;
  subjects: Array<{ subject: string; tested: number; themes: Theme[] }>; crossSubject: { tested: number; themes: Theme[] };
  leadership: { tested: number; themes: Theme[] }; top: Theme[];
}

async function themes(person: PersonKey, query = ""): Promise<Report> {
  const res = await t.as(person, { method: "GET", url: `/api/analytics/themes${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const subject = (r: Report, code: string) => r.subjects.find((s) => s.subject === code);
const theme = (r: Report, id: string) => [...r.subjects.flatMap((s) => s.themes), ...r.crossSubject.themes, ...r.leadership.themes].find((x) => x.competencyId === id);

beforeAll(async () => {
  t = await setupTestApp();
  await t.db.insertInto("campaigns").values([
    { id: "c0", region_id: "r1", title: "Прошлая волна", wave: "input", status: "closed", starts_on: isoDay(-400), ends_on: isoDay(-300) },
    { id: "c-m2", region_id: "r1", title: "Диагностика второго района", wave: "intermediate", status: "planned", starts_on: isoDay(30), ends_on: isoDay(60) },
  ]).execute();
  await t.db.insertInto("campaign_municipalities").values({ campaign_id: "c-m2", municipality_id: "m2" }).execute();
  await t.db.insertInto("regions").values({ id: "r2", name: "Другая область" }).execute();
  await t.db.insertInto("campaigns").values({ id: "c-r2", region_id: "r2", title: "Чужая", wave: "input", status: "planned", starts_on: isoDay(1), ends_on: isoDay(9) }).execute();

  // The mentor was tested only in the earlier wave; the teacher then too, and again now.
  await earlierProficient("mentor", "s-high");
  await earlierProficient("teacher", "s-low");
  // Now: the teacher answers nothing (a deficit everywhere); the Russian teacher fails Russian and
  // aces literature (methodology measured twice: a deficit and proficient); the teacher of the other
  // municipality knows mathematics and nothing of methodology; the principal answers nothing.
  await submit("teacher", "subject-math", {});
  await submit("teacherRussian", "subject-russian", {});
  const literature = await submit("teacherRussian", "subject-literature", answersFor("subject-literature", () => true));
  expect(literature.competencies.every((c) => c.level === "proficient")).toBe(true);
  const math = await submit("teacherElsewhere", "subject-math", answersFor("subject-math", (id) => id.startsWith("math.")));
  expect(math.competencies.filter((c) => c.id.startsWith("math.")).every((c) => c.level === "proficient")).toBe(true);
  await submit("principal", "leader-competency", {});
});
afterAll(async () => { await t.close(); });

describe("who may read the themes and the dashboard", () => {
  const urls = ["/api/analytics/themes", "/api/analytics/themes/export", "/api/analytics/themes/export?format=csv", "/api/analytics/overview"];
  it.each(urls)("teachers, principals and mentors get 403, nobody signed in 401: %s", async (url) => {
    for (const person of ["teacher", "principal", "mentor"] as const) {
      const res = await t.as(person, { method: "GET", url });
      expect(res.statusCode, person).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    expect((await t.as(null, { method: "GET", url })).statusCode).toBe(401);
  });
  it.each(urls)("methodologists, admins and coordinators read it: %s", async (url) => {
    for (const person of ["methodologist", "admin", "municipal"] as const) {
      expect((await t.as(person, { method: "GET", url })).statusCode, person).toBe(200);
    }
  });
});

describe("the region's training themes", () => {
  it("counts people at a deficit per subject theme, by municipality and by cluster", async () => {
    const r = await themes("methodologist");
    expect(subject(r, "math")!.tested).toBe(3);
    const words = theme(r, "math.word-problems")!;
    expect(words).toMatchObject({ area: "subject", subject: "math", deficit: 1, partial: 0, tested: 3, share: 0.3333 });
    // Municipalities in the order of their names.
    expect(words.byMunicipality).toEqual([
      { id: "m2", name: "Второй район", deficit: 0, tested: 1 }, { id: "m1", name: "Первый район", deficit: 1, tested: 2 },
    ]);
    const cluster = (c: string) => words.byCluster.find((x) => x.cluster === c);
    expect(cluster("low-results")).toMatchObject({ deficit: 1, tested: 1, title: "Низкие результаты обучения (НОР)" });
    expect(cluster("unfavourable")).toMatchObject({ deficit: 0, tested: 1 });
    expect(cluster("special-needs")).toMatchObject({ deficit: 0, tested: 0 });
    expect(subject(r, "russian")).toMatchObject({ tested: 1 });
    expect(subject(r, "literature")!.themes.every((x) => x.deficit === 0 && x.tested === 1)).toBe(true);
    expect(r.municipalities).toEqual([{ id: "m2", name: "Второй район", tested: 1 }, { id: "m1", name: "Первый район", tested: 4 }]);
  });

  it("counts a methodological competency measured by two tests once, at the person's weakest level", async () => {
    const r = await themes("methodologist");
    expect(r.crossSubject.tested).toBe(4);
    for (const x of r.crossSubject.themes) {
      // The teacher, the Russian teacher (deficit in Russian, proficient in literature), the teacher of m2; the mentor is proficient.
      expect(x, x.competencyId).toMatchObject({ area: "method", deficit: 3, tested: 4, share: 0.75 });
      expect(x.subject).toBeUndefined();
    }
    expect(r.crossSubject.themes.map((x) => x.competencyId).sort()).toEqual(
      t.registry.catalogues.competencies.filter((c) => c.area === "method").map((c) => c.id).sort());
    expect(r.teachers).toEqual({ tested: 4, withDeficits: 3 });
    expect(r.principals).toEqual({ tested: 1, withDeficits: 1 });
    expect(r.tested).toBe(5);
    expect(r.leadership.themes.every((x) => x.deficit === 1 && x.tested === 1)).toBe(true);
  });

  it("ranks by people at a deficit, then by share, and the overall list mixes subjects and methodology", async () => {
    const r = await themes("methodologist", "?top=8");
    expect(r.top).toHaveLength(8);
    expect(r.top.slice(0, 5).every((x) => x.area === "method")).toBe(true);
    // Russian (1 of 1) before mathematics (1 of 3): the same count, a larger share.
    expect(r.top.slice(5).every((x) => x.subject === "russian")).toBe(true);
    expect(r.top.every((x) => !("byMunicipality" in x))).toBe(true);
    for (const list of [r.top, ...r.subjects.map((s) => s.themes), r.crossSubject.themes]) {
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        expect(a.deficit > b.deficit || (a.deficit === b.deficit && a.share >= b.share)).toBe(true);
      }
    }
    expect((await themes("methodologist", "?top=2")).subjects.every((s) => s.themes.length <= 2)).toBe(true);
  });

  it("lists the catalogue's courses for each theme: the subject's own and general ones, never another subject's", async () => {
    const r = await themes("methodologist");
    const probability = theme(r, "math.probability")!.courses.map((c) => c.id);
    expect(probability).toEqual(expect.arrayContaining(["problem-topics-math", "probability-statistics-course"]));
    const assessment = theme(r, "method.assessment")!.courses.map((c) => c.id);
    expect(assessment).toContain("formative-assessment");
    expect(assessment.some((id) => id.startsWith("problem-topics-"))).toBe(false);
    const mathOnly = await themes("methodologist", "?subject=math");
    expect(mathOnly.crossSubject.themes.find((x) => x.competencyId === "method.assessment")!.courses.map((c) => c.id)).toContain("problem-topics-math");
  });

  it("a subject filter measures methodology by that subject's test alone", async () => {
    const russian = await themes("methodologist", "?subject=russian");
    expect(russian.subjects.map((s) => s.subject)).toEqual(["russian"]);
    expect(russian.crossSubject.themes.every((x) => x.deficit === 1 && x.tested === 1)).toBe(true);
    expect(russian.leadership.themes).toEqual([]);
    const literature = await themes("methodologist", "?subject=literature");
    expect(literature.crossSubject.themes.every((x) => x.deficit === 0 && x.tested === 1)).toBe(true);
  });

  it("a campaign filter counts the results of that wave only", async () => {
    const now = await themes("methodologist", "?campaignId=c1");
    expect(theme(now, "math.equations")).toMatchObject({ deficit: 1, tested: 2 });
    expect(now.crossSubject.themes[0]).toMatchObject({ deficit: 3, tested: 3 });
    const before = await themes("methodologist", "?campaignId=c0");
    expect(theme(before, "math.equations")).toMatchObject({ deficit: 0, tested: 2 });
    expect(before.crossSubject.themes[0]).toMatchObject({ deficit: 0, tested: 2 });
    expect(before.subjects.map((s) => s.subject)).toEqual(["math"]);
  });

  it("a cluster filter keeps the people of that cluster's schools", async () => {
    const r = await themes("methodologist", "?cluster=unfavourable");
    expect(r.tested).toBe(1);
    expect(theme(r, "math.equations")).toMatchObject({ deficit: 0, tested: 1 });
    expect(r.clusters.find((c) => c.cluster === "unfavourable")!.tested).toBe(1);
    expect(r.clusters.find((c) => c.cluster === "low-results")!.tested).toBe(0);
  });

  it("a coordinator's figures are computed on their municipality alone", async () => {
    const m1 = await themes("municipal");
    expect(m1.municipalities.map((m) => m.id)).toEqual(["m1"]);
    expect(theme(m1, "math.equations")).toMatchObject({ deficit: 1, tested: 2, share: 0.5 });
    expect(theme(m1, "math.equations")!.byMunicipality.map((m) => m.id)).toEqual(["m1"]);
    expect(m1.crossSubject.themes[0]).toMatchObject({ deficit: 2, tested: 3 });
    expect(m1.tested).toBe(4);
    const m2 = await themes("municipalElsewhere");
    expect(m2.tested).toBe(1);
    expect(theme(m2, "math.equations")).toMatchObject({ deficit: 0, tested: 1 });
    expect(m2.crossSubject.themes[0]).toMatchObject({ deficit: 1, tested: 1 });
    expect(m2.subjects.map((s) => s.subject)).toEqual(["math"]);
    // Naming one's own municipality changes nothing; a methodologist narrowing to m2 sees what m2's coordinator sees.
    expect(await themes("municipal", "?municipalityId=m1")).toEqual(m1);
    const narrowed = await themes("methodologist", "?municipalityId=m2");
    expect({ ...narrowed, filters: undefined }).toEqual({ ...m2, filters: undefined });
  });

  it("another municipality, an unknown one, or a campaign the viewer does not see is 404", async () => {
    const cases: Array<[PersonKey, string, string]> = [
      ["municipal", "?municipalityId=m2", "municipality_not_found"],
      ["methodologist", "?municipalityId=nowhere", "municipality_not_found"],
      ["methodologist", "?campaignId=nope", "campaign_not_found"],
      ["methodologist", "?campaignId=c-r2", "campaign_not_found"],
      ["municipal", "?campaignId=c-m2", "campaign_not_found"],
    ];
    for (const [person, query, code] of cases) {
      for (const url of [`/api/analytics/themes${query}`, `/api/analytics/themes/export${query}`]) {
        const res = await t.as(person, { method: "GET", url });
        expect(res.statusCode, `${person} ${url}`).toBe(404);
        expect(res.json().error.code).toBe(code);
      }
    }
    expect((await t.as("municipalElsewhere", { method: "GET", url: "/api/analytics/themes?campaignId=c-m2" })).statusCode).toBe(200);
  });

  it("answers bad filters with 400 and a message in Russian", async () => {
    for (const query of ["?subject=klingon", "?cluster=rich", "?top=0", "?top=abc", "?colour=red", "?municipalityId="]) {
      const res = await t.as("methodologist", { method: "GET", url: `/api/analytics/themes${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message).toMatch(/[а-я]/i);
    }
    expect((await t.as("methodologist", { method: "GET", url: "/api/analytics/themes/export?format=pdf" })).statusCode).toBe(400);
    expect((await t.as("methodologist", { method: "GET", url: "/api/analytics/themes/export?top=3" })).statusCode).toBe(400);
  });
});

describe("the themes download", () => {
  async function workbook(person: PersonKey, query = "") {
    const res = await t.as(person, { method: "GET", url: `/api/analytics/themes/export${query}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }
  const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));

  it("is a workbook with the themes per subject, cross-subject, and the matrices by municipality and cluster", async () => {
    const book = await workbook("methodologist");
    expect(book.worksheets.map((s) => s.name)).toEqual(["Темы по предметам", "Межпредметные темы", "По муниципалитетам", "По кластерам"]);
    const perSubject = rowsOf(book.getWorksheet("Темы по предметам")!);
    // Every theme of mathematics (7), Russian (7) and literature (6), the whole list whatever `top` would be.
    expect(perSubject).toHaveLength(20);
    // Subjects in the catalogue's order, each subject's themes from the most frequent deficit.
    expect([...new Set(perSubject.map((r) => r[0]))]).toEqual(["Русский язык", "Литература", "Математика"]);
    const matrix = book.getWorksheet("По муниципалитетам")!;
    expect((matrix.getRow(1).values as unknown[]).slice(1)).toEqual(["Раздел", "Тема (компетенция)", "Второй район", "Первый район", "Итого дефицит, чел.", "Прошли, чел."]);
    const equations = rowsOf(matrix).find((r) => r[1] === t.registry.catalogues.competencies.find((c) => c.id === "math.equations")!.title)!;
    expect(equations).toEqual(["Математика", expect.any(String), 0, 1, 1, 3]);
    const clusters = book.getWorksheet("По кластерам")!;
    expect((clusters.getRow(1).values as unknown[]).slice(3, 9)).toEqual([
      "Низкие результаты обучения (НОР)", "Неблагоприятные социальные условия (ССУ)", "Обучающиеся с ОВЗ",
      "Русский язык как неродной (РКН)", "Проблемы преподавания математики", "Проблемы преподавания русского языка",
    ]);
    expect(rowsOf(book.getWorksheet("Межпредметные темы")!)).toHaveLength(5 + 9);
  });

  it("for a coordinator holds their municipality alone", async () => {
    const book = await workbook("municipal");
    const header = (book.getWorksheet("По муниципалитетам")!.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Первый район");
    expect(header).not.toContain("Второй район");
  });

  it("as CSV is the main table that Excel opens", async () => {
    const res = await t.as("methodologist", { method: "GET", url: "/api/analytics/themes/export?format=csv&subject=math" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("temy-obucheniya.csv");
    const lines = res.body.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toBe('"Раздел";"Тема (компетенция)";"Дефицит, чел.";"Доля дефицита, %";"Частично, чел.";"Прошли диагностику, чел.";"Курсы, которые закрывают тему"');
    // Seven themes of mathematics and five methodological ones measured by it.
    expect(lines).toHaveLength(1 + 7 + 5);
    expect(lines.filter((l) => l.startsWith('"Математика"'))).toHaveLength(7);
  });
});

describe("the dashboard overview", () => {
  beforeAll(async () => {
    await t.db.insertInto("import_batches").values([
      { region_id: "r1", kind: "people", file_name: "old.xlsx", rows: 5, created: 5, updated: 0, created_at: new Date(Date.now() - 86_400_000) },
      { region_id: "r1", kind: "people", file_name: "new.xlsx", rows: 9, created: 2, updated: 7, created_by: t.people.methodologist.id },
    ]).execute();
    const groups = await t.db.insertInto("course_groups").values([
      { region_id: "r1", course_id: "problem-topics-math", title: "Математика 1" },
      { region_id: "r1", course_id: "problem-topics-russian", title: "Русский 1", status: "confirmed", confirmed_at: new Date() },
    ]).returning("id").execute();
    await t.db.insertInto("course_group_members").values([
      { group_id: groups[0]!.id, user_id: t.people.teacher.id, course_id: "problem-topics-math" },
      { group_id: groups[0]!.id, user_id: t.people.teacherElsewhere.id, course_id: "problem-topics-math" },
      { group_id: groups[1]!.id, user_id: t.people.teacherRussian.id, course_id: "problem-topics-russian" },
    ]).execute();
  });

  async function overview(person: PersonKey) {
    const res = await t.as(person, { method: "GET", url: "/api/analytics/overview" });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it("shows the running campaign's coverage as the campaign's own page does, and the planned ones", async () => {
    const o = await overview("methodologist");
    expect(o.municipality).toBeUndefined();
    expect(o.running.map((c: { id: string }) => c.id)).toEqual(["c1"]);
    const coverage = (await t.as("methodologist", { method: "GET", url: "/api/campaigns/c1/coverage" })).json();
    const c1 = o.running[0];
    expect(c1.coverage).toEqual({
      assigned: coverage.assigned, started: coverage.started, submitted: coverage.submitted,
      teachers: coverage.roles.teachers, principals: coverage.roles.principals, schools: coverage.schools,
    });
    // Five teachers assigned; three of them submitted everything (the mentor and the other mentor did not).
    expect(c1.coverage.teachers).toEqual({ assigned: 5, started: 3, submitted: 3 });
    expect(c1.municipalities.map((m: { id: string }) => m.id)).toEqual(["m2", "m1"]);
    expect(o.planned.map((c: { id: string }) => c.id)).toEqual(["c-m2"]);
  });

  it("counts teachers tested and with deficits, the top themes, groups, mentoring and the latest import", async () => {
    const o = await overview("methodologist");
    expect(o.teachers).toEqual({ tested: 4, withDeficits: 3 });
    const top = (await themes("methodologist", "?top=5")).top;
    expect(o.topThemes).toEqual(top);
    expect(o.courseGroups).toEqual({ proposed: 1, confirmed: 1, people: 3, confirmedPeople: 1 });
    // The teacher has a mentor; the Russian teacher and the teacher of m2 have deficits and none.
    expect(o.mentoring).toEqual({ pairs: 1, withoutMentor: 2 });
    expect(o.latestImport).toMatchObject({ fileName: "new.xlsx", rows: 9, created: 2, updated: 7, by: "Тест methodologist" });
  });

  it("for a coordinator is their municipality alone, without the region's imports", async () => {
    const m1 = await overview("municipal");
    expect(m1.municipality).toEqual({ id: "m1", name: "Первый район" });
    expect(m1.running[0].municipalities.map((m: { id: string }) => m.id)).toEqual(["m1"]);
    const coverage = (await t.as("municipal", { method: "GET", url: "/api/campaigns/c1/coverage" })).json();
    expect(m1.running[0].coverage.assigned).toBe(coverage.assigned);
    expect(m1.running[0].coverage.teachers).toEqual({ assigned: 4, started: 2, submitted: 2 });
    expect(m1.planned).toEqual([]);
    expect(m1.teachers).toEqual({ tested: 3, withDeficits: 2 });
    expect(m1.courseGroups).toEqual({ proposed: 1, confirmed: 1, people: 2, confirmedPeople: 1 });
    expect(m1.mentoring).toEqual({ pairs: 1, withoutMentor: 1 });
    expect(m1.latestImport).toBeUndefined();
    const m2 = await overview("municipalElsewhere");
    expect(m2.planned.map((c: { id: string }) => c.id)).toEqual(["c-m2"]);
    expect(m2.teachers).toEqual({ tested: 1, withDeficits: 1 });
    expect(m2.courseGroups).toEqual({ proposed: 1, confirmed: 0, people: 1, confirmedPeople: 0 });
    expect(m2.mentoring).toEqual({ pairs: 0, withoutMentor: 1 });
  });

  it("says plainly when no campaign is running", async () => {
    await t.db.updateTable("campaigns").set({ status: "closed" }).where("id", "=", "c1").execute();
    const o = await overview("methodologist");
    await t.db.updateTable("campaigns").set({ status: "active" }).where("id", "=", "c1").execute();
    expect(o.running).toEqual([]);
    expect(o.teachers.tested).toBe(4);
  });
});
