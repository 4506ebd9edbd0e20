// Course groups: proposals from deficit profiles, saved groups, moves, locking and rosters, for every role and bad input.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
const MATH = "problem-topics-math";
const FORMATIVE = "formative-assessment";
const uuid = "00000000-0000-4000-8000-000000000000";

/** An empty submission: every competency of the test is a deficit. */
async function submitEmpty(person: PersonKey, instrumentId: string) {
  const attempt = (await t.as(person, { method: "POST", url: "/api/attempts", payload: { instrumentId } })).json();
  expect((await t.as(person, { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: {} } })).statusCode).toBe(200);
}
const propose = (person: PersonKey | null, payload: object) => t.as(person, { method: "POST", url: "/api/course-groups/proposals", payload });
const save = (person: PersonKey | null, payload: object) => t.as(person, { method: "POST", url: "/api/course-groups", payload });
const groupCount = async () => Number((await t.db.selectFrom("course_groups").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const memberRows = async () => t.db.selectFrom("course_group_members").selectAll().orderBy("user_id").execute();

beforeAll(async () => {
  t = await setupTestApp();
  for (const p of ["teacher", "teacherElsewhere", "mentor", "otherMentor"] as const) await submitEmpty(p, "subject-math");
  await submitEmpty("teacherRussian", "subject-russian");
});
afterAll(async () => { await t.close(); });

describe("a proposal", () => {
  it("lists every math teacher with a deficit the course addresses and splits them into groups within the bounds", async () => {
    const res = await propose("methodologist", { courseId: MATH, minSize: 2, maxSize: 2 });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    const math = [t.people.teacher.id, t.people.teacherElsewhere.id, t.people.mentor.id, t.people.otherMentor.id].sort();
    expect(p).toMatchObject({ courseId: MATH, candidates: 4, unassigned: [] });
    expect([...p.candidateIds].sort()).toEqual(math);
    expect(p.groups.flatMap((g: { members: string[] }) => g.members).sort()).toEqual(math);
    for (const g of p.groups) expect(g.members).toHaveLength(2);
    // Three in m1 and one in m2 cannot all stay home in pairs: exactly one pair joins the neighbours.
    expect(p.groups.map((g: { municipalityIds: string[] }) => g.municipalityIds.join()).sort()).toEqual(["m1", "m1,m2"]);
    for (const person of p.people) expect(person.deficits.length).toBeGreaterThan(0);
    expect(p.quality).toMatchObject({ placed: 4, groups: 2, addressedShare: 1, nonNeighbourGroups: 0, municipalitiesPerGroup: { max: 2 } });
    expect(p.quality.bound.lowerBound).toBeLessThanOrEqual(p.quality.bound.objective + 1e-9);
    expect(p.quality.bound.summary).toMatch(/оптим/);
  });

  it("makes one group when fewer than the minimum remain", async () => {
    const p = (await propose("admin", { courseId: MATH })).json();
    expect(p.groups).toHaveLength(1);
    expect(p.groups[0].members).toHaveLength(4);
    expect(p.quality.bound.gap).toBe(0);
  });

  it("narrows to municipalities, to one deficit, and to the seats in priority order", async () => {
    const m2 = (await propose("methodologist", { courseId: MATH, municipalityIds: ["m2"] })).json();
    expect(m2.candidateIds).toEqual([t.people.teacherElsewhere.id]);
    const one = (await propose("methodologist", { courseId: MATH, competencyId: "math.equations" })).json();
    expect(one.candidates).toBe(4);
    // Seats go to the low-results school (s-low) and the unfavourable one (s-other) before the high-results school.
    const seats = (await propose("methodologist", { courseId: MATH, seats: 2, minSize: 1, maxSize: 5 })).json();
    expect(seats.groups.flatMap((g: { members: string[] }) => g.members).sort()).toEqual([t.people.teacher.id, t.people.teacherElsewhere.id].sort());
    expect(seats.leftOut).toEqual(expect.arrayContaining([
      expect.objectContaining({ userId: t.people.mentor.id, reason: "seats" }), expect.objectContaining({ userId: t.people.otherMentor.id, reason: "seats" }),
    ]));
  });

  it("takes a course's audience and subjects into account", async () => {
    const formative = (await propose("methodologist", { courseId: FORMATIVE })).json();
    expect(formative.candidateIds).toContain(t.people.teacherRussian.id);
    const russian = (await propose("methodologist", { courseId: "problem-topics-russian" })).json();
    expect(russian.candidateIds).toEqual([t.people.teacherRussian.id]);
  });

  it.each([
    ["an unknown course", { courseId: "nope" }, 404],
    ["min above max", { courseId: MATH, minSize: 10, maxSize: 5 }, 400],
    ["a size of zero", { courseId: MATH, minSize: 0 }, 400],
    ["a size too large", { courseId: MATH, maxSize: 500 }, 400],
    ["an unknown municipality", { courseId: MATH, municipalityIds: ["m9"] }, 400],
    ["a deficit the course does not address", { courseId: MATH, competencyId: "russian.orthography" }, 400],
    ["dates in the wrong order", { courseId: MATH, startsOn: "2027-02-01", endsOn: "2027-01-01" }, 400],
    ["one date only", { courseId: MATH, startsOn: "2027-02-01" }, 400],
    ["an extra field", { courseId: MATH, everyone: true }, 400],
  ])("with %s is refused with a Russian message", async (_name, payload, status) => {
    const res = await propose("methodologist", payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toMatch(/[А-Яа-яЁё]/);
  });
});

describe("the courses to choose from", () => {
  it("counts candidates in the viewer's scope", async () => {
    const count = async (who: PersonKey) => {
      const res = await t.as(who, { method: "GET", url: "/api/course-groups/courses" });
      expect(res.statusCode).toBe(200);
      return res.json().courses.find((c: { id: string }) => c.id === MATH).candidates;
    };
    expect(await count("methodologist")).toBe(4);
    expect(await count("municipal")).toBe(3);
    expect(await count("municipalElsewhere")).toBe(1);
    const body = (await t.as("methodologist", { method: "GET", url: "/api/course-groups/courses" })).json();
    expect(body.competencies.find((c: { id: string }) => c.id === "math.equations").people).toBe(4);
  });
});

describe("saved groups", () => {
  let a: string, b: string;
  beforeAll(async () => {
    const res = await save("methodologist", {
      courseId: MATH, minSize: 1, maxSize: 3, startsOn: "2027-03-01", endsOn: "2027-04-05",
      groups: [{ members: [t.people.teacher.id, t.people.mentor.id] }, { title: "Вторая", members: [t.people.teacherElsewhere.id] }],
    });
    expect(res.statusCode).toBe(201);
    [a, b] = res.json().groups.map((g: { id: string }) => g.id);
  });

  it("are left out of the next proposal, with the reason", async () => {
    const p = (await propose("methodologist", { courseId: MATH, minSize: 1, maxSize: 3 })).json();
    expect(p.candidates).toBe(4);
    expect(p.groups.flatMap((g: { members: string[] }) => g.members)).toEqual([t.people.otherMentor.id]);
    expect(p.leftOut.filter((l: { reason: string }) => l.reason === "already_grouped").map((l: { userId: string }) => l.userId).sort())
      .toEqual([t.people.teacher.id, t.people.mentor.id, t.people.teacherElsewhere.id].sort());
    expect(p.leftOut[0].message).toBe("Уже в группе этого курса");
  });

  it.each([
    ["someone already in a group of the course", () => ({ courseId: MATH, groups: [{ members: [t.people.teacher.id] }] }), 409],
    ["the same person twice", () => ({ courseId: MATH, groups: [{ members: [t.people.otherMentor.id] }, { members: [t.people.otherMentor.id] }] }), 400],
    ["an unknown person", () => ({ courseId: MATH, groups: [{ members: [uuid] }] }), 400],
    ["someone the course is not for", () => ({ courseId: MATH, groups: [{ members: [t.people.teacherRussian.id] }] }), 400],
    ["a group above the maximum", () => ({ courseId: FORMATIVE, maxSize: 1, groups: [{ members: [t.people.teacher.id, t.people.mentor.id] }] }), 400],
    ["min above max", () => ({ courseId: FORMATIVE, minSize: 5, maxSize: 2, groups: [{ members: [t.people.teacher.id] }] }), 400],
    ["an unknown course", () => ({ courseId: "nope", groups: [{ members: [t.people.teacher.id] }] }), 404],
  ])("refuse %s and write nothing", async (_name, body, status) => {
    const before = [await groupCount(), (await memberRows()).length];
    const res = await save("methodologist", body());
    expect(res.statusCode).toBe(status);
    expect([await groupCount(), (await memberRows()).length]).toEqual(before);
  });

  it("show a coordinator only their municipality's members, and nothing of groups without them", async () => {
    const list = (await t.as("municipal", { method: "GET", url: `/api/course-groups?courseId=${MATH}` })).json();
    expect(list.map((g: { id: string; members: number }) => [g.id, g.members])).toEqual([[a, 2]]);
    const elsewhere = (await t.as("municipalElsewhere", { method: "GET", url: "/api/course-groups" })).json();
    expect(elsewhere.map((g: { id: string }) => g.id)).toEqual([b]);
    expect((await t.as("municipalElsewhere", { method: "GET", url: `/api/course-groups/${a}` })).statusCode).toBe(404);
    const detail = (await t.as("municipal", { method: "GET", url: `/api/course-groups/${a}` })).json();
    expect(detail.people.map((p: { id: string }) => p.id).sort()).toEqual([t.people.teacher.id, t.people.mentor.id].sort());
    expect(detail.people[0]).toMatchObject({ schoolName: expect.any(String), municipalityName: "Первый район", deficits: expect.arrayContaining(["math.equations"]) });
  });

  it("move people between groups, rename and date them, and stop changing once confirmed", async () => {
    const moved = await t.as("methodologist", { method: "POST", url: `/api/course-groups/${b}/members`, payload: { userIds: [t.people.mentor.id, t.people.otherMentor.id] } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().people.map((p: { id: string }) => p.id).sort()).toEqual([t.people.teacherElsewhere.id, t.people.mentor.id, t.people.otherMentor.id].sort());
    expect((await t.as("methodologist", { method: "GET", url: `/api/course-groups/${a}` })).json().people).toHaveLength(1);
    const full = await t.as("methodologist", { method: "POST", url: `/api/course-groups/${b}/members`, payload: { userIds: [t.people.teacher.id] } });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe("group_full");
    const renamed = await t.as("methodologist", { method: "PATCH", url: `/api/course-groups/${b}`, payload: { title: "Группа соседей", endsOn: "2027-04-10" } });
    expect(renamed.json()).toMatchObject({ title: "Группа соседей", startsOn: "2027-03-01", endsOn: "2027-04-10" });
    expect((await t.as("methodologist", { method: "PATCH", url: `/api/course-groups/${b}`, payload: { startsOn: "2027-05-01" } })).statusCode).toBe(400);

    expect((await t.as("methodologist", { method: "POST", url: `/api/course-groups/${b}/confirm` })).json().status).toBe("confirmed");
    const before = await memberRows();
    for (const [method, url, payload] of [
      ["PATCH", `/api/course-groups/${b}`, { title: "Иначе" }],
      ["POST", `/api/course-groups/${b}/members`, { userIds: [t.people.teacher.id] }],
      ["POST", `/api/course-groups/${a}/members`, { userIds: [t.people.mentor.id] }],
      ["DELETE", `/api/course-groups/${b}/members/${t.people.mentor.id}`, undefined],
      ["POST", `/api/course-groups/${b}/confirm`, undefined],
      ["DELETE", `/api/course-groups/${b}`, undefined],
    ] as const) {
      const res = await t.as("methodologist", { method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json().error.code).toBe("group_locked");
    }
    expect(await memberRows()).toEqual(before);
  });

  it("keep people in a confirmed group of another course out of a proposal with overlapping dates", async () => {
    const overlapping = (await propose("methodologist", { courseId: FORMATIVE, startsOn: "2027-04-01", endsOn: "2027-04-20", minSize: 1, maxSize: 5 })).json();
    expect(overlapping.leftOut.filter((l: { reason: string }) => l.reason === "busy").map((l: { userId: string }) => l.userId).sort())
      .toEqual([t.people.teacherElsewhere.id, t.people.mentor.id, t.people.otherMentor.id].sort());
    const later = (await propose("methodologist", { courseId: FORMATIVE, startsOn: "2027-05-01", endsOn: "2027-05-20", minSize: 1, maxSize: 5 })).json();
    expect(later.leftOut).toEqual([]);
  });

  it("export as XLSX (a summary and a sheet per group) and CSV; a coordinator's rows are their municipality's", async () => {
    const res = await t.as("methodologist", { method: "GET", url: `/api/course-groups/export?courseId=${MATH}` });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Сводка", expect.stringMatching(/^1\. /), "2. Группа соседей"]);
    const sheet = book.getWorksheet("2. Группа соседей")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "№", "ФИО", "Должность", "Школа", "Муниципалитет", "E-mail", "Дефициты, которые закрывает курс"]);
    expect(sheet.rowCount).toBe(4);
    expect(String(sheet.getRow(2).getCell(7).value)).toMatch(/Уравнения/);
    const csv = (await t.as("municipalElsewhere", { method: "GET", url: `/api/course-groups/export?courseId=${MATH}&format=csv` })).body;
    expect(csv.trim().split("\r\n")).toHaveLength(2);
    expect(csv).toContain("Тест teacherElsewhere");
    const one = await t.as("municipal", { method: "GET", url: `/api/course-groups/${a}/export` });
    expect(one.headers["content-disposition"]).toMatch(/\.xlsx/);
  });

  it("remove a member of a proposed group, then delete it", async () => {
    expect((await t.as("methodologist", { method: "DELETE", url: `/api/course-groups/${a}/members/${t.people.mentor.id}` })).statusCode).toBe(404);
    expect((await t.as("methodologist", { method: "DELETE", url: `/api/course-groups/${a}/members/${t.people.teacher.id}` })).statusCode).toBe(204);
    const empty = await t.as("methodologist", { method: "POST", url: `/api/course-groups/${a}/confirm` });
    expect(empty.json().error.code).toBe("group_empty");
    expect((await t.as("methodologist", { method: "DELETE", url: `/api/course-groups/${a}` })).statusCode).toBe(204);
    expect((await t.as("methodologist", { method: "GET", url: `/api/course-groups/${a}` })).statusCode).toBe(404);
  });
});

describe("who may do what", () => {
  let group: string;
  beforeAll(async () => {
    const res = await save("admin", { courseId: FORMATIVE, minSize: 1, maxSize: 5, groups: [{ members: [t.people.teacherRussian.id, t.people.teacher.id] }] });
    group = res.json().groups[0].id;
  });
  const routes: Array<[string, () => { method: "GET" | "POST" | "PATCH" | "DELETE"; url: string; payload?: object }, boolean]> = [
    ["propose", () => ({ method: "POST", url: "/api/course-groups/proposals", payload: { courseId: MATH } }), true],
    ["list courses", () => ({ method: "GET", url: "/api/course-groups/courses" }), false],
    ["list groups", () => ({ method: "GET", url: "/api/course-groups" }), false],
    ["read a group", () => ({ method: "GET", url: `/api/course-groups/${group}` }), false],
    ["export a course", () => ({ method: "GET", url: `/api/course-groups/export?courseId=${FORMATIVE}` }), false],
    ["export a group", () => ({ method: "GET", url: `/api/course-groups/${group}/export?format=csv` }), false],
    ["save groups", () => ({ method: "POST", url: "/api/course-groups", payload: { courseId: FORMATIVE, groups: [{ members: [uuid] }] } }), true],
    ["rename", () => ({ method: "PATCH", url: `/api/course-groups/${group}`, payload: { title: "Новое имя" } }), true],
    ["add members", () => ({ method: "POST", url: `/api/course-groups/${group}/members`, payload: { userIds: [uuid] } }), true],
    ["remove a member", () => ({ method: "DELETE", url: `/api/course-groups/${group}/members/${uuid}` }), true],
    ["confirm", () => ({ method: "POST", url: `/api/course-groups/${uuid}/confirm` }), true],
    ["delete", () => ({ method: "DELETE", url: `/api/course-groups/${uuid}` }), true],
  ];

  it.each(routes)("%s: 401 without a token, 403 for teachers, principals, mentors (and coordinators when it changes things)", async (_name, request, writes) => {
    expect((await t.as(null, request())).statusCode).toBe(401);
    for (const who of ["teacher", "principal", "mentor", ...(writes ? ["municipal"] : [])] as PersonKey[]) {
      const res = await t.as(who, request());
      expect(res.statusCode, who).toBe(403);
    }
    for (const who of ["methodologist", "admin", ...(writes ? [] : ["municipal"])] as PersonKey[]) {
      expect((await t.as(who, request())).statusCode, who).not.toBe(403);
    }
  });

  it("a coordinator cannot see another municipality's group at all", async () => {
    for (const url of [`/api/course-groups/${group}`, `/api/course-groups/${group}/export`]) {
      expect((await t.as("municipalElsewhere", { method: "GET", url })).statusCode).toBe(404);
    }
  });

  it("ids that are not uuids are refused", async () => {
    expect((await t.as("methodologist", { method: "GET", url: "/api/course-groups/123" })).statusCode).toBe(400);
    expect((await t.as("methodologist", { method: "GET", url: `/api/course-groups/${uuid}` })).statusCode).toBe(404);
  });
});
