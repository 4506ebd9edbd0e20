// Course recommendations for a deficit profile: who may take what, what each pick closes, and why.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Course, SubjectCode } from "../../server/modules/instruments/instrument.types.js";
import { recommendCourses, type MeasuredCompetency, type RecommendationInput } from "../../server/modules/profiles/recommend.js";
import { levelFor } from "../../server/modules/scoring/scorer.js";

const course = (id: string, audience: string[], competencies: string[], extra: Partial<Course> = {}): Course => ({
  id, title: `Курс ${id}`, hours: 36, format: "distance", audience, competencies, description: "", ...extra,
});

const CATALOGUE: Course[] = [
  course("math-methods", ["teacher"], ["math.equations", "math.geometry", "math.functions"], { subjects: ["math"], title: "Методика решения задач по математике" }),
  course("physics-methods", ["teacher"], ["physics.mechanics", "math.equations"], { subjects: ["physics"] }),
  course("formative-assessment", ["teacher", "mentor"], ["method.assessment", "method.lesson-design"], { hours: 24 }),
  course("lesson-design", ["teacher"], ["method.lesson-design"], { hours: 16 }),
  course("differentiation", ["teacher"], ["method.differentiation"]),
  course("school-leadership", ["principal"], ["lead.team", "lead.strategy"]),
  course("climate-for-all", ["teacher", "principal"], ["lead.climate"]),
  course("mentoring", ["mentor"], ["method.lesson-design"], { hours: 72 }),
];

const measured = (id: string, title: string, percent: number): MeasuredCompetency => ({ id, title, percent, level: levelFor(percent, { partial: 50, proficient: 75 }) });

