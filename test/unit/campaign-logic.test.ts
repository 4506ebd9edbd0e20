// The campaign pages' pure logic: the form's request body and checks, scope and target words, coverage bars and target bars.
import fc from "fast-check";
import { coverageBars } from "../../client/src/lib/coverage-bars.js";
import { describe, expect, it } from "vitest";
import {
  bodyOf, emptyForm, formOf, localDay, modeOf, scopeText, shortInstrumentTitle, targetBars, targetsText, type CampaignForm,
} from "../../client/src/features/campaigns/campaign-logic.js";
import type { Campaign, Coverage } from "../../client/src/features/campaigns/campaigns-api.js";

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: "c", title: "Входная диагностика", wave: "input", status: "planned", instrumentIds: ["subject-math"], startsOn: "2026-10-01", endsOn: "2026-11-30",
  municipalityIds: [], schoolIds: [], targets: {}, inWindow: false, createdAt: "2026-09-01T00:00:00.000Z", ...over,
});
const form = (over: Partial<CampaignForm> = {}): CampaignForm => ({ ...emptyForm("2026-10-01", "2026-10-31"), title: "Диагностика", instrumentIds: ["subject-math"], ...over });

describe("the campaign form by example", () => {
  it("turns a filled form into the request body: trimmed title, scope of the chosen mode only, targets as numbers and a share", () => {
    const result = bodyOf(form({
      title: "  Итоговая диагностика  ", wave: "final", scope: "municipalities", municipalityIds: ["m1", "m2", "m1"], schoolIds: ["s-low"],
      targetTeachers: "1100", targetPrincipals: " 94 ", targetSchoolPercent: "60",
    }));
    expect(result.body).toEqual({
      title: "Итоговая диагностика", wave: "final", startsOn: "2026-10-01", endsOn: "2026-10-31", instrumentIds: ["subject-math"],
      municipalityIds: ["m1", "m2"], schoolIds: [], targets: { teachers: 1100, principals: 94, schoolShare: 0.6 },
    });
  });

  it("sends empty targets as none at all, so that a change can clear them", () => {
    expect(bodyOf(form()).body?.targets).toEqual({});
  });

  it("names every problem, in Russian, field by field", () => {
    const { errors } = bodyOf(form({
      title: " ab ", startsOn: "2026-10-10", endsOn: "2026-10-01", instrumentIds: [], scope: "schools", schoolIds: [],
      targetTeachers: "-5", targetPrincipals: "1.5", targetSchoolPercent: "120",
    }));
    expect(Object.keys(errors ?? {}).sort()).toEqual(["endsOn", "instrumentIds", "schoolIds", "targetPrincipals", "targetSchoolPercent", "targetTeachers", "title"]);
    for (const message of Object.values(errors ?? {})) expect(message).toMatch(/[а-яё]/i);
  });

  it("accepts a share with a comma and one decimal", () => {
    expect(bodyOf(form({ targetSchoolPercent: "62,5" })).body?.targets).toEqual({ schoolShare: 0.625 });
  });

  it("reads a campaign back into the form, and the form gives the same campaign", () => {
    const c = campaign({ municipalityIds: ["m1"], schoolIds: ["s-other"], targets: { teachers: 1100, principals: 94, schoolShare: 0.6 } });
    const f = formOf(c);
    expect(f).toMatchObject({ scope: "both", targetTeachers: "1100", targetSchoolPercent: "60" });
    expect(bodyOf(f).body).toMatchObject({ municipalityIds: ["m1"], schoolIds: ["s-other"], targets: c.targets });
  });
});

describe("words for a campaign", () => {
  const names = new Map([["m1", "Первый район"], ["m2", "Второй район"], ["m3", "Третий район"]]);
  it("says the scope as people would", () => {
    expect(scopeText(campaign(), names)).toBe("Весь регион");
    expect(scopeText(campaign({ municipalityIds: ["m1"] }), names)).toBe("Первый район");
    expect(scopeText(campaign({ municipalityIds: ["m1", "m2", "m3"] }), names)).toBe("3 муниципалитета");
    expect(scopeText(campaign({ municipalityIds: ["m1"], schoolIds: ["a", "b", "c", "d", "e"] }), names)).toBe("Первый район и 5 школ");
    expect(scopeText(campaign({ schoolIds: ["a"] }), new Map())).toBe("1 школа");
  });

  it("says the targets with the right word forms", () => {
    expect(targetsText({ teachers: 1100, principals: 94, schoolShare: 0.6 })).toBe("1\u00a0100 учителей · 94 руководителя · 60% школ");
    expect(targetsText({ teachers: 21, principals: 1 })).toBe("21 учитель · 1 руководитель");
    expect(targetsText({})).toBe("");
  });

  it("counts days in the local calendar across month ends", () => {
    expect(localDay(1, new Date(2026, 0, 31, 23, 30))).toBe("2026-02-01");
    expect(localDay(0, new Date(2026, 11, 31, 0, 5))).toBe("2026-12-31");
  });
});

const counts = (assigned: number, started: number, submitted: number) => ({ assigned, started, submitted });
const coverage = (over: Partial<Coverage> = {}): Coverage => ({
  campaignId: "c", ...counts(120, 60, 40),
  roles: { teachers: counts(100, 50, 35), principals: counts(20, 10, 5) },
  schools: { total: 10, covered: 7 }, targets: {}, municipalities: [], instruments: [], ...over,
});

