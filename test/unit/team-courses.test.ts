// Courses for a school's team: the set cover over teachers' deficits, by example and as properties (coverage, greedy bound).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Course, SubjectCode } from "../../server/modules/instruments/instrument.types.js";
import { eligibleCourses } from "../../server/modules/profiles/recommend.js";
import { teachersWord, teamCourses, type TeamNeed } from "../../server/modules/schools/team-courses.js";

const course = (id: string, competencies: string[], extra: Partial<Course> = {}): Course => ({
  id, title: `Курс ${id}`, hours: 36, format: "distance", audience: ["teacher"], competencies, description: "", ...extra,
});
const title = (id: string) => `Тема ${id}`;

describe("the team's courses by example", () => {
  const catalogue = [
    course("math", ["math.a", "math.b", "method.x"], { subjects: ["math"] }),
    course("russian", ["russian.a", "method.x"], { subjects: ["russian"] }),
    course("assessment", ["method.x", "method.y"], { hours: 24 }),
    course("leaders", ["method.x", "method.y"], { audience: ["principal"] }),
  ];

  it("takes the course that closes most teachers' deficits first and says how many it serves", () => {
    const cover = teamCourses([
      { id: "t1", subjects: ["math"], deficits: ["math.a", "method.x", "method.y"] },
      { id: "t2", subjects: ["russian"], deficits: ["method.x", "method.y"] },
      { id: "t3", subjects: ["math"], deficits: ["method.y"] },
    ], catalogue, title);
    expect(cover.courses.map((c) => [c.course.id, c.teachers])).toEqual([["assessment", ["t1", "t2", "t3"]], ["math", ["t1"]]]);
    expect(cover.courses[0]!.reason).toBe("Закрывает дефициты 3 педагогов: «Тема method.y» (3), «Тема method.x» (2)");
    expect(cover.courses[1]!.reason).toBe("Закрывает дефициты 1 педагога: «Тема math.a» (1)");
    expect(cover).toMatchObject({ pairs: 6, covered: 6, uncovered: [] });
  });

  it("a subject course is for that subject's teachers only; a principals' course for none; what no course closes is named", () => {
    const cover = teamCourses([{ id: "t1", subjects: ["physics"], deficits: ["math.a", "physics.z"] }], catalogue, title);
    expect(cover.courses).toEqual([]);
    expect(cover.uncovered).toEqual([{ competencyId: "math.a", teachers: 1 }, { competencyId: "physics.z", teachers: 1 }]);
  });

  it("names three deficits in the reason and counts the rest", () => {
    const cover = teamCourses([{ id: "t1", subjects: [], deficits: ["a", "b", "c", "d", "e"] }], [course("wide", ["a", "b", "c", "d", "e"])], title);
    expect(cover.courses[0]!.reason).toBe("Закрывает дефициты 1 педагога: «Тема a» (1), «Тема b» (1), «Тема c» (1) и ещё 2 темы");
  });

  it("the number of teachers in the genitive", () => {
    expect([1, 2, 5, 11, 21, 22, 111].map(teachersWord)).toEqual(["1 педагога", "2 педагогов", "5 педагогов", "11 педагогов", "21 педагога", "22 педагогов", "111 педагогов"]);
  });
});