describe("recommendations by example", () => {
  it("a math teacher with two math deficits gets the math methodology course, with both deficits and their percents as the reason", () => {
    const picks = recommendCourses({
      roles: ["teacher"], subjects: ["math"], competencies: [
        measured("math.equations", "Уравнения и неравенства", 31.6),
        measured("math.geometry", "Планиметрия", 42.4),
        measured("math.functions", "Функции", 80),
        measured("method.assessment", "Оценивание", 90),
      ],
    }, CATALOGUE);
    expect(picks.map((p) => p.course.id)).toEqual(["math-methods"]);
    expect(picks[0]!.addresses).toEqual(["math.equations", "math.geometry"]);
    expect(picks[0]!.reason).toBe("Закрывает дефициты: «Уравнения и неравенства» (32%), «Планиметрия» (42%)");
  });

  it("one deficit is named in the singular, and the weakest deficit comes first", () => {
    const one = recommendCourses({ roles: ["teacher"], subjects: ["math"], competencies: [measured("method.differentiation", "Дифференциация", 20)] }, CATALOGUE);
    expect(one.map((p) => [p.course.id, p.reason])).toEqual([["differentiation", "Закрывает дефицит: «Дифференциация» (20%)"]]);
    const two = recommendCourses({
      roles: ["teacher"], subjects: ["math"], competencies: [measured("method.lesson-design", "Проектирование урока", 45), measured("method.assessment", "Оценивание", 10)],
    }, CATALOGUE);
    expect(two.map((p) => p.reason)).toEqual(["Закрывает дефициты: «Оценивание» (10%), «Проектирование урока» (45%)"]);
  });

  it("covers several deficits with the fewest courses", () => {
    const picks = recommendCourses({
      roles: ["teacher"], subjects: ["math"], competencies: [
        measured("method.assessment", "Оценивание", 30), measured("method.lesson-design", "Проектирование урока", 40),
        measured("method.differentiation", "Дифференциация", 35),
      ],
    }, CATALOGUE);
    expect(picks.map((p) => p.course.id)).toEqual(["formative-assessment", "differentiation"]);
  });

  it("a teacher without deficits but with partial results gets at most two courses «to strengthen»", () => {
    const picks = recommendCourses({
      roles: ["teacher"], subjects: ["math"], competencies: [
        measured("math.equations", "Уравнения", 60), measured("method.assessment", "Оценивание", 55),
        measured("method.differentiation", "Дифференциация", 70), measured("lead.climate", "Климат", 65),
        measured("math.functions", "Функции", 90),
      ],
    }, CATALOGUE);
    expect(picks.length).toBe(2);
    for (const p of picks) expect(p.reason.startsWith("Поможет укрепить: «")).toBe(true);
    expect(picks.flatMap((p) => p.addresses)).not.toContain("math.functions");
  });

  it("a teacher who is proficient everywhere gets no course", () => {
    expect(recommendCourses({ roles: ["teacher"], subjects: ["math"], competencies: [measured("math.equations", "Уравнения", 75)] }, CATALOGUE)).toEqual([]);
  });

  it("a principal never gets a course made only for teachers", () => {
    const picks = recommendCourses({
      roles: ["principal"], subjects: ["math"], competencies: [
        measured("lead.team", "Команда", 20), measured("method.assessment", "Оценивание", 10),
        measured("method.differentiation", "Дифференциация", 15), measured("lead.climate", "Климат", 30),
      ],
    }, CATALOGUE);
    expect(picks.map((p) => p.course.id)).toEqual(["school-leadership", "climate-for-all"]);
  });

  it("a course restricted to some subjects is never offered to teachers of others", () => {
    const deficits = [measured("math.equations", "Уравнения", 20), measured("physics.mechanics", "Механика", 20)];
    expect(recommendCourses({ roles: ["teacher"], subjects: ["math"], competencies: deficits }, CATALOGUE).map((p) => p.course.id)).toEqual(["math-methods"]);
    expect(recommendCourses({ roles: ["teacher"], subjects: ["physics"], competencies: deficits }, CATALOGUE).map((p) => p.course.id)).toEqual(["physics-methods"]);
    expect(recommendCourses({ roles: ["teacher"], subjects: ["history"], competencies: deficits }, CATALOGUE)).toEqual([]);
  });

  it("a mentor may also take mentors' courses; a teacher may not", () => {
    const onlyForMentors = [course("mentoring", ["mentor"], ["method.lesson-design"])];
    const deficit = [measured("method.lesson-design", "Проектирование урока", 20)];
    expect(recommendCourses({ roles: ["teacher", "mentor"], subjects: ["math"], competencies: deficit }, onlyForMentors).map((p) => p.course.id)).toEqual(["mentoring"]);
    expect(recommendCourses({ roles: ["teacher"], subjects: ["math"], competencies: deficit }, onlyForMentors)).toEqual([]);
  });

  it("between courses closing the same deficits, the subject course wins, then the shorter one, then the first id", () => {
    const deficit = [measured("method.assessment", "Оценивание", 20)];
    const pick = (courses: Course[]) => recommendCourses({ roles: ["teacher"], subjects: ["math"], competencies: deficit }, courses).map((p) => p.course.id);
    const general = course("b-general", ["teacher"], ["method.assessment"], { hours: 16 });
    expect(pick([general, course("c-math", ["teacher"], ["method.assessment"], { hours: 72, subjects: ["math"] })])).toEqual(["c-math"]);
    expect(pick([course("a-long", ["teacher"], ["method.assessment"], { hours: 36 }), general])).toEqual(["b-general"]);
    expect(pick([general, course("a-same", ["teacher"], ["method.assessment"], { hours: 16 })])).toEqual(["a-same"]);
  });

  // BUG (minor): method.* competencies are shared by all subject tests, so a teacher of two subjects has two
  // results for the same competency; both become targets and the course lists the competency twice, in
  // `addresses` (served as the course's competencies) and in the reason: «Оценивание» (30%), «Оценивание» (45%).
  it("a competency measured by two instruments is addressed and named once", () => {
    const picks = recommendCourses({
      roles: ["teacher"], subjects: ["russian", "literature"],
      competencies: [measured("method.assessment", "Оценивание", 30), measured("method.assessment", "Оценивание", 45)],
    }, CATALOGUE);
    expect(picks[0]!.addresses).toEqual(["method.assessment"]);
    expect(picks[0]!.reason.match(/Оценивание/g)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties over random catalogues and profiles.

const POOL = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
const SUBJECTS: SubjectCode[] = ["math", "physics", "history"];
/** Who each role may study with (docs: a mentor is a teacher too). */
const AUDIENCES: Record<string, string[]> = { teacher: ["teacher"], principal: ["principal"], mentor: ["teacher", "mentor"], methodologist: ["methodologist"] };
const ROLE_SETS = [["teacher"], ["principal"], ["teacher", "mentor"], ["methodologist"]];

const catalogueArb: fc.Arbitrary<Course[]> = fc.array(fc.record({
  audience: fc.subarray(["teacher", "principal", "mentor", "methodologist", "psychologist"], { minLength: 1 }),
  subjects: fc.option(fc.subarray(SUBJECTS, { minLength: 1 }), { nil: undefined }),
  competencies: fc.subarray(POOL, { minLength: 1, maxLength: 4 }),
  hours: fc.constantFrom(16, 24, 36, 72),
}), { maxLength: 12 }).map((raw) => raw.map((r, i) => course(`k${String(i).padStart(2, "0")}`, r.audience, r.competencies, {
  hours: r.hours, ...(r.subjects ? { subjects: r.subjects } : {}),
})));

const profileArb: fc.Arbitrary<RecommendationInput> = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  subjects: fc.subarray(SUBJECTS),
  competencies: fc.uniqueArray(fc.record({ id: fc.constantFrom(...POOL), percent: fc.double({ min: 0, max: 100, noNaN: true }) }), { selector: (c) => c.id, maxLength: 8 })
    .map((list) => list.map((c) => measured(c.id, `Компетенция ${c.id}`, c.percent))),
});

const eligible = (c: Course, input: RecommendationInput) =>
  c.audience.some((a) => input.roles.some((r) => AUDIENCES[r]!.includes(a))) &&
  (!c.subjects?.length || c.subjects.some((s) => input.subjects.includes(s)));

const targetsOf = (input: RecommendationInput) => {
  const deficits = input.competencies.filter((c) => c.level === "deficit");
  return deficits.length ? deficits : input.competencies.filter((c) => c.level === "partial");
};

describe("properties of recommendations over random catalogues and profiles", () => {
  it("every deficit some eligible course addresses is addressed by a recommended course", () => {
    fc.assert(fc.property(catalogueArb, profileArb, (courses, input) => {
      const picks = recommendCourses(input, courses);
      const covered = new Set(picks.flatMap((p) => p.course.competencies));
      for (const d of input.competencies.filter((c) => c.level === "deficit")) {
        if (courses.some((c) => eligible(c, input) && c.competencies.includes(d.id))) expect(covered.has(d.id), d.id).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it("recommends no course twice", () => {
    fc.assert(fc.property(catalogueArb, profileArb, (courses, input) => {
      const ids = recommendCourses(input, courses).map((p) => p.course.id);
      expect(new Set(ids).size).toBe(ids.length);
    }), { numRuns: 500 });
  });

  it("every recommended course is open to the person (audience and subject) and addresses at least one target", () => {
    fc.assert(fc.property(catalogueArb, profileArb, (courses, input) => {
      const targets = targetsOf(input);
      for (const p of recommendCourses(input, courses)) {
        expect(eligible(p.course, input), p.course.id).toBe(true);
        expect(p.addresses.length).toBeGreaterThan(0);
        expect(p.addresses).toEqual(targets.filter((t) => p.course.competencies.includes(t.id)).map((t) => t.id));
        for (const id of p.addresses) expect(p.reason).toContain(`«Компетенция ${id}»`);
      }
    }), { numRuns: 500 });
  });

  it("each pick closes something no earlier pick closed", () => {
    fc.assert(fc.property(catalogueArb, profileArb, (courses, input) => {
      const closed = new Set<string>();
      for (const p of recommendCourses(input, courses)) {
        expect(p.addresses.some((id) => !closed.has(id)), p.course.id).toBe(true);
        for (const id of p.addresses) closed.add(id);
      }
    }), { numRuns: 500 });
  });

  it("without deficits, at most two courses, each «to strengthen»", () => {
    fc.assert(fc.property(catalogueArb, profileArb, (courses, input) => {
      fc.pre(!input.competencies.some((c) => c.level === "deficit"));
      const picks = recommendCourses(input, courses);
      expect(picks.length).toBeLessThanOrEqual(2);
      for (const p of picks) expect(p.reason.startsWith("Поможет укрепить: ")).toBe(true);
    }), { numRuns: 300 });
  });

  it("is deterministic: the same profile gets the same list, whatever the catalogue's order", () => {
    fc.assert(fc.property(catalogueArb, profileArb, fc.nat(), (courses, input, seed) => {
      const first = recommendCourses(input, courses);
      expect(recommendCourses(input, courses)).toEqual(first);
      const shuffled = fc.sample(fc.shuffledSubarray(courses, { minLength: courses.length }), { numRuns: 1, seed })[0]!;
      expect(recommendCourses(input, shuffled).map((p) => p.course.id)).toEqual(first.map((p) => p.course.id));
    }), { numRuns: 300 });
  });
});
