// Behind a deficit: the topics and the kinds of items that were missed, counted; never an item's text, choices, key or explanation. Pure.
import type { InstrumentDefinition, SurveyElementJson } from "../instruments/instrument.types.js";
import { isScored, walkElements } from "../instruments/survey-walk.js";
import type { AnswerKey } from "../scoring/answer-key.js";

export type ItemKind = "single" | "multiple" | "short-answer" | "ordering" | "matching" | "yes-no" | "self-assessment" | "case" | "other";

export const KIND_TITLES: Record<ItemKind, string> = {
  single: "выбор одного ответа",
  multiple: "несколько ответов",
  "short-answer": "краткий ответ",
  ordering: "упорядочивание",
  matching: "соответствие",
  "yes-no": "да или нет",
  "self-assessment": "самооценка",
  case: "ситуационный кейс",
  other: "другие задания",
};

/** What may be said about an item: where it stands and what kind it is. Deliberately nothing of its content. */
export interface ItemFacts { competency: string; topic: string; kind: ItemKind; laborAction?: string }

/** "Часть 3. Уравнения и неравенства" → "Уравнения и неравенства": the number is the survey's layout, not the topic. */
export function topicTitle(pageTitle: string): string {
  return pageTitle.replace(/^\s*(Часть|Область|Раздел|Блок)\s+\d+\s*[.:)]\s*/i, "").trim() || pageTitle.trim();
}

export function kindOf(q: SurveyElementJson): ItemKind {
  if (q.scoring === "scale") return "self-assessment";
  if (q.choiceScores) return "case";
  switch (q.type) {
    case "radiogroup": case "dropdown": return "single";
    case "checkbox": case "tagbox": return "multiple";
    case "text": case "comment": return "short-answer";
    case "ranking": return "ordering";
    case "matrix": case "matrixdropdown": return "matching";
    case "boolean": return "yes-no";
    default: return "other";
  }
}

/** The facts of every scored item of an instrument version, by item name. */
export function itemFactsOf(def: InstrumentDefinition): Map<string, ItemFacts> {
  const facts = new Map<string, ItemFacts>();
  const pages = def.survey.pages ?? [];
  for (const { element, pageIndex } of walkElements(def.survey)) {
    if (element.type === "panel" || element.type === "html" || !isScored(element)) continue;
    const page = pages[pageIndex];
    facts.set(element.name, {
      competency: String(element.competency),
      topic: topicTitle(String(page?.title ?? page?.name ?? `Раздел ${pageIndex + 1}`)),
      kind: kindOf(element),
      ...(typeof element.laborAction === "string" ? { laborAction: element.laborAction } : {}),
    });
  }
  return facts;
}

export interface Tally { items: number; missed: number }
export interface DeficitDetail {
  items: number;
  missed: number;
  /** Topics (the survey's pages) with something missed, the most missed first. */
  topics: Array<{ title: string } & Tally>;
  kinds: Array<{ kind: ItemKind; title: string } & Tally>;
  /** Methodological items, by the labour action of the professional standard they test. */
  laborActions: Array<{ code: string; title: string } & Tally>;
  words: string;
}

/** Credit below full is a miss; sums of partial credit carry binary noise. */
const EPSILON = 1e-9;

/**
 * Counts, for one competency of one attempt, the items not fully credited: by topic, by kind, by
 * labour action. `scores` are the attempt's stored item scores (name → points); a missing score is
 * a miss (nothing answered earns nothing).
 */
export function deficitDetail(competencyId: string, key: AnswerKey, facts: ReadonlyMap<string, ItemFacts>, scores: Readonly<Record<string, unknown>>, laborTitles: ReadonlyMap<string, string>): DeficitDetail {
  const topics = new Map<string, Tally>();
  const kinds = new Map<ItemKind, Tally>();
  const actions = new Map<string, Tally>();
  const add = <K>(map: Map<K, Tally>, k: K, missed: boolean) => {
    const t = map.get(k) ?? map.set(k, { items: 0, missed: 0 }).get(k)!;
    t.items += 1;
    if (missed) t.missed += 1;
  };
  let items = 0;
  let missedTotal = 0;
  for (const item of key.items) {
    if (item.competency !== competencyId) continue;
    const f = facts.get(item.name);
    const raw = scores[item.name];
    const missed = !(typeof raw === "number" && raw >= item.maxPoints - EPSILON);
    items += 1;
    if (missed) missedTotal += 1;
    add(topics, f?.topic ?? "Другие задания", missed);
    add(kinds, f?.kind ?? "other", missed);
    if (f?.laborAction) add(actions, f.laborAction, missed);
  }
  const ranked = <K, T>(map: Map<K, Tally>, shape: (k: K) => T) =>
    [...map].filter(([, t]) => t.missed > 0).sort((a, b) => b[1].missed - a[1].missed || b[1].missed / b[1].items - a[1].missed / a[1].items)
      .map(([k, t]) => ({ ...shape(k), items: t.items, missed: t.missed }));
  const detail = {
    items, missed: missedTotal,
    topics: ranked(topics, (title) => ({ title })),
    kinds: ranked(kinds, (kind) => ({ kind, title: KIND_TITLES[kind] })),
    laborActions: ranked(actions, (code) => ({ code, title: laborTitles.get(code) ?? code })),
  };
  return { ...detail, words: wordsOf(detail) };
}

const of = (t: Tally) => `${t.missed} из ${t.items}`;

function wordsOf(d: Omit<DeficitDetail, "words">): string {
  if (d.items === 0) return "Заданий по этой компетенции в тесте нет.";
  if (d.missed === 0) return "Все задания по этой компетенции выполнены полностью.";
  const parts = [`Выполнены не полностью ${of(d)} ${d.items === 1 ? "задания" : "заданий"}`];
  // "Most" only when one leads: with a tie, naming the first would single out an accident of order.
  const leads = <T extends Tally>(list: T[]) => (list.length === 1 || (list[0] && list[0].missed > list[1]!.missed) ? list[0] : undefined);
  const topic = d.topics.length > 1 ? leads(d.topics) : undefined;
  if (topic) parts.push(`больше всего — в теме «${topic.title}» (${of(topic)})`);
  const kind = leads(d.kinds);
  if (kind) parts.push(d.kinds.length === 1 ? `все — ${kind.title}` : `чаще всего — ${kind.title} (${of(kind)})`);
  const action = d.laborActions[0];
  if (action) parts.push(`трудовое действие — «${action.title}»`);
  return `${parts.join("; ")}.`;
}
