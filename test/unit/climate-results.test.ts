// Climate figures of schools and classes: scores from sums, the region beside them, and nothing recoverable by subtraction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classClimate, regionClimate, type AudienceSums, type GroupSums } from "../../server/modules/climate/climate-results.js";

const SCALES = [{ id: "safety", title: "Безопасность" }, { id: "support", title: "Поддержка" }];
const BANDS = { favourable: 75, partly: 50 };

/** A group whose every respondent scored `score` on each scale (n of them answered it). */
function group(schoolId: string, municipalityId: string, respondents: number, score: number, className: string | null = null, n = respondents): GroupSums {
  return { schoolId, municipalityId, className, respondents, scales: Object.fromEntries(SCALES.map((s) => [s.id, { n, sum: n * score }])) };
}
const teachers = (groups: GroupSums[]): AudienceSums => ({ audience: "teacher", scales: SCALES, bands: BANDS, groups });

describe("a region's climate", () => {
  it("scores each school, puts the region's figure beside it, and hides a small school with its complement", () => {
    const region = regionClimate([teachers([group("a", "m1", 3, 20), group("b", "m1", 7, 60), group("c", "m2", 9, 80)])], 5);
    const [a] = region.schools.get("a")!;
    const [b] = region.schools.get("b")!;
    const [c] = region.schools.get("c")!;
    expect(a).toMatchObject({ respondents: 3, suppressed: true, reason: "small", scales: [] });
    expect(b).toMatchObject({ respondents: 7, suppressed: true, reason: "complementary", scales: [] });
    expect(c!.suppressed).toBe(false);
    const regionScore = Math.round(((3 * 20 + 7 * 60 + 9 * 80) / 19) * 10) / 10;
    expect(c!.scales[0]).toEqual({ id: "safety", title: "Безопасность", score: 80, band: "favourable", respondents: 9, region: { score: regionScore, band: "partly", respondents: 19 } });
    expect(region.audiences[0]).toMatchObject({ audience: "teacher", respondents: 19, schools: 3 });
  });

  it("hides a scale that too few answered, and shows the rest of the group", () => {
    const b = group("b", "m1", 8, 70);
    b.scales.support = { n: 2, sum: 2 * 10 };
    const region = regionClimate([teachers([b, group("c", "m2", 9, 80)])], 5);
    const [view] = region.schools.get("b")!;
    expect(view!.suppressed).toBe(false);
    expect(view!.scales.map((s) => s.id)).toEqual(["safety"]);
    expect(view!.hiddenScales).toEqual([{ id: "support", title: "Поддержка", reason: "small" }]);
    // The region's «support» figure would be c's 9 plus b's 2: c is hidden with them, so nothing isolates b's two.
    const [c] = region.schools.get("c")!;
    expect(c!.hiddenScales).toEqual([{ id: "support", title: "Поддержка", reason: "complementary" }]);
  });

  it("with acrossAudiences, one scale over a school's audiences is a total too", () => {
    const parents: AudienceSums = { audience: "parent", scales: SCALES, bands: BANDS, groups: [group("a", "m1", 3, 40)] };
    const plain = regionClimate([teachers([group("a", "m1", 12, 70)]), parents], 5);
    expect(plain.schools.get("a")!.find((g) => g.audience === "teacher")!.suppressed).toBe(false);
    const strict = regionClimate([teachers([group("a", "m1", 12, 70)]), parents], 5, { acrossAudiences: true });
    expect(strict.schools.get("a")!.find((g) => g.audience === "teacher")).toMatchObject({ suppressed: true, reason: "complementary" });
  });

  const regionArb = fc.record({
    schools: fc.array(fc.record({
      m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 0, max: 25 }), answered: fc.double({ min: 0, max: 1, noNaN: true }), score: fc.integer({ min: 0, max: 100 }),
    }), { minLength: 1, maxLength: 16 }),
    threshold: fc.integer({ min: 3, max: 8 }),
  });

  it("property (the subtraction attack): the region's figure minus the shown schools leaves nothing, or at least two schools holding the threshold", () => {
    fc.assert(fc.property(regionArb, ({ schools, threshold }) => {
      const groups = schools.map((s, i) => {
        const g = group(`s${i}`, `m${s.m}`, s.n, s.score);
        g.scales.support = { n: Math.floor(s.n * s.answered), sum: Math.floor(s.n * s.answered) * s.score };
        return g;
      });
      const region = regionClimate([teachers(groups)], threshold);
      for (const scale of SCALES) {
        const regionFigure = region.audiences[0]!.scales.find((x) => x.id === scale.id)!.region;
        const contributing = groups.filter((g) => g.scales[scale.id]!.n > 0);
        const shown = contributing.filter((g) => region.schools.get(g.schoolId)![0]!.scales.some((x) => x.id === scale.id));
        for (const g of shown) expect(g.scales[scale.id]!.n).toBeGreaterThanOrEqual(threshold);
        if (!regionFigure) continue;
        expect(regionFigure.respondents).toBe(contributing.reduce((s, g) => s + g.scales[scale.id]!.n, 0));
        const hidden = contributing.filter((g) => !shown.includes(g));
        if (hidden.length === 0) continue;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, g) => s + g.scales[scale.id]!.n, 0)).toBeGreaterThanOrEqual(threshold);
      }
    }), { numRuns: 400 });
  });
});

