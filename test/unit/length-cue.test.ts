// The checker refuses items whose key can be spotted as the conspicuously longest option.
import { describe, expect, it } from "vitest";
import { validateInstrument } from "../../server/modules/instruments/instrument-validation.js";
import type { Catalogues, InstrumentDefinition } from "../../server/modules/instruments/instrument.types.js";

const catalogues: Catalogues = {
  competencies: [{ id: "lead.team", title: "Команда", area: "leadership" }],
  laborActions: [], courses: [],
};

/** A leader instrument whose cases have the best option `keyLength` characters long, the others 40. */
function leaderWithCases(keyLengths: number[]): InstrumentDefinition {
  const cases = keyLengths.map((keyLength, i) => ({
    type: "radiogroup", name: `case-${i}`, competency: "lead.team",
    choices: ["a", "b", "c", "d"].map((v) => ({ value: v, text: (v === "a" ? "к" : "д").repeat(v === "a" ? keyLength : 40) })),
    choiceScores: { a: 3, b: 2, c: 1, d: 0 },
  }));
  return {
    id: "leader-x", version: 1, kind: "leader", audience: ["principal"], title: "x",
    survey: { locale: "ru", pages: [{ elements: cases as never }] },
  };
}

const messages = (def: InstrumentDefinition) => validateInstrument(def, "surveys/leader-x.json", catalogues).map((p) => `${p.question ?? ""} ${p.message}`);

describe("the length cue", () => {
  it("names an item whose key is over 1.5 times longer than any other option", () => {
    expect(messages(leaderWithCases([61, 30, 30, 30, 30])).filter((m) => m.includes("длина выдаёт ответ"))).toEqual([
      expect.stringContaining("case-0"),
    ]);
  });

  it("refuses an instrument whose key is the longest option in more than 40% of items", () => {
    expect(messages(leaderWithCases([45, 45, 45, 30, 30])).some((m) => m.includes("самый длинный вариант в 3 из 5"))).toBe(true);
    expect(messages(leaderWithCases([45, 45, 30, 30, 30])).some((m) => m.includes("самый длинный вариант"))).toBe(false);
  });
});
