// Partner schools: high-result schools with the closest conditions, near ones preferred; by example and as properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conditionsDistance, highResultReason, PLACE_PENALTY, proposePartners, type ComponentZ, type PartnerOptions, type PartnerSchool,
} from "../../server/modules/schools/partner-schools.js";

const IDS = ["a", "b", "c", "d", "e", "f", "g", "h"];
const components = (zs: Array<number | null>): ComponentZ[] => zs.map((z, i) => ({ id: IDS[i]!, title: `Составляющая ${IDS[i]}`, z }));
const school = (id: string, municipalityId: string, zs: Array<number | null> | null, extra: Partial<PartnerSchool> = {}): PartnerSchool => ({
  schoolId: id, name: `Школа ${id}`, shortName: id, municipalityId, municipalityName: `Район ${municipalityId}`,
  highResults: true, clusters: [], failShares: [],
  index: zs ? { value: zs.reduce<number>((s, z) => s + (z ?? 0), 0) / zs.length, components: components(zs) } : null,
  ...extra,
});
const options = (over: Partial<PartnerOptions> = {}): PartnerOptions => ({
  neighbours: new Set(["m2"]), regionFailShares: { math: [], russian: [] }, minCommon: 4, minSchoolsForQuartile: 8, ...over,
});

describe("partners by example", () => {
  const target = school("t", "m1", [-1, -1, -0.5, -0.5, 0, 0], { highResults: false, clusters: ["low-results"] });

  it("the closest conditions win; the same municipality is preferred unless another is closer by more than the penalty", () => {
    const near = school("near", "m3", [-1, -1, -0.5, -0.5, 0, 0.1]);
    const same = school("same", "m1", [-0.8, -1.2, -0.5, -0.2, 0.1, 0]);
    const far = school("far", "m3", [1, 1, 1, 1, 1, 1]);
    const out = proposePartners(target, [target, near, same, far], options());
    expect(out.map((p) => [p.schoolId, p.place])).toEqual([["same", "same"], ["near", "region"], ["far", "region"]]);
    expect(out[0]!.score).toBeCloseTo(out[0]!.distance!, 6);
    expect(out[1]!.score).toBeCloseTo(out[1]!.distance! + PLACE_PENALTY.region, 6);
  });

  it("says why in words: results, conditions, place", () => {
    const partner = school("p", "m2", [-1, -1, -0.5, -0.5, 0, 0.3], { failShares: [{ subject: "math", year: 2025, participants: 40, share: 2 }] });
    const [p] = proposePartners(target, [partner], options());
    expect(p!.reason).toBe("Высокие результаты: в списке школ региона с высокими результатами; доля «2» по математике — 2 % (2025 г.). "
      + "Похожие условия: индекс −0,4 при −0,5 у вашей школы, среднее расхождение по 6 составляющим — 0,1 ст. откл.; "
      + "ближе всего: «Составляющая a», «Составляющая b», «Составляющая c». Расположение: соседний муниципалитет (Район m2)");
  });

  it("without an index of its own, the nearest high-result schools, and the conditions said not compared", () => {
    const out = proposePartners({ ...target, index: null }, [school("x", "m3", null), school("y", "m1", null)], options());
    expect(out.map((p) => [p.schoolId, p.distance])).toEqual([["y", null], ["x", null]]);
    expect(out[0]!.reason).toMatch(/Условия не сравнивались: индекс социального благополучия вашей школы не рассчитан$/);
  });

  it("a school counts as high-result by the region's list, or by the best quarter of «2» in both subjects, never from the low-results cluster", () => {
    const region = { math: [1, 2, 3, 4, 5, 6, 7, 8], russian: [1, 2, 3, 4, 5, 6, 7, 8] };
    const shares = (math: number, russian: number) => [{ subject: "math" as const, year: 2025, participants: 30, share: math }, { subject: "russian" as const, year: 2025, participants: 30, share: russian }];
    expect(highResultReason(school("x", "m1", null, { highResults: false, failShares: shares(1, 2) }), region)).toMatch(/^среди четверти школ региона с самой низкой долей «2»/);
    expect(highResultReason(school("x", "m1", null, { highResults: false, failShares: shares(1, 3) }), region)).toBeNull();
    expect(highResultReason(school("x", "m1", null, { highResults: false, failShares: shares(1, 2), clusters: ["low-results"] }), region)).toBeNull();
    expect(highResultReason(school("x", "m1", null, { highResults: false, failShares: shares(1, 2) }), { math: [1, 2], russian: [1, 2] })).toBeNull();
  });

  it("a candidate sharing too few components with the school is not compared", () => {
    const sparse = school("s", "m1", [-1, -1, null, null, null, null]);
    expect(proposePartners(target, [sparse], options())).toEqual([]);
  });
});

