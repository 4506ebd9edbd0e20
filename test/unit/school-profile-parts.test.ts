// Pure parts of the profile and the registry: the team's summary, climate as shown (never a hidden figure), the registry's filters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClimateGroup } from "../../server/modules/climate/climate-results.js";
import { filterRegistry, registrySheet } from "../../server/modules/schools/registry-rows.js";
import { profileClimate, registryClimate, shownClimate } from "../../server/modules/schools/school-climate.js";
import type { RegistryRow } from "../../server/modules/schools/school-profile.schemas.js";
import { teamSummary, type TeamResult } from "../../server/modules/schools/team-deficits.js";

const result = (userId: string, testSubject: string, competencyId: string, level: TeamResult["level"], percent = 30): TeamResult => ({
  userId, testSubject, competencyId, title: `Тема ${competencyId}`, area: competencyId.startsWith("method.") ? "method" : "subject",
  subject: competencyId.startsWith("method.") ? null : competencyId.split(".")[0]!, level, percent, measuredAt: new Date("2026-10-01T10:00:00Z"),
});

describe("the team's summary", () => {
  const members = [
    { id: "u1", name: "Андреева", position: null, subjects: ["math"] },
    { id: "u2", name: "Борисов", position: null, subjects: ["math", "physics"] },
    { id: "u3", name: "Власова", position: null, subjects: ["russian"] },
  ];

  it("counts a methodological competency once per person, at the weakest of their tests", () => {
    const s = teamSummary(members, [
      result("u2", "math", "method.x", "proficient", 80), result("u2", "physics", "method.x", "deficit", 20),
      result("u2", "math", "math.a", "partial", 60), result("u1", "math", "math.a", "deficit"), result("u1", "math", "method.x", "partial", 55),
    ]);
    expect(s).toMatchObject({ total: 3, tested: 2, withDeficits: 2, deficitShare: 1 });
    expect(s.methods).toEqual([{ id: "method.x", title: "Тема method.x", tested: 2, deficit: 1, partial: 1, proficient: 0 }]);
    expect(s.bySubject.map((x) => [x.subject, x.tested, x.withDeficits])).toEqual([["math", 2, 1], ["physics", 1, 0]]);
    expect(s.people.find((p) => p.id === "u2")).toMatchObject({ tested: ["math", "physics"], deficits: ["method.x"] });
    expect(s.people.find((p) => p.id === "u3")).toMatchObject({ tested: [], deficits: [], measuredAt: null });
    expect(s.frequent.map((f) => [f.id, f.deficit, f.share])).toEqual([["math.a", 1, 0.5], ["method.x", 1, 0.5]]);
  });

  it("nobody tested: shares are 0, lists empty", () => {
    expect(teamSummary(members, [])).toMatchObject({ tested: 0, withDeficits: 0, deficitShare: 0, bySubject: [], methods: [], frequent: [] });
  });

  it("property: the share is those with a deficit over those tested, and a person is tested in each subject they have results for", () => {
    const levelArb = fc.constantFrom("deficit" as const, "partial" as const, "proficient" as const);
    fc.assert(fc.property(fc.array(fc.record({ user: fc.constantFrom("u1", "u2", "u3"), subject: fc.constantFrom("math", "physics"), c: fc.constantFrom("a", "b", "method.x"), level: levelArb }), { maxLength: 20 }), (rows) => {
      const results = rows.map((r) => result(r.user, r.subject, r.c.startsWith("method.") ? r.c : `${r.subject}.${r.c}`, r.level));
      const s = teamSummary(members, results);
      const tested = new Set(results.map((r) => r.userId));
      const withDeficit = new Set(results.filter((r) => r.level === "deficit").map((r) => r.userId));
      expect(s.tested).toBe(tested.size);
      expect(s.withDeficits).toBe(withDeficit.size);
      expect(s.deficitShare).toBe(tested.size ? Math.round((1000 * withDeficit.size) / tested.size) / 1000 : 0);
      for (const subject of s.bySubject) expect(subject.tested).toBe(new Set(results.filter((r) => r.testSubject === subject.subject).map((r) => r.userId)).size);
    }), { numRuns: 200 });
  });
});

