// The exam-day load test's own parts: options, the schedule, answers to the served survey, latency figures.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerFor, answerPage, canonical, seededRandom } from "../../load/answers";
import { buildPlans, PROBES } from "../../load/plan";
import { openingSecond, OptionsError, parseOptions } from "../../load/profiles";
import { errorsByStatus, percentile, summarize, timeline, type Sample } from "../../load/stats";

describe("load test options", () => {
  it("start from the full exam day and take overrides", () => {
    const full = parseOptions([]);
    expect(full).toMatchObject({ profile: "full", takers: 5000, thinkMinSeconds: 30, thinkMaxSeconds: 90, thinkScale: 1, database: "postgres" });
    expect(parseOptions(["--profile", "ci", "--takers", "200", "--db", "pglite", "--answer-saves"])).toMatchObject({ profile: "ci", takers: 200, database: "pglite", answerSaves: true });
    expect(parseOptions(["--profile", "triple"]).takers).toBe(15000);
  });

  it("refuse what they do not understand", () => {
    expect(() => parseOptions(["--profile", "huge"])).toThrow(OptionsError);
    expect(() => parseOptions(["--takers", "-1"])).toThrow(OptionsError);
    expect(() => parseOptions(["--takers", "1.5"])).toThrow(OptionsError);
    expect(() => parseOptions(["--db", "mysql"])).toThrow(OptionsError);
    expect(() => parseOptions(["--fast"])).toThrow(OptionsError);
    expect(() => parseOptions(["--think-min", "50", "--think-max", "10"])).toThrow(OptionsError);
  });
});

describe("the exam day's schedule", () => {
  it("signs everyone in within the window, opens the test together after it, and keeps think times in range", () => {
    const options = parseOptions(["--profile", "ci"]);
    const plans = buildPlans(options, Array.from({ length: 200 }, (_, i) => ({ code: `code-${i}` })));
    const opening = openingSecond(options) * 1000;
    for (const plan of plans.slice(PROBES)) {
      expect(plan.signInAt).toBeGreaterThanOrEqual(0);
      expect(plan.signInAt).toBeLessThanOrEqual(options.signInSeconds * 1000);
      expect(plan.openAt).toBeGreaterThanOrEqual(opening);
      expect(plan.openAt).toBeLessThanOrEqual(opening + options.openJitterSeconds * 1000);
      for (const ms of plan.thinkMs) {
        expect(ms).toBeGreaterThanOrEqual(options.thinkMinSeconds * options.thinkScale * 1000 - 1);
        expect(ms).toBeLessThanOrEqual(options.thinkMaxSeconds * options.thinkScale * 1000 + 1);
      }
      expect(plan.probeEveryMs).toBeUndefined();
    }
    expect(plans.slice(0, PROBES).every((p) => p.probeEveryMs && p.signInAt < 2000)).toBe(true);
    expect(buildPlans(options, [{ code: "x" }, { code: "y" }])).toEqual(buildPlans(options, [{ code: "x" }, { code: "y" }]));
  });
});

describe("answers of a simulated teacher", () => {
  const choices = [{ value: "a", text: "A" }, { value: "b", text: "B" }, { value: "c", text: "C" }];

  it("use only the served values of every question type", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const random = seededRandom(seed);
      expect(["a", "b", "c"]).toContain(answerFor({ type: "radiogroup", name: "q", choices }, random));
      const checked = answerFor({ type: "checkbox", name: "q", choices }, random) as string[];
      expect(checked.length).toBeGreaterThan(0);
      expect(checked.every((v) => ["a", "b", "c"].includes(v))).toBe(true);
      expect([...(answerFor({ type: "ranking", name: "q", choices: ["x", "y", "z"] }, random) as string[])].sort()).toEqual(["x", "y", "z"]);
      const matrix = answerFor({ type: "matrix", name: "q", rows: [{ value: "r1" }, { value: "r2" }], columns: choices }, random) as Record<string, string>;
      expect(Object.keys(matrix)).toEqual(["r1", "r2"]);
      expect(answerFor({ type: "text", name: "q" }, random)).toMatch(/^\d+$/);
      expect(answerFor({ type: "html", name: "q" }, random)).toBeUndefined();
    }));
  });

  it("answer the questions of the page asked, most of them", () => {
    const survey = { pages: [{ elements: [{ type: "html", name: "intro" }] }, { elements: Array.from({ length: 40 }, (_, i) => ({ type: "radiogroup", name: `q${i}`, choices })) }] };
    expect(answerPage(survey, 0, seededRandom(1))).toEqual({});
    const answers = answerPage(survey, 1, seededRandom(1));
    expect(Object.keys(answers).length).toBeGreaterThan(30);
    expect(Object.keys(answers).every((k) => /^q\d+$/.test(k))).toBe(true);
  });

  it("compare equal whatever the key order (jsonb sorts keys)", () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonical({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonical(["a", "b"])).not.toBe(canonical(["b", "a"]));
  });
});

describe("latency figures", () => {
  const sample = (op: Sample["op"], at: number, ms: number, status = 200, shed = false): Sample => ({ op, at, ms, status, shed });

  it("take percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("lie between the smallest and the largest value (property)", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 100, noNaN: true }), (values, p) => {
      const v = percentile(values, p);
      expect(v).toBeGreaterThanOrEqual(Math.min(...values));
      expect(v).toBeLessThanOrEqual(Math.max(...values));
    }));
  });

  it("time only what was answered, count refusals apart from errors", () => {
    const samples = [sample("autosave", 0, 10), sample("autosave", 100, 30), sample("autosave", 200, 5000, 503, true), sample("autosave", 300, 40, 500), sample("submit", 400, 0, 0)];
    const s = summarize(samples, "autosave");
    expect(s).toMatchObject({ ok: 2, shed: 1, errors: 1, p50: 10, max: 30 });
    expect([...errorsByStatus(samples)]).toEqual([["autosave 500", 1], ["submit network", 1]]);
    expect([...errorsByStatus([{ ...sample("result", 0, 60_000, 0), failure: "timeout" }])]).toEqual([["result timeout", 1]]);
  });

  it("cut the run into windows that hold every sample once", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 120_000 }), fc.boolean())), (raw) => {
      const samples = raw.map(([at, shed]) => sample("autosave", at, 5, shed ? 503 : 200, shed));
      const windows = timeline(samples, 15);
      expect(windows.reduce((sum, w) => sum + w.requests, 0)).toBe(samples.length);
      expect(windows.reduce((sum, w) => sum + w.shed, 0)).toBe(samples.filter((s) => s.shed).length);
    }));
  });
});
