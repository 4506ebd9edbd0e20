// How a typed answer is compared with its key: the spellings a teacher would accept as the same answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, textMatches } from "../../server/modules/scoring/text-answers.js";

const LETTERS = [..."abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюя"];
const word = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 10 });
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(" "));
const blank = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\u00a0"), maxLength: 3 });

describe("normalizeText", () => {
  it.each([
    ["  Барокко ", "барокко"],
    ["Пятистопный   хорей", "пятистопный хорей"],
    ["пятистопный\tхорей\n", "пятистопный хорей"],
    ["Ёлка", "елка"],
    ["четырёхстопный", "четырехстопный"],
  ])("reads %j as the text %j", (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized);
  });

  it.each([
    ["12,5", "12.5"], ["12.5", "12.5"], ["12,50", "12.5"], ["2.50", "2.5"], [" 88 ", "88"], ["088", "088"], ["0110", "0110"], ["8 8", "8 8"], ["12345678901234567890", "12345678901234567890"], ["+6", "6"], ["−0", "0"],
    ["1 000", "1000"], ["-3", "-3"], ["−3", "-3"], ["-1,2", "-1.2"], ["0,5", "0.5"], ["25,0", "25"],
  ])("reads %j as the number %j", (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized);
  });

  it.each([["06:40", "06:40"], ["12/25", "12/25"], ["2,3,4", "2,3,4"], ["x = 3", "x = 3"], ["1649 г.", "1649 г."]])(
    "keeps %j as text, since it is not a plain number", (raw, normalized) => {
      expect(normalizeText(raw)).toBe(normalized);
    },
  );

  it("is idempotent: a normalized answer normalizes to itself", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), phrase, fc.double({ noNaN: true }).map(String), fc.integer().map(String)), (raw) => {
      const once = normalizeText(raw);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 500 });
  });
});

describe("textMatches", () => {
  it("ignores case and surrounding whitespace of any phrase", () => {
    fc.assert(fc.property(phrase, blank, blank, fc.boolean(), (text, before, after, upper) => {
      const typed = `${before}${upper ? text.toUpperCase() : text}${after}`;
      expect(textMatches(typed, [normalizeText(text)])).toBe(true);
    }), { numRuns: 300 });
  });

  it("reads a decimal comma as a point, whichever the key uses", () => {
    fc.assert(fc.property(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.boolean(), (whole, fraction, keyWithComma) => {
      const comma = `${whole},${fraction}`;
      const point = `${whole}.${fraction}`;
      const [key, typed] = keyWithComma ? [comma, point] : [point, comma];
      expect(textMatches(typed, [normalizeText(key)])).toBe(true);
    }), { numRuns: 300 });
  });

  it("treats ё and е as the same letter", () => {
    fc.assert(fc.property(phrase, fc.nat(), (text, at) => {
      const letters = [...text];
      const i = at % letters.length;
      if (letters[i] === " ") return;
      const withYo = [...letters.slice(0, i), "ё", ...letters.slice(i + 1)].join("");
      const withYe = [...letters.slice(0, i), "е", ...letters.slice(i + 1)].join("");
      expect(textMatches(withYo, [normalizeText(withYe)])).toBe(true);
      expect(textMatches(withYe, [normalizeText(withYo)])).toBe(true);
    }), { numRuns: 300 });
  });

  it("a number typed as a number matches its key", () => {
    expect(textMatches(88, [normalizeText("88")])).toBe(true);
    expect(textMatches(12.5, [normalizeText("12,5")])).toBe(true);
    expect(textMatches(-3, [normalizeText("−3")])).toBe(true);
    expect(textMatches(87, [normalizeText("88")])).toBe(false);
  });

  it("distinguishes different words and different numbers", () => {
    fc.assert(fc.property(phrase, phrase, (a, b) => {
      fc.pre(a !== b);
      expect(textMatches(a, [normalizeText(b)])).toBe(false);
    }), { numRuns: 300 });
    expect(textMatches("12,6", [normalizeText("12,5")])).toBe(false);
    expect(textMatches("125", [normalizeText("12,5")])).toBe(false);
  });

  it("a blank answer never matches, even a blank key", () => {
    fc.assert(fc.property(blank, (typed) => {
      expect(textMatches(typed, [""])).toBe(false);
    }), { numRuns: 50 });
  });

  it("anything but a string or a number never matches", () => {
    for (const answer of [null, undefined, true, ["88"], { value: "88" }]) expect(textMatches(answer, ["88", "true"])).toBe(false);
  });

  it("matches any one of several accepted spellings", () => {
    const accepted = ["88", "88 км/ч"].map(normalizeText);
    expect(textMatches("88 КМ/Ч", accepted)).toBe(true);
    expect(textMatches("88,0", accepted)).toBe(true);
    expect(textMatches("88 км", accepted)).toBe(false);
  });
});
