// The well-being index: z-scores, orientation, the mean, the rank and the 0–100 scale on examples; mean 0 and monotonicity as properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeIndex, INDEX_COMPONENTS, requiredComponents, standardise, type IndexInput } from "../../server/modules/schools/wellbeing-index.js";

const full = (schoolId: string, overrides: Record<string, number | null> = {}): IndexInput => {
  const values = new Map<string, number | null>(INDEX_COMPONENTS.map((c) => [c.id, 10]));
  for (const [k, v] of Object.entries(overrides)) values.set(k, v);
  return { schoolId, values, hasCard: true };
};

describe("standardising a component", () => {
  it("gives (x − mean) / sd with the population sd, and leaves missing values missing", () => {
    expect(standardise([2, 4, null, 6])).toEqual([-Math.sqrt(1.5), 0, null, Math.sqrt(1.5)]);
  });

  it("gives 0 to everyone when nobody differs, and nothing when nobody has the value", () => {
    expect(standardise([5, 5, 5])).toEqual([0, 0, 0]);
    expect(standardise([null, null])).toEqual([null, null]);
  });
});

describe("the index of a region", () => {
  const region = [
    full("poor", { "share-low-income": 50, "share-parents-higher-ed": 5, "remote-km": 80 }),
    full("middle", { "share-low-income": 25, "share-parents-higher-ed": 20, "remote-km": 20 }),
    full("well-off", { "share-low-income": 5, "share-parents-higher-ed": 50, "remote-km": 0 }),
    // Five components known, the other six not.
    full("half-known", Object.fromEntries(INDEX_COMPONENTS.slice(5).map((c) => [c.id, null]))),
  ];
  const out = computeIndex(region);

  it("flips risks so that a higher z is always the better context", () => {
    const lowIncome = (id: string) => out.get(id)!.components.find((c) => c.id === "share-low-income")!.z!;
    const higherEd = (id: string) => out.get(id)!.components.find((c) => c.id === "share-parents-higher-ed")!.z!;
    expect(lowIncome("well-off")).toBeGreaterThan(lowIncome("poor"));
    expect(higherEd("well-off")).toBeGreaterThan(higherEd("poor"));
  });

  it("ranks the most favourable school first and scales the region from 0 to 100", () => {
    expect(out.get("well-off")!.index).toMatchObject({ rank: 1, of: 3, scaled: 100, measured: 11 });
    expect(out.get("middle")!.index).toMatchObject({ rank: 2, scaled: 50 });
    expect(out.get("poor")!.index).toMatchObject({ rank: 3, scaled: 0 });
    expect(out.get("poor")!.index!.value).toBeLessThan(0);
  });

  it("is the mean of the oriented z-scores shown beside it", () => {
    const index = out.get("poor")!.index!;
    const zs = index.components.map((c) => c.z!).filter((z) => z !== null);
    expect(index.value).toBeCloseTo(zs.reduce((s, z) => s + z, 0) / zs.length, 2);
    expect(index.components.map((c) => c.id)).toEqual(INDEX_COMPONENTS.map((c) => c.id));
  });

  it("refuses a school with fewer than half the components and says how many it has", () => {
    expect(requiredComponents()).toBe(6);
    const outcome = out.get("half-known")!;
    expect(outcome.index).toBeNull();
    expect(outcome.reason).toBe("Индекс не рассчитан: известно 5 из 11 составляющих индекса, нужно не меньше 6");
    expect(outcome.components.filter((c) => c.z !== null)).toHaveLength(5);
  });

  it("says that the card is missing when it is", () => {
    const noCard = computeIndex([...region, { schoolId: "no-card", values: new Map(), hasCard: false }]).get("no-card")!;
    expect(noCard.reason).toMatch(/^Индекс не рассчитан: карта условий школы не заполнена \(известно 0 из 11/);
  });

  it("gives tied schools one rank and the middle of their places on the scale", () => {
    const tied = computeIndex([full("a"), full("b"), full("c", { "share-low-income": 40 })]);
    expect(tied.get("a")!.index).toMatchObject({ rank: 1, scaled: 75 });
    expect(tied.get("b")!.index).toMatchObject({ rank: 1, scaled: 75 });
    expect(tied.get("c")!.index).toMatchObject({ rank: 3, scaled: 0 });
  });
});

const value = fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(null) });
const regionArb = fc.array(fc.array(value, { minLength: INDEX_COMPONENTS.length, maxLength: INDEX_COMPONENTS.length }), { minLength: 2, maxLength: 25 });
const inputsOf = (rows: Array<Array<number | null>>): IndexInput[] =>
  rows.map((row, i) => ({ schoolId: `s${i}`, values: new Map(INDEX_COMPONENTS.map((c, k) => [c.id, row[k]!])), hasCard: true }));

describe("properties", () => {
  it("every component's z-scores have mean 0 over the schools that have it (and sd 1 unless all are alike)", () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (values) => {
      const z = standardise(values).filter((v): v is number => v !== null);
      if (z.length === 0) return;
      const mean = z.reduce((s, v) => s + v, 0) / z.length;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      const sd = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
      expect(sd < 1e-9 || Math.abs(sd - 1) < 1e-9).toBe(true);
    }));
  });

  it("a school's index moves with each of its own components in the documented direction", () => {
    fc.assert(fc.property(regionArb, fc.nat(), fc.nat(), fc.double({ min: 0.01, max: 60, noNaN: true }), (rows, pick, comp, delta) => {
      const i = pick % rows.length;
      const k = comp % INDEX_COMPONENTS.length;
      if (rows[i]![k] === null) return;
      const before = computeIndex(inputsOf(rows)).get(`s${i}`)!.index;
      const changed = rows.map((r) => [...r]);
      changed[i]![k] = rows[i]![k]! + delta;
      const after = computeIndex(inputsOf(changed)).get(`s${i}`)!.index;
      if (!before || !after) return;
      if (INDEX_COMPONENTS[k]!.direction === "risk") expect(after.value).toBeLessThanOrEqual(before.value + 1e-9);
      else expect(after.value).toBeGreaterThanOrEqual(before.value - 1e-9);
    }), { numRuns: 300 });
  });

  it("ranks follow the index, and the scale stays within 0–100 with the best school on top", () => {
    fc.assert(fc.property(regionArb, (rows) => {
      const ranked = [...computeIndex(inputsOf(rows)).values()].flatMap((o) => (o.index ? [o.index] : []));
      for (const a of ranked) {
        expect(a.of).toBe(ranked.length);
        expect(a.scaled).toBeGreaterThanOrEqual(0);
        expect(a.scaled).toBeLessThanOrEqual(100);
        expect(a.rank).toBe(1 + ranked.filter((b) => b.value > a.value).length);
        for (const b of ranked) if (a.value > b.value) expect(a.scaled).toBeGreaterThan(b.scaled - 1);
      }
    }));
  });
});
