// Behind a deficit: missed items counted by topic, kind and labour action, and nothing of an item's content in the answer.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../server/bootstrap.js";
import type { InstrumentRegistry } from "../../server/modules/instruments/registry.js";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { deficitDetail, itemFactsOf, KIND_TITLES, topicTitle } from "../../server/modules/progress/deficit-details.js";
import { SURVEYS_DIR } from "../support/paths.js";
import { forbiddenTexts, leaks } from "./item-content.js";

let registry: InstrumentRegistry;
let labor: Map<string, string>;
beforeAll(async () => {
  registry = await loadRegistry(SURVEYS_DIR);
  labor = new Map(registry.catalogues.laborActions.map((a) => [a.code, a.title]));
});

describe("what stands behind a deficit", () => {
  it("names topics by the survey's page titles without their numbers", () => {
    expect(topicTitle("Часть 1. Текстовые задачи")).toBe("Текстовые задачи");
    expect(topicTitle("Область 3. Развитие кадров")).toBe("Развитие кадров");
    expect(topicTitle("Перед началом")).toBe("Перед началом");
  });

  it("knows every scored item of every instrument: its competency, page and kind", () => {
    for (const loaded of registry.all()) {
      const facts = itemFactsOf(loaded.definition);
      for (const item of loaded.answerKey.items) {
        const f = facts.get(item.name);
        expect(f, `${loaded.definition.id}/${item.name}`).toBeDefined();
        expect(f!.competency).toBe(item.competency);
        expect(f!.kind).not.toBe("other");
        expect(f!.topic).not.toMatch(/^Часть \d/);
      }
    }
  });

  it("counts everything as missed when nothing was answered, by topic, kind and labour action", () => {
    const loaded = registry.get("subject-math")!;
    const facts = itemFactsOf(loaded.definition);
    const d = deficitDetail("method.assessment", loaded.answerKey, facts, {}, labor);
    const items = loaded.answerKey.items.filter((i) => i.competency === "method.assessment");
    expect(d.items).toBe(items.length);
    expect(d.missed).toBe(items.length);
    expect(d.topics.map((t) => t.title)).toEqual(["Методика: оценивание решений и причины ошибок"]);
    expect(d.kinds.reduce((s, k) => s + k.missed, 0)).toBe(items.length);
    for (const k of d.kinds) expect(k.title).toBe(KIND_TITLES[k.kind as keyof typeof KIND_TITLES]);
    expect(d.laborActions.map((a) => a.code).sort()).toEqual([...new Set(items.map((i) => facts.get(i.name)!.laborAction!))].sort());
    expect(d.laborActions.every((a) => a.title === labor.get(a.code))).toBe(true);
    expect(d.words).toMatch(/^Выполнены не полностью \d+ из \d+ заданий; чаще всего — /);
  });

  it("counts partial credit as missed and full credit as done", () => {
    const loaded = registry.get("subject-math")!;
    const items = loaded.answerKey.items.filter((i) => i.competency === "math.word-problems");
    const scores = Object.fromEntries(items.map((i, n) => [i.name, n === 0 ? i.maxPoints / 2 : i.maxPoints]));
    const d = deficitDetail("math.word-problems", loaded.answerKey, itemFactsOf(loaded.definition), scores, labor);
    expect(d).toMatchObject({ items: items.length, missed: 1, topics: [{ title: "Текстовые задачи", items: items.length, missed: 1 }] });
    expect(deficitDetail("math.word-problems", loaded.answerKey, itemFactsOf(loaded.definition), Object.fromEntries(items.map((i) => [i.name, i.maxPoints])), labor).words)
      .toBe("Все задания по этой компетенции выполнены полностью.");
  });

  it("names the most missed kind only when one leads: a tie names none", () => {
    const loaded = registry.get("subject-math")!;
    const items = loaded.answerKey.items.filter((i) => i.competency === "math.word-problems");
    const facts = itemFactsOf(loaded.definition);
    const kindOf = (name: string) => facts.get(name)!.kind;
    const text = items.find((i) => kindOf(i.name) === "short-answer")!, set = items.find((i) => kindOf(i.name) === "multiple")!;
    const scores = Object.fromEntries(items.map((i) => [i.name, i === text || i === set ? 0 : i.maxPoints]));
    const tie = deficitDetail("math.word-problems", loaded.answerKey, facts, scores, labor);
    expect(tie.kinds.map((k) => [k.kind, k.missed]).sort()).toEqual([["multiple", 1], ["short-answer", 1]]);
    expect(tie.words).toBe(`Выполнены не полностью 2 из ${items.length} заданий.`);
  });

  it("calls the leader diagnostic's items self-assessment and cases", () => {
    const loaded = registry.get("leader-competency")!;
    const d = deficitDetail("lead.strategy", loaded.answerKey, itemFactsOf(loaded.definition), {}, labor);
    expect(d.kinds.map((k) => k.kind).sort()).toEqual(["case", "self-assessment"]);
  });

  it("the leak check itself finds a planted name, title or key", () => {
    const loaded = registry.get("subject-math")!;
    const questions = questionsOf(loaded.definition.survey);
    const forbidden = forbiddenTexts(questions);
    const text = questions.find((q) => q.type === "text")!;
    expect(leaks({ words: `см. ${text.name}` }, forbidden)).toContain(text.name);
    expect(leaks({ topics: [{ title: String(text.title) }] }, forbidden)).toContain(String(text.title).trim());
    expect(leaks([String(text.correctAnswer)], forbidden)).toContain(String(text.correctAnswer));
  });

  it("property: whatever was scored, no item text, name, choice, key or explanation appears in the answer", () => {
    const instruments = registry.all().filter((l) => l.answerKey.items.length > 0);
    fc.assert(fc.property(fc.constantFrom(...instruments), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (loaded, shares) => {
      const scores = Object.fromEntries(loaded.answerKey.items.map((i) => [i.name, Math.round(shares.next().value * i.maxPoints)]));
      const forbidden = forbiddenTexts(questionsOf(loaded.definition.survey));
      for (const c of loaded.answerKey.competencies) {
        const d = deficitDetail(c.id, loaded.answerKey, itemFactsOf(loaded.definition), scores, labor);
        expect(leaks(d, forbidden)).toEqual([]);
      }
    }), { numRuns: 40 });
  });
});