const SUBJECTS: SubjectCode[] = ["math", "russian", "physics"];
const COMPETENCIES = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
const teamArb = fc.array(fc.record({
  subjects: fc.subarray(SUBJECTS),
  deficits: fc.subarray(COMPETENCIES, { minLength: 1 }),
}), { minLength: 1, maxLength: 8 }).map((team) => team.map((t, i): TeamNeed => ({ id: `t${i}`, ...t })));
const catalogueArb = fc.array(fc.record({
  competencies: fc.subarray(COMPETENCIES, { minLength: 1, maxLength: 4 }),
  subjects: fc.option(fc.subarray(SUBJECTS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  audience: fc.constantFrom(["teacher"], ["principal"], ["teacher", "mentor"]),
  hours: fc.constantFrom(16, 24, 36, 72),
}), { maxLength: 8 }).map((list) => list.map((c, i) => course(`k${i}`, c.competencies, { audience: [...c.audience], hours: c.hours, ...(c.subjects ? { subjects: c.subjects } : {}) })));

/** Pairs (teacher, deficit) a given course closes. */
function pairsOf(team: readonly TeamNeed[], c: Course): Set<string> {
  const out = new Set<string>();
  for (const t of team) {
    if (!eligibleCourses({ roles: ["teacher"], subjects: t.subjects }, [c]).length) continue;
    for (const d of t.deficits) if (c.competencies.includes(d)) out.add(`${t.id}|${d}`);
  }
  return out;
}

describe("properties of the team's cover", () => {
  it("closes every pair some eligible course can close, each pick new pairs, the biggest first, and counts add up", () => {
    fc.assert(fc.property(teamArb, catalogueArb, (team, catalogue) => {
      const cover = teamCourses(team, catalogue, title);
      const closable = new Set(catalogue.flatMap((c) => [...pairsOf(team, c)]));
      const all = team.reduce((n, t) => n + new Set(t.deficits).size, 0);
      expect(cover.pairs).toBe(all);
      expect(cover.covered).toBe(closable.size);
      expect(cover.uncovered.reduce((n, u) => n + u.teachers, 0)).toBe(all - closable.size);
      expect(new Set(cover.courses.map((c) => c.course.id)).size).toBe(cover.courses.length);
      const seen = new Set<string>();
      let previous = Infinity;
      for (const c of cover.courses) {
        const fresh = [...pairsOf(team, c.course)].filter((p) => !seen.has(p));
        const gain = c.closes.reduce((n, x) => n + x.teachers, 0);
        expect(gain).toBe(fresh.length);
        expect(gain).toBeGreaterThan(0);
        expect(gain).toBeLessThanOrEqual(previous);
        expect(c.teachers).toEqual([...new Set(fresh.map((p) => p.split("|")[0]!))].sort());
        expect(c.reason.startsWith(`Закрывает дефициты ${teachersWord(c.teachers.length)}:`)).toBe(true);
        previous = gain;
        for (const p of fresh) seen.add(p);
      }
    }), { numRuns: 300 });
  });

  it("uses at most H(largest course) times the fewest courses that close the same pairs (checked by brute force)", () => {
    fc.assert(fc.property(teamArb, catalogueArb, (team, catalogue) => {
      const cover = teamCourses(team, catalogue, title);
      const sets = catalogue.map((c) => pairsOf(team, c));
      const target = new Set(sets.flatMap((s) => [...s]));
      let best = target.size === 0 ? 0 : Infinity;
      for (let mask = 1; mask < 1 << catalogue.length; mask++) {
        const union = new Set<string>();
        let size = 0;
        sets.forEach((s, i) => { if (mask & (1 << i)) { size++; for (const p of s) union.add(p); } });
        if (union.size === target.size) best = Math.min(best, size);
      }
      const largest = Math.max(0, ...sets.map((s) => s.size));
      const harmonic = Array.from({ length: largest }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
      expect(cover.courses.length).toBeLessThanOrEqual(Math.max(best, Math.floor(best * harmonic + 1e-9)));
    }), { numRuns: 200 });
  });

  it("is the same whatever the order of the team", () => {
    fc.assert(fc.property(teamArb, catalogueArb, (team, catalogue) => {
      const a = teamCourses(team, catalogue, title);
      const b = teamCourses([...team].reverse(), catalogue, title);
      expect(b.courses.map((c) => [c.course.id, c.teachers, c.reason])).toEqual(a.courses.map((c) => [c.course.id, c.teachers, c.reason]));
    }), { numRuns: 150 });
  });
});