const groupArb = fc.record({
  audience: fc.constantFrom("teacher" as const, "student" as const, "parent" as const),
  respondents: fc.integer({ min: 0, max: 30 }),
  suppressed: fc.boolean(),
  reason: fc.constantFrom("small" as const, "complementary" as const),
  scales: fc.array(fc.record({ id: fc.constantFrom("s1", "s2", "s3"), score: fc.double({ min: 0, max: 100, noNaN: true }), band: fc.constantFrom("favourable" as const, "partly" as const, "unfavourable" as const) }), { maxLength: 3 }),
}).map((g): ClimateGroup => ({
  audience: g.audience, respondents: g.respondents, suppressed: g.suppressed, ...(g.suppressed ? { reason: g.reason } : {}),
  // A suppressed group carries no scales (the climate module's rule); the property holds even if one did.
  scales: g.scales.map((s) => ({ ...s, title: s.id, respondents: g.respondents })), hiddenScales: [],
}));

describe("climate as the profile, the registry and the risks read it", () => {
  it("property: no figure of a suppressed group passes, in the profile, the registry row, the export or the risk rules", () => {
    fc.assert(fc.property(fc.uniqueArray(groupArb, { selector: (g) => g.audience, maxLength: 3 }), (groups) => {
      const profile = profileClimate(groups);
      expect(profile.map((g) => g.audience)).toEqual(["teacher", "student", "parent"]);
      for (const g of profile) {
        const source = groups.find((x) => x.audience === g.audience);
        if (!source || source.suppressed || source.respondents === 0) expect(g).toMatchObject({ suppressed: true, scales: [] });
      }
      const shownScales = groups.filter((g) => !g.suppressed).flatMap((g) => g.scales);
      const row = registryClimate(groups);
      expect(row.scales).toBe(shownScales.length);
      expect(row.favourableShare).toBe(shownScales.length ? Math.round((1000 * shownScales.filter((s) => s.band === "favourable").length) / shownScales.length) / 10 : null);
      expect(shownClimate(groups).map((g) => g.audience).sort()).toEqual(groups.filter((g) => !g.suppressed && g.scales.length).map((g) => g.audience).sort());
      const sheet = registrySheet([{ ...BASE_ROW, climate: row }], 5);
      if (row.favourableShare === null) expect(sheet.rows[0]!.favourable).toBeNull();
    }), { numRuns: 300 });
  });
});

const BASE_ROW: RegistryRow = {
  schoolId: "s", name: "Школа", shortName: "Ш", municipalityId: "m1", municipalityName: "Район", index: null, clusters: [], risks: [],
  coverage: { assigned: 0, started: 0, submitted: 0 },
  climate: { audiences: [], scales: 0, favourable: 0, favourableShare: null },
};

describe("the registry's filters", () => {
  const rows: RegistryRow[] = [
    { ...BASE_ROW, schoolId: "a", clusters: ["low-results"], risks: [{ id: "equipment", level: "high" }, { id: "motivation", level: "unknown" }] },
    { ...BASE_ROW, schoolId: "b", municipalityId: "m2", risks: [{ id: "equipment", level: "medium" }, { id: "motivation", level: "low" }] },
    { ...BASE_ROW, schoolId: "c", clusters: ["low-results", "non-native"], risks: [{ id: "equipment", level: "low" }, { id: "motivation", level: "low" }] },
  ];
  const ids = (f: Parameters<typeof filterRegistry>[1]) => filterRegistry(rows, f).map((r) => r.schoolId);

  it("a risk alone means medium or high; with a level exactly it; a level alone any factor at it", () => {
    expect(ids({ risk: "equipment" })).toEqual(["a", "b"]);
    expect(ids({ risk: "equipment", level: "low" })).toEqual(["c"]);
    expect(ids({ level: "unknown" })).toEqual(["a"]);
    expect(ids({ cluster: "low-results", municipalityId: "m1" })).toEqual(["a", "c"]);
    expect(ids({ cluster: "non-native", risk: "equipment" })).toEqual([]);
  });
});
