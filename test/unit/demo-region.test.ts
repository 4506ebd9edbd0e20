// The generated demo region: reproducible from its seed, the size the README promises, and coherent school by school.
import { describe, expect, it } from "vitest";
import { SUBJECT_CODES } from "../../server/modules/instruments/instrument.types.js";
import { generateDemoRegion, type DemoRegion } from "../../server/modules/demo/demo-region.js";
import { DEMO_SEED } from "../../server/modules/demo/demo-seed.js";

const region = generateDemoRegion(DEMO_SEED);
const OTHER_SEEDS = [1, 2, 7, 42, 2026];
const others = OTHER_SEEDS.map((seed) => [seed, generateDemoRegion(seed)] as const);
const teachers = (r: DemoRegion) => r.people.filter((p) => p.roles.includes("teacher"));
const principals = (r: DemoRegion) => r.people.filter((p) => p.roles.includes("principal"));

describe("the demo region", () => {
  it("is the same for the same seed and different for another", () => {
    expect(generateDemoRegion(DEMO_SEED)).toEqual(region);
    expect(generateDemoRegion(DEMO_SEED + 1)).not.toEqual(region);
    expect(generateDemoRegion(DEMO_SEED + 1).people.map((p) => p.id)).not.toEqual(region.people.map((p) => p.id));
  });

  it("has 20 municipalities, 230–290 schools, 1000–1300 teachers of all 11 subjects and 90–130 principals", () => {
    expect(region.municipalities).toHaveLength(20);
    expect(region.schools.length).toBeGreaterThanOrEqual(230);
    expect(region.schools.length).toBeLessThanOrEqual(290);
    expect(teachers(region).length).toBeGreaterThanOrEqual(1000);
    expect(teachers(region).length).toBeLessThanOrEqual(1300);
    expect(principals(region).length).toBeGreaterThanOrEqual(90);
    expect(principals(region).length).toBeLessThanOrEqual(130);
    expect(new Set(teachers(region).flatMap((p) => p.subjects))).toEqual(new Set(SUBJECT_CODES));
  });

  it("has schools in every municipality and mentors among the teachers", () => {
    const municipalities = new Set(region.municipalities.map((m) => m.id));
    expect(new Set(region.schools.map((s) => s.municipalityId))).toEqual(municipalities);
    expect(region.people.some((p) => p.roles.includes("mentor"))).toBe(true);
  });

  describe.each([[DEMO_SEED, region] as const, ...others])("with seed %i", (_seed, r) => {
    const schools = new Map(r.schools.map((s) => [s.id, s]));

    it("every programme school (low results or unfavourable) has a principal and a math teacher", () => {
      const programme = r.schools.filter((s) => s.lowResults || s.unfavourable);
      expect(programme.length).toBeGreaterThan(0);
      for (const school of programme) {
        const staff = r.people.filter((p) => p.schoolId === school.id);
        expect(staff.some((p) => p.roles.includes("principal")), school.id).toBe(true);
        expect(staff.some((p) => p.roles.includes("teacher") && p.subjects.includes("math")), school.id).toBe(true);
      }
    });

    it("no school is both low- and high-results, and the clusters agree with the flags", () => {
      for (const s of r.schools) {
        expect(s.lowResults && s.highResults, s.id).toBe(false);
        expect(s.clusters.includes("low-results"), s.id).toBe(s.lowResults);
        expect(s.clusters.includes("unfavourable"), s.id).toBe(s.unfavourable);
      }
      expect(r.schools.some((s) => s.highResults)).toBe(true);
    });

    it("people have no logins (the seeder adds the demo sign-ins), unique ids, and a school of their own municipality", () => {
      expect(r.people.every((p) => p.login === null)).toBe(true);
      expect(new Set(r.people.map((p) => p.id)).size).toBe(r.people.length);
      for (const p of r.people) {
        const school = schools.get(p.schoolId ?? "");
        expect(school, p.id).toBeDefined();
        expect(p.municipalityId).toBe(school!.municipalityId);
        expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    });

    it("principals teach no subject; teachers teach at least one; principals work only in programme schools", () => {
      for (const p of r.people) {
        if (p.roles.includes("principal")) {
          expect(p.subjects).toEqual([]);
          const school = schools.get(p.schoolId!)!;
          expect(school.lowResults || school.unfavourable, p.id).toBe(true);
        } else {
          expect(p.subjects.length, p.id).toBeGreaterThan(0);
          expect(p.subjects.every((s) => (SUBJECT_CODES as readonly string[]).includes(s))).toBe(true);
        }
      }
    });

    it("mentors are teachers of high-result schools", () => {
      for (const p of r.people.filter((q) => q.roles.includes("mentor"))) {
        expect(p.roles).toContain("teacher");
        expect(schools.get(p.schoolId!)!.highResults, p.id).toBe(true);
      }
    });
  });
});
