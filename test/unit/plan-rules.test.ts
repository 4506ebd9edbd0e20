// Who may see and change a plan (pure decision) and how a plan's changes read in words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "../../server/db/schema.js";
import type { UserPrincipal } from "../../server/modules/auth/principal.js";
import { mayWrite, planMode, type PlanFacts } from "../../server/modules/plans/plan-access.js";
import { describeEvent, diffItem } from "../../server/modules/plans/plan-changes.js";

const facts: PlanFacts = { targetId: "t", targetSchoolId: "s1", targetRegionId: "r1", currentMentorId: "m" };
const user = (id: string, roles: Role[], extra: Partial<UserPrincipal> = {}): UserPrincipal => ({
  kind: "user", id, roles, regionId: "r1", municipalityId: "mun1", schoolId: null, ...extra,
});

describe("who may see and change a plan", () => {
  it.each([
    ["the person", user("t", ["teacher"], { schoolId: "s1" }), "own"],
    ["the current mentor", user("m", ["teacher", "mentor"], { schoolId: "s9" }), "mentor"],
    ["the principal of the school", user("p", ["principal"], { schoolId: "s1" }), "read"],
    ["a methodologist of the region", user("x", ["methodologist"]), "read"],
    ["an admin of the region", user("a", ["admin"]), "read"],
    ["another teacher of the school", user("o", ["teacher"], { schoolId: "s1" }), null],
    ["another mentor", user("m2", ["teacher", "mentor"]), null],
    ["the mentor's id without the mentor role", user("m", ["teacher"]), null],
    ["another school's principal", user("p2", ["principal"], { schoolId: "s2" }), null],
    ["a methodologist of another region", user("x2", ["methodologist"], { regionId: "r2" }), null],
    ["the municipal coordinator", user("c", ["municipal"]), null],
  ] as const)("%s: %s", (_who, viewer, mode) => {
    expect(planMode(viewer, facts)).toBe(mode);
  });

  it("an anonymous respondent, or a person who does not exist, is nobody's reader", () => {
    expect(planMode({ kind: "anonymous", respondentId: "r", instrumentId: "i", schoolId: "s1", audience: "teacher" }, facts)).toBeNull();
    expect(planMode(user("t", ["teacher"]), undefined)).toBeNull();
    expect(planMode(null, facts)).toBeNull();
  });

  it("anyone who is not the person, the current mentor, the principal of the school or staff of the region is refused, whatever their roles", () => {
    const roles = fc.subarray(["teacher", "principal", "mentor", "methodologist", "municipal", "admin"] as Role[]);
    fc.assert(fc.property(fc.constantFrom("t", "m", "p", "z"), roles, fc.constantFrom("s1", "s2", null), fc.constantFrom("r1", "r2", null), (id, rs, schoolId, regionId) => {
      const viewer = user(id, rs, { schoolId, regionId });
      const mode = planMode(viewer, facts);
      const allowed = id === "t" || (id === "m" && rs.includes("mentor")) || (rs.includes("principal") && schoolId === "s1") ||
        ((rs.includes("methodologist") || rs.includes("admin")) && regionId === "r1");
      expect(mode !== null).toBe(allowed);
      expect(mayWrite(mode)).toBe(id === "t" || (id === "m" && rs.includes("mentor")));
    }), { numRuns: 2000 });
  });
});

describe("changes in words", () => {
  it("an edit keeps only what really changed, from what to what", () => {
    const current = { title: "Семинар", status: "planned" as const, dueOn: "2027-01-10", competencyId: null, resourceUrl: null };
    expect(diffItem(current, { title: "Семинар", status: "done", dueOn: null })).toEqual({ status: { from: "planned", to: "done" }, dueOn: { from: "2027-01-10", to: null } });
    fc.assert(fc.property(fc.string(), fc.constantFrom("planned", "in-progress", "done", "dropped" as const), (title, status) => {
      const changes = diffItem(current, { title, status });
      expect(Object.keys(changes).sort()).toEqual([...(title !== current.title ? ["title"] : []), ...(status !== current.status ? ["status"] : [])].sort());
      expect(diffItem({ ...current, title, status }, { title, status })).toEqual({});
    }));
  });

  it("each event reads as a sentence", () => {
    const titles = new Map([["math.equations", "Уравнения"]]);
    expect(describeEvent("created", { kind: "consultation", title: "Разбор ошибок", dueOn: "2027-03-01" })).toBe("Добавлен пункт: консультация «Разбор ошибок», срок 1 марта 2027 г.");
    expect(describeEvent("drafted", { kind: "course", title: "Методика" })).toBe("Добавлено при составлении плана по профилю: курс повышения квалификации «Методика»");
    expect(describeEvent("updated", { status: { from: "in-progress", to: "done" }, competencyId: { from: null, to: "math.equations" } }, titles))
      .toBe("Изменено — статус: в работе → выполнено; компетенция: без компетенции → «Уравнения»");
    expect(describeEvent("updated", { dueOn: { from: "2027-01-10", to: null }, groupId: { from: null, to: "g" } })).toBe("Изменено — срок: 10 января 2027 г. → без срока; привязан к группе курса");
    expect(describeEvent("evidence-added", { kind: "file", fileName: "анализ.docx" })).toBe("Добавлено подтверждение: файл «анализ.docx»");
    expect(describeEvent("evidence-removed", { kind: "link", url: "https://example.org" })).toBe("Удалено подтверждение: ссылка https://example.org");
  });
});
