// The pure parts of the exam-day paths: answers kept in one pass, statement literals, an autosave's view.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { keepKnownAnswers, savedView, toView } from "../../server/modules/attempts/attempt-views.js";
import { literal } from "../../server/db/prepared-statement.js";
import { loadRegistry } from "../../server/bootstrap.js";
import type { InstrumentRegistry, LoadedInstrument } from "../../server/modules/instruments/registry.js";
import { SURVEYS_DIR } from "../support/paths.js";

let registry: InstrumentRegistry;
let math: LoadedInstrument;
beforeAll(async () => {
  registry = await loadRegistry(SURVEYS_DIR);
  math = registry.get("subject-math")!;
});

/** What keepKnownAnswers always meant: the codec over everything, then only known, non-null answers. */
function twoSteps(data: Record<string, unknown>, loaded: LoadedInstrument) {
  const stored = loaded.codec.toStored(data);
  const answers = Object.fromEntries(Object.entries(stored).filter(([k, v]) => loaded.questionNames.has(k) && v !== null));
  return { answers, served: loaded.codec.toServed(answers) };
}

describe("keepKnownAnswers in one pass", () => {
  const dataArb = () => {
    const names = [...math.questionNames];
    const ranking = [...math.translated][0]!;
    const tokens = math.answerKey.items.find((i) => i.name === ranking)!.rule.kind === "order"
      ? (math.answerKey.items.find((i) => i.name === ranking)!.rule as { values: string[] }).values.map((v) => math.codec.served(ranking, v) as string)
      : [];
    const value = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }), fc.shuffledSubarray(tokens), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const key = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...math.translated), fc.string({ maxLength: 8 }));
    return fc.dictionary(key, value, { maxKeys: 40 });
  };

  it("keeps exactly what translating everything and then filtering kept, in the same order, and serves it back the same", () => {
    fc.assert(fc.property(dataArb(), (data) => {
      const kept = keepKnownAnswers(data, math);
      const expected = twoSteps(data, math);
      expect(kept.answers).toEqual(expected.answers);
      expect(Object.keys(kept.answers)).toEqual(Object.keys(expected.answers));
      expect(kept.served).toEqual(expected.served);
      expect(JSON.parse(kept.json)).toEqual(expected.answers);
    }), { numRuns: 400 });
  });

  it("stores a ranking in the file's values and answers it in the served tokens", () => {
    const name = [...math.translated][0]!;
    const values = (math.answerKey.items.find((i) => i.name === name)!.rule as { values: string[] }).values;
    const tokens = values.map((v) => math.codec.served(name, v));
    const kept = keepKnownAnswers({ [name]: tokens, "m-eq-01": "a", unknown: 1, "m-eq-02": null }, math);
    expect(kept.answers).toEqual({ [name]: values, "m-eq-01": "a" });
    expect(kept.served).toEqual({ [name]: tokens, "m-eq-01": "a" });
  });

  it("refuses more than 256 KB of kept answers with 413, whatever was dropped", () => {
    expect(() => keepKnownAnswers({ "m-eq-01": "x".repeat(300_000) }, math)).toThrow(expect.objectContaining({ statusCode: 413, code: "payload_too_large" }));
    expect(keepKnownAnswers({ junk: "x".repeat(300_000) }, math).answers).toEqual({});
  });
});

describe("statement literals", () => {
  it("are escape strings whose every quote and backslash is doubled, so no value ends them", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => {
      const lit = literal(text);
      expect(lit.startsWith("E'") && lit.endsWith("'")).toBe(true);
      const inner = lit.slice(2, -1);
      // Reading it back the way PostgreSQL reads an E'' string gives the value; no lone quote remains.
      expect(inner.replace(/''/g, "").includes("'")).toBe(false);
      expect(inner.replace(/\\\\|''/g, (m) => m[0]!)).toBe(text);
    }), { numRuns: 500 });
  });

  it("write numbers, dates and null as PostgreSQL reads parameters, and refuse anything else", () => {
    expect(literal(null)).toBe("NULL");
    expect(literal(undefined)).toBe("NULL");
    expect(literal(48.275862068965516)).toBe("E'48.275862068965516'");
    expect(literal(new Date("2026-12-02T10:00:00Z"))).toBe("E'2026-12-02T10:00:00.000Z'");
    expect(literal(true)).toBe("E'true'");
    expect(() => literal({ a: 1 })).toThrow(TypeError);
  });
});

describe("an autosave's view", () => {
  it("is the view of the row it wrote", () => {
    const started = new Date("2026-12-02T09:00:00Z");
    const deadline = new Date("2026-12-02T10:50:00Z");
    const data = { "m-eq-01": "a" };
    const row = { id: "a-1", instrument_id: "subject-math", version: 1, status: "in_progress" as const, data, current_page: 3, started_at: started, submitted_at: null, deadline_at: deadline };
    const { serverTime: _a, ...full } = toView(row, math.codec);
    const { serverTime: _b, ...saved } = savedView("a-1", { instrument_id: "subject-math", version: 1, user_id: "u", respondent_key: null, started_at: started, deadline_at: deadline }, { current_page: 3 }, data);
    expect(saved).toEqual(full);
  });
});
