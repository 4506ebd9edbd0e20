// The conditions card's indicators: every documented scale on examples, and properties over generated cards.
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../server/bootstrap.js";
import type { InstrumentDefinition } from "../../server/modules/instruments/instrument.types.js";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { conditionsIndicators, indicatorValues } from "../../server/modules/schools/school-indicators.js";
import { demoConditionsAnswers, demoDisadvantage } from "../../server/modules/schools/demo-conditions.js";
import { Rng } from "../../server/modules/demo/demo-region.js";

let card: InstrumentDefinition;
beforeAll(async () => {
  const registry = await loadRegistry(path.resolve(import.meta.dirname, "../../surveys"));
  card = registry.get("school-conditions")!.definition;
});

/** A complete card of a small rural school with plain round numbers. */
const ANSWERS: Record<string, unknown> = {
  "sc-teachers": 20, "sc-vacancies": 2, "sc-out-of-specialty": 4, "sc-share-under-35": 15, "sc-share-over-60": 30,
  "sc-teachers-left": 3, "sc-teachers-hired": 2,
  "sc-specialists": ["psychologist", "social-pedagogue"],
  "sc-network-speech-therapist": "regular", "sc-network-defectologist": "none", "sc-network-tutor": "none",
  "sc-internet-mbps": 20, "sc-computers": 12, "sc-science-labs": ["physics"], "sc-library": "lending-only", "sc-sports-hall": "shared",
  "sc-canteen": "serving", "sc-toilets": "partly-outdoor", "sc-hot-water": false, "sc-capital-repair": "capital",
  "sc-students": 120, "sc-share-low-income": 40, "sc-share-single-parent": 25, "sc-share-large-family": 18, "sc-share-ovz": 6,
  "sc-share-non-native": 3, "sc-share-school-register": 4, "sc-share-police-register": 1.5, "sc-share-parents-higher-ed": 10,
  "sc-share-unemployed-parents": 12, "sc-location": "rural", "sc-distance-km": 45,
  "sc-transport-needed": true, "sc-transport-students": 30, "sc-transport-provided": "partial",
};

const values = (answers: Record<string, unknown>) => indicatorValues(conditionsIndicators(card, answers));

describe("indicators of a filled card", () => {
  it("turns every answer into its documented number", () => {
    const v = values(ANSWERS);
    expect(Object.fromEntries(v)).toMatchObject({
      vacancies: 2, "out-of-specialty": 4, "share-teachers-under-35": 15, "share-teachers-over-60": 30, "teacher-turnover": 3,
      "specialists-missing": 3, "specialists-uncovered": 2, "internet-speed": 20, "computers-per-student": 0.1, "science-labs": 1,
      library: 1, "sports-hall": 1, canteen: 1, sanitation: 1, "capital-repair": 2,
      "share-low-income": 40, "share-ovz": 6, "share-parents-higher-ed": 10, rural: 1, "remote-km": 45, "transport-gap": 1,
      teachers: 20, students: 120, "vacancy-rate": 10, "out-of-specialty-share": 20, "turnover-rate": 15,
      "staffing-gap": Math.round((100 * 6 / 22) * 100) / 100, registers: 4,
    });
  });

  it("lists the card's own indicators in its order, then the derived ones, with titles, units and directions", () => {
    const list = conditionsIndicators(card, ANSWERS);
    expect(list.slice(0, card.indicators!.length).map((i) => i.id)).toEqual(card.indicators!.map((i) => i.id));
    expect(list.find((i) => i.id === "share-parents-higher-ed")).toMatchObject({ direction: "resource", unit: "%" });
    expect(list.find((i) => i.id === "vacancy-rate")).toMatchObject({ direction: "risk", unit: "%", title: expect.stringMatching(/Вакантные/) });
  });

  it("«никого из перечисленных» means all five specialists are missing, and counts every uncovered one", () => {
    const v = values({ ...ANSWERS, "sc-specialists": ["none"], "sc-network-psychologist": "none", "sc-network-speech-therapist": "occasional",
      "sc-network-defectologist": "none", "sc-network-social-pedagogue": "regular", "sc-network-tutor": "none" });
    expect(v.get("specialists-missing")).toBe(5);
    expect(v.get("specialists-uncovered")).toBe(3);
  });

  it("a school that needs no transport has no transport gap; one that needs it and organises none has the widest", () => {
    expect(values({ ...ANSWERS, "sc-transport-needed": false, "sc-transport-provided": undefined }).get("transport-gap")).toBe(0);
    expect(values({ ...ANSWERS, "sc-transport-provided": "none" }).get("transport-gap")).toBe(2);
    expect(values({ ...ANSWERS, "sc-transport-provided": "all" }).get("transport-gap")).toBe(0);
  });

  it("the best answers give the top of each scale", () => {
    const v = values({ ...ANSWERS, "sc-library": "reading-room-online", "sc-sports-hall": "own", "sc-canteen": "full-kitchen",
      "sc-toilets": "indoor", "sc-hot-water": true, "sc-capital-repair": "none", "sc-location": "city", "sc-science-labs": ["physics", "chemistry", "biology"] });
    expect([v.get("library"), v.get("sports-hall"), v.get("canteen"), v.get("sanitation"), v.get("capital-repair"), v.get("rural"), v.get("science-labs")])
      .toEqual([3, 2, 2, 3, 0, 0, 3]);
    expect(values({ ...ANSWERS, "sc-location": "urban-settlement" }).get("rural")).toBe(0.5);
    expect(values({ ...ANSWERS, "sc-capital-repair": "emergency" }).get("capital-repair")).toBe(3);
  });

  it("numbers typed as text, with a comma, are read; the larger register share stands for both", () => {
    const v = values({ ...ANSWERS, "sc-share-low-income": "12,5", "sc-share-school-register": 1, "sc-share-police-register": "2.5" });
    expect(v.get("share-low-income")).toBe(12.5);
    expect(v.get("registers")).toBe(2.5);
  });
});