describe("progress against targets", () => {
  it("runs against the region's targets for staff, and reports a reached share of schools as good", () => {
    const bars = targetBars(coverage(), { teachers: 80, principals: 20, schoolShare: 0.6 }, false);
    expect(bars.map((b) => [b.key, b.value, b.max, b.good])).toEqual([["teachers", 35, 80, false], ["principals", 5, 20, false], ["schools", 7, 10, true]]);
    expect(bars[2]!.note).toBe("цель — 60% школ (6 из 10)");
  });

  it("runs against those assigned for a coordinator, the region's target only a note", () => {
    const bars = targetBars(coverage(), { teachers: 1100 }, true);
    expect(bars[0]).toMatchObject({ value: 35, max: 100, note: "из назначенных; цель региона — 1\u00a0100" });
  });

  it("leaves out a role nobody was assigned, unless it has a target", () => {
    const noPrincipals = coverage({ roles: { teachers: counts(10, 5, 2), principals: counts(0, 0, 0) } });
    expect(targetBars(noPrincipals, {}, false).map((b) => b.key)).toEqual(["teachers", "schools"]);
    expect(targetBars(noPrincipals, { principals: 5 }, false).map((b) => b.key)).toEqual(["teachers", "principals", "schools"]);
  });
});

describe("properties", () => {
  const count = fc.integer({ min: -5, max: 5000 });
  it("coverage bars are never negative and add up to those assigned", () => {
    fc.assert(fc.property(fc.array(fc.record({ id: fc.string(), name: fc.string(), assigned: count, started: count, submitted: count })), (rows) => {
      const bars = coverageBars(rows);
      bars.forEach((b, i) => {
        expect(Math.min(b.submitted, b.inProgress, b.notStarted)).toBeGreaterThanOrEqual(0);
        expect(b.submitted + b.inProgress + b.notStarted).toBe(Math.max(0, rows[i]!.assigned));
      });
    }));
  });

  it("for consistent figures the bars are exactly прошли, начали − прошли, назначено − начали", () => {
    fc.assert(fc.property(fc.nat(5000), fc.nat(5000), fc.nat(5000), (a, b, c) => {
      const [submitted, started, assigned] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      expect(coverageBars([{ id: "m", name: "М", assigned, started, submitted }])[0]).toEqual({ id: "m", label: "М", submitted, inProgress: started - submitted, notStarted: assigned - started });
    }));
  });

  const day = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const ids = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { maxLength: 6 });
  const validCampaign = fc.record({
    title: fc.string({ minLength: 3, maxLength: 60 }).filter((t) => t.trim() === t && t.length >= 3),
    wave: fc.constantFrom("input" as const, "intermediate" as const, "final" as const),
    days: fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    instrumentIds: ids.filter((i) => i.length > 0),
    municipalityIds: ids, schoolIds: ids,
    teachers: fc.option(fc.nat(10_000_000), { nil: undefined }),
    principals: fc.option(fc.nat(1_000_000), { nil: undefined }),
    share: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), { nil: undefined }),
  });

  it("a campaign read into the form and sent back is the same campaign", () => {
    fc.assert(fc.property(validCampaign, (v) => {
      const targets = { ...(v.teachers !== undefined ? { teachers: v.teachers } : {}), ...(v.principals !== undefined ? { principals: v.principals } : {}), ...(v.share !== undefined ? { schoolShare: v.share } : {}) };
      const c = campaign({ title: v.title, wave: v.wave, startsOn: v.days[0]!, endsOn: v.days[1]!, instrumentIds: v.instrumentIds, municipalityIds: v.municipalityIds, schoolIds: v.schoolIds, targets });
      const f = formOf(c);
      expect(f.scope).toBe(modeOf(v.municipalityIds, v.schoolIds));
      expect(bodyOf(f).body).toEqual({
        title: c.title, wave: c.wave, startsOn: c.startsOn, endsOn: c.endsOn, instrumentIds: c.instrumentIds,
        municipalityIds: c.municipalityIds, schoolIds: c.schoolIds, targets,
      });
    }));
  });

  it("never sends a body the server would refuse for its dates, title, instruments or targets", () => {
    const text = fc.oneof(fc.string({ maxLength: 8 }), fc.nat(200).map(String), fc.constant(""));
    fc.assert(fc.property(
      fc.record({ title: fc.string({ maxLength: 12 }), startsOn: fc.oneof(day, fc.string({ maxLength: 10 })), endsOn: fc.oneof(day, fc.string({ maxLength: 10 })),
        instrumentIds: ids, scope: fc.constantFrom("region" as const, "municipalities" as const, "schools" as const, "both" as const),
        municipalityIds: ids, schoolIds: ids, targetTeachers: text, targetPrincipals: text, targetSchoolPercent: text }),
      (input) => {
        const { body } = bodyOf({ ...form(), ...input });
        if (!body) return;
        expect(body.title.length).toBeGreaterThanOrEqual(3);
        expect(body.startsOn <= body.endsOn).toBe(true);
        expect(body.instrumentIds!.length).toBeGreaterThan(0);
        if (input.scope !== "region") expect(body.municipalityIds!.length + body.schoolIds!.length).toBeGreaterThan(0);
        else expect([body.municipalityIds, body.schoolIds]).toEqual([[], []]);
        const t = body.targets!;
        if (t.schoolShare !== undefined) expect(t.schoolShare >= 0 && t.schoolShare <= 1).toBe(true);
        for (const n of [t.teachers, t.principals]) if (n !== undefined) expect(Number.isInteger(n) && n >= 0).toBe(true);
      },
    ));
  });
});

describe("short instrument titles", () => {
  it("shortens the library's long titles and keeps any other", () => {
    expect(shortInstrumentTitle("Диагностика предметной и методической компетентности учителя литературы")).toBe("Тест учителя литературы");
    expect(shortInstrumentTitle("Диагностика управленческих компетенций руководителя школы")).toBe("Диагностика руководителя");
    expect(shortInstrumentTitle("Карта условий школы")).toBe("Карта условий школы");
  });
});
