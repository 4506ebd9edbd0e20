// A person's progress across waves: pooling within a wave, order by campaign date, the change judged against the error, words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildProgress, FEW_ITEMS, type WaveMeasurement } from "../../server/modules/progress/progress-build.js";
import { binomialSem, pool, reliableChange } from "../../server/modules/progress/reliable-change.js";

const at = (day: string) => new Date(`${day}T10:00:00Z`);
const INPUT = { campaignId: "c-in", campaignTitle: "Входная", wave: "input", startsOn: "2026-03-01", submittedAt: at("2026-03-05") } as const;
const MIDDLE = { campaignId: "c-mid", campaignTitle: "Промежуточная", wave: "intermediate", startsOn: "2026-10-01", submittedAt: at("2026-10-03") } as const;

function m(campaign: typeof INPUT | typeof MIDDLE, competencyId: string, percent: number, over: Partial<WaveMeasurement> = {}): WaveMeasurement {
  const items = over.items ?? 5;
  return {
    ...campaign, instrumentId: "subject-math", competencyId, title: competencyId, area: competencyId.startsWith("method.") ? "method" : "subject",
    score: (percent / 100) * items, maxScore: items, percent, level: percent < 50 ? "deficit" : percent < 75 ? "partial" : "proficient",
    items, sem: binomialSem(percent, items), semMethod: "binomial", ...over,
  };
}

describe("progress across waves", () => {
  it("orders each competency's waves by the campaign's first day, whatever order the rows come in, and compares first with last", () => {
    const { competencies } = buildProgress([m(MIDDLE, "math.equations", 100, { sem: 8 }), m(INPUT, "math.equations", 20, { sem: 8 })]);
    const [c] = competencies;
    expect(c!.waves.map((w) => w.wave)).toEqual(["input", "intermediate"]);
    expect(c!.change).toMatchObject({ from: 20, to: 100, reliable: true, direction: "growth", fromCampaignId: "c-in", toCampaignId: "c-mid" });
    expect(c!.words).toBe("Рост надёжный: с 20% до 100% (дефицит → освоено).");
  });

  it("says when a change is within the error, and when there is only one measurement yet", () => {
    const { competencies, summary } = buildProgress([m(INPUT, "math.functions", 40), m(MIDDLE, "math.functions", 60), m(INPUT, "math.probability", 55)]);
    const functions = competencies.find((c) => c.id === "math.functions")!;
    expect(functions.change?.reliable).toBe(false);
    expect(functions.words).toMatch(/^Изменение в пределах погрешности измерения: с 40% до 60%/);
    const once = competencies.find((c) => c.id === "math.probability")!;
    expect(once.change).toBeUndefined();
    expect(once.words).toMatch(/^Одно измерение: 55% \(входная диагностика\)/);
    expect(summary).toMatchObject({ compared: 1, growth: 0, decline: 0, withinError: 1, measuredOnce: 1 });
    expect(summary.text).toMatch(/^Входная диагностика → промежуточная диагностика: из 1 сравнённой компетенции надёжного роста нет/);
  });

  it("pools one competency measured by two tests of one wave: points summed, errors weighted", () => {
    const parts = [m(INPUT, "method.assessment", 0, { instrumentId: "subject-russian", items: 3, score: 0, maxScore: 3 }), m(INPUT, "method.assessment", 100, { instrumentId: "subject-literature", items: 3, score: 3, maxScore: 3 })];
    const { competencies } = buildProgress(parts);
    const wave = competencies[0]!.waves[0]!;
    expect(wave.percent).toBe(50);
    expect(wave.level).toBe("partial");
    expect(wave.items).toBe(6);
    expect(wave.instrumentIds).toEqual(["subject-literature", "subject-russian"]);
    expect(wave.sem).toBeCloseTo(pool(parts).sem, 12);
  });

  it("flags subscores of fewer than five items as a profile, not a verdict", () => {
    const { competencies } = buildProgress([m(INPUT, "method.lesson-design", 0, { items: 3 }), m(MIDDLE, "method.lesson-design", 100, { items: 3 })]);
    expect(competencies[0]!.fewItems).toBe(true);
    expect(competencies[0]!.words).toContain("мало заданий (3)");
    expect(FEW_ITEMS).toBe(5);
  });

  it("puts subject competencies before methodological ones and says there is nothing yet without results", () => {
    const { competencies } = buildProgress([m(INPUT, "method.assessment", 10), m(INPUT, "math.word-problems", 10)]);
    expect(competencies.map((c) => c.area)).toEqual(["subject", "method"]);
    expect(buildProgress([]).summary.text).toBe("Диагностика ещё не пройдена: сравнивать пока нечего.");
  });

  const arbitraryRows = fc.array(fc.record({
    competency: fc.constantFrom("math.equations", "math.functions", "method.assessment"),
    middle: fc.boolean(),
    percent: fc.double({ min: 0, max: 100, noNaN: true }),
    sem: fc.double({ min: 1, max: 30, noNaN: true }),
  }), { maxLength: 6 }).map((rows) => {
    // One result per competency and campaign, as attempts allow for one instrument.
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(`${r.competency}${r.middle}`) && seen.add(`${r.competency}${r.middle}`))
      .map((r) => m(r.middle ? MIDDLE : INPUT, r.competency, r.percent, { sem: r.sem }));
  });

  it("property: reliable is the Jacobson–Truax verdict on the first and last wave's own errors; the summary adds up", () => {
    fc.assert(fc.property(arbitraryRows, (rows) => {
      const { competencies, summary } = buildProgress(rows);
      for (const c of competencies) {
        for (let i = 1; i < c.waves.length; i++) expect(c.waves[i - 1]!.startsOn <= c.waves[i]!.startsOn).toBe(true);
        if (c.waves.length < 2) { expect(c.change).toBeUndefined(); continue; }
        const first = c.waves[0]!, last = c.waves[c.waves.length - 1]!;
        expect(c.change!.reliable).toBe(reliableChange(first, last).reliable);
        expect(c.change!.reliable).toBe(Math.abs(last.percent - first.percent) > 1.96 * Math.sqrt(first.sem ** 2 + last.sem ** 2));
      }
      expect(summary.growth + summary.decline + summary.withinError).toBe(summary.compared);
      expect(summary.compared + summary.measuredOnce).toBe(competencies.length);
    }));
  });
});
