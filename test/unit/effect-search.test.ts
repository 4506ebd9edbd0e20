// The effect page's address and its default pair of waves: the latest later wave, against the input wave that covered the same schools.
import { describe, expect, it } from "vitest";
import { defaultWaves, filtersFromSearch, searchOf, type Campaign } from "../../client/src/features/progress/effect-search.js";

const campaign = (id: string, wave: Campaign["wave"], startsOn: string, over: Partial<Campaign> = {}): Campaign => ({
  id, title: id, wave, status: "closed", instrumentIds: ["subject-math"], startsOn, endsOn: startsOn, municipalityIds: [], schoolIds: [],
  targets: {}, inWindow: false, createdAt: `${startsOn}T00:00:00Z`, ...over,
});

describe("the effect page's default waves", () => {
  it("compares the latest begun intermediate wave with the input wave before it that covered the same schools", () => {
    const list = [
      campaign("pilot-in", "input", "2026-04-01", { schoolIds: ["s1", "s2"] }),
      campaign("others-in", "input", "2026-09-01", { schoolIds: ["s3"], status: "active" }),
      campaign("pilot-mid", "intermediate", "2026-10-20", { schoolIds: ["s1", "s2"] }),
      campaign("others-mid", "intermediate", "2027-03-01", { schoolIds: ["s3"], status: "planned" }),
    ];
    expect(defaultWaves(list, "2026-12-01")).toEqual({ from: "pilot-in", to: "pilot-mid" });
  });

  it("takes a region-wide input wave as covering everyone, falls back to the latest input, and is empty without a pair", () => {
    expect(defaultWaves([campaign("in", "input", "2026-01-01"), campaign("mid", "intermediate", "2026-06-01", { municipalityIds: ["m1"] })], "2026-12-01"))
      .toEqual({ from: "in", to: "mid" });
    expect(defaultWaves([campaign("in", "input", "2026-01-01", { schoolIds: ["a"] }), campaign("fin", "final", "2026-06-01", { schoolIds: ["b"] })], "2026-12-01"))
      .toEqual({ from: "in", to: "fin" });
    expect(defaultWaves([campaign("mid", "intermediate", "2026-06-01")], "2026-12-01")).toEqual({ from: "", to: "" });
    expect(defaultWaves([campaign("in", "input", "2026-01-01"), campaign("mid", "intermediate", "2027-06-01")], "2026-12-01")).toEqual({ from: "", to: "" });
  });

  it("keeps the chosen filters in the address, in a fixed order, and reads them back", () => {
    const filters = { from: "a", to: "b", subject: "", municipalityId: "m1" };
    expect(searchOf(filters, { format: "xlsx" })).toBe("from=a&to=b&municipalityId=m1&format=xlsx");
    expect(filtersFromSearch(`?${searchOf(filters)}`)).toEqual(filters);
  });
});