describe("a school's classes", () => {
  const school = (classes: GroupSums[]) => regionClimate([{ audience: "student", scales: SCALES, bands: BANDS, groups: classes }], 5).schools.get("s")!.find((g) => g.audience === "student")!;
  const students = (classes: GroupSums[]): AudienceSums => ({ audience: "student", scales: SCALES, bands: BANDS, groups: classes });

  it("hides a class that drops below the threshold under the filter, and the next-smallest with it", () => {
    const classes = [group("s", "m1", 6, 50, "7А"), group("s", "m1", 9, 70, "7Б"), group("s", "m1", 2, 30, "8А")];
    const views = classClimate(students(classes), school(classes), classes, 5);
    expect(views.find((v) => v.className === "8А")).toMatchObject({ suppressed: true, reason: "small", respondents: 2 });
    expect(views.find((v) => v.className === "7А")).toMatchObject({ suppressed: true, reason: "complementary" });
    expect(views.find((v) => v.className === "7Б")).toMatchObject({ suppressed: false, scales: [{ score: 70 }, { score: 70 }] });
  });

  it("answers without a class count as a part that is never shown", () => {
    const classes = [group("s", "m1", 8, 50, "7А"), group("s", "m1", 9, 70, "7Б"), group("s", "m1", 2, 30, null)];
    const views = classClimate(students(classes), school(classes), classes, 5);
    expect(views.map((v) => v.className)).toEqual(["7А", "7Б"]);
    expect(views.find((v) => v.className === "7А")).toMatchObject({ suppressed: true, reason: "complementary" });
  });

  it("shows no class where the school's own figure is hidden", () => {
    const classes = [group("s", "m1", 6, 50, "7А"), group("s", "m1", 6, 70, "7Б")];
    const hiddenSchool = { ...school(classes), suppressed: true, scales: [] };
    expect(classClimate(students(classes), hiddenSchool, classes, 5).every((v) => v.suppressed)).toBe(true);
  });

  it("property: the school's figure minus the shown classes leaves nothing, or two classes holding the threshold", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 6 }), (sizes, unclassed) => {
      const classes = [...sizes.map((n, i) => group("s", "m1", n, 10 * i, `${5 + i}А`)), group("s", "m1", unclassed, 55, null)].filter((g) => g.respondents > 0);
      if (!classes.length) return;
      const whole = school(classes);
      const views = classClimate(students(classes), whole, classes, 5);
      for (const scale of SCALES) {
        const shown = views.filter((v) => v.scales.some((x) => x.id === scale.id));
        for (const v of shown) expect(v.respondents).toBeGreaterThanOrEqual(5);
        if (!whole.scales.some((x) => x.id === scale.id)) { expect(shown).toEqual([]); continue; }
        // With no class shown, nothing is revealed beyond the school's own figure.
        if (shown.length === 0) continue;
        const hidden = classes.filter((g) => !shown.some((v) => v.className === g.className));
        if (hidden.length === 0) continue;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, g) => s + g.respondents, 0)).toBeGreaterThanOrEqual(5);
      }
    }), { numRuns: 400 });
  });
});