describe("missing and impossible answers", () => {
  it("an empty card gives null for every indicator, never a guess", () => {
    for (const i of conditionsIndicators(card, {})) expect(i.value, i.id).toBeNull();
  });

  it("a share above 100 % or text that is no number counts as not answered", () => {
    const v = values({ ...ANSWERS, "sc-share-ovz": 140, "sc-share-non-native": "много" });
    expect(v.get("share-ovz")).toBeNull();
    expect(v.get("share-non-native")).toBeNull();
  });

  it("rates need the number of teachers; computers per student need the number of students", () => {
    const v = values({ ...ANSWERS, "sc-teachers": undefined, "sc-students": undefined });
    expect([v.get("vacancy-rate"), v.get("out-of-specialty-share"), v.get("turnover-rate"), v.get("staffing-gap"), v.get("computers-per-student")])
      .toEqual([null, null, null, null, null]);
    expect(v.get("vacancies")).toBe(2);
  });

  it("uncovered specialists are unknown until the staff question is answered", () => {
    expect(values({ ...ANSWERS, "sc-specialists": undefined }).get("specialists-uncovered")).toBeNull();
  });
});

describe("properties over generated cards", () => {
  const school = fc.record({
    locality: fc.constantFrom("city" as const, "town" as const, "rural" as const), students: fc.integer({ min: 20, max: 2000 }),
    lowResults: fc.boolean(), unfavourable: fc.boolean(), highResults: fc.boolean(),
    clusters: fc.subarray(["special-needs", "non-native"]),
  });

  it("a complete demo card answers only questions of the card and gives every indicator a value within its range", () => {
    fc.assert(fc.property(school, fc.integer({ min: 1, max: 2 ** 30 }), (s, seed) => {
      const rng = new Rng(seed);
      const answers = demoConditionsAnswers(s, demoDisadvantage(s, rng), rng);
      const names = new Set(questionsOf(card.survey).map((q) => q.name));
      for (const key of Object.keys(answers)) expect(names.has(key), key).toBe(true);
      for (const i of conditionsIndicators(card, answers)) {
        expect(i.value, i.id).not.toBeNull();
        expect(i.value!).toBeGreaterThanOrEqual(0);
        if (i.unit === "%") expect(i.value!).toBeLessThanOrEqual(100);
      }
      const v = values(answers);
      const present = (answers["sc-specialists"] as string[]).filter((x) => x !== "none").length;
      expect(v.get("specialists-missing")! + present).toBe(5);
      expect(v.get("specialists-uncovered")!).toBeLessThanOrEqual(v.get("specialists-missing")!);
    }), { numRuns: 200 });
  });

  it("dropping any one answer makes only the indicators that read it unknown", () => {
    const names = Object.keys(ANSWERS);
    fc.assert(fc.property(fc.constantFrom(...names), (name) => {
      const full = values(ANSWERS);
      const without = values({ ...ANSWERS, [name]: undefined });
      for (const [id, value] of without) if (value !== null) expect(value, `${name} → ${id}`).toBe(full.get(id));
    }));
  });
});