const zArb = fc.option(fc.double({ min: -3, max: 3, noNaN: true }), { nil: null, freq: 5 });
const schoolArb = fc.record({
  municipality: fc.constantFrom("m1", "m2", "m3", "m4"),
  zs: fc.option(fc.array(zArb, { minLength: 6, maxLength: 6 }), { nil: null, freq: 6 }),
  highResults: fc.boolean(),
  math: fc.option(fc.double({ min: 0, max: 40, noNaN: true }), { nil: null }),
  russian: fc.option(fc.double({ min: 0, max: 40, noNaN: true }), { nil: null }),
  lowResults: fc.boolean(),
});
const regionArb = fc.array(schoolArb, { minLength: 1, maxLength: 25 }).map((list) => list.map((s, i) => school(`s${String(i).padStart(2, "0")}`, s.municipality, s.zs, {
  highResults: s.highResults, clusters: s.lowResults ? ["low-results"] : [],
  failShares: [
    ...(s.math !== null ? [{ subject: "math" as const, year: 2025, participants: 30, share: s.math }] : []),
    ...(s.russian !== null ? [{ subject: "russian" as const, year: 2025, participants: 30, share: s.russian }] : []),
  ],
})));
const setup = (region: PartnerSchool[], neighbours: string[], limit: number) => {
  const sorted = (subject: "math" | "russian") => region.flatMap((s) => s.failShares.filter((f) => f.subject === subject).map((f) => f.share)).sort((a, b) => a - b);
  return options({ neighbours: new Set(neighbours), regionFailShares: { math: sorted("math"), russian: sorted("russian") }, limit });
};

describe("properties of the partner choice", () => {
  it("never the school itself; only high-result schools; the best scores, in order; score = distance + the place's penalty", () => {
    fc.assert(fc.property(regionArb, fc.subarray(["m2", "m3", "m4"]), fc.integer({ min: 1, max: 5 }), fc.nat(), (region, neighbours, limit, pick) => {
      const target = region[pick % region.length]!;
      const o = setup(region, neighbours, limit);
      const out = proposePartners(target, region, o);
      expect(out.length).toBeLessThanOrEqual(limit);
      expect(out.some((p) => p.schoolId === target.schoolId)).toBe(false);
      const eligible = region.filter((s) => s.schoolId !== target.schoolId && highResultReason(s, o.regionFailShares, 8) !== null
        && (target.index === null || (s.index !== null && conditionsDistance(target.index.components, s.index.components).common >= 4)));
      expect(out.length).toBe(Math.min(limit, eligible.length));
      for (const p of out) {
        const s = region.find((x) => x.schoolId === p.schoolId)!;
        expect(eligible).toContain(s);
        const place = s.municipalityId === target.municipalityId ? "same" : neighbours.includes(s.municipalityId) ? "neighbour" : "region";
        expect(p.place).toBe(place);
        expect(p.score).toBeCloseTo((p.distance ?? 0) + PLACE_PENALTY[place], 2);
        if (target.index) expect(p.distance).not.toBeNull();
      }
      for (let i = 1; i < out.length; i++) expect(out[i]!.score).toBeGreaterThanOrEqual(out[i - 1]!.score);
      // Nobody left out scores better than the last one chosen.
      const worst = out.at(-1)?.score ?? Infinity;
      const chosen = new Set(out.map((p) => p.schoolId));
      for (const s of eligible) {
        if (chosen.has(s.schoolId) || !target.index) continue;
        const place = s.municipalityId === target.municipalityId ? "same" : neighbours.includes(s.municipalityId) ? "neighbour" : "region";
        const score = Math.round(conditionsDistance(target.index.components, s.index!.components).distance * 1000) / 1000 + PLACE_PENALTY[place];
        expect(score).toBeGreaterThanOrEqual(worst - 1e-3);
      }
    }), { numRuns: 300 });
  });

  it("the same school moved into the school's own municipality never ranks lower", () => {
    fc.assert(fc.property(regionArb, fc.nat(), fc.nat(), (region, a, b) => {
      const target = region[a % region.length]!;
      const candidate = region[b % region.length]!;
      if (candidate === target) return;
      const o = { ...setup(region, ["m2"], 25) };
      const rank = (list: PartnerSchool[]) => proposePartners(target, list, o).findIndex((p) => p.schoolId === candidate.schoolId);
      const before = rank(region);
      if (before < 0) return;
      const moved = region.map((s) => (s === candidate ? { ...s, municipalityId: target.municipalityId } : s));
      expect(rank(moved)).toBeLessThanOrEqual(before);
    }), { numRuns: 300 });
  });

  it("the distance is symmetric, zero to itself, and grows when one school's components move away", () => {
    fc.assert(fc.property(fc.array(zArb, { minLength: 6, maxLength: 6 }), fc.array(zArb, { minLength: 6, maxLength: 6 }), (x, y) => {
      const a = components(x);
      const b = components(y);
      expect(conditionsDistance(a, b).distance).toBeCloseTo(conditionsDistance(b, a).distance, 9);
      if (x.some((z) => z !== null)) expect(conditionsDistance(a, a).distance).toBe(0);
      const d = conditionsDistance(a, b);
      if (d.common === 0) return;
      const further = components(y.map((z, i) => (z === null || x[i] === null ? z : z + Math.sign(z - x[i]!) + (z === x[i] ? 1 : 0))));
      expect(conditionsDistance(a, further).distance).toBeGreaterThan(d.distance);
    }), { numRuns: 300 });
  });
});
