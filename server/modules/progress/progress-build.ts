// A person's competencies across monitoring waves: pooled per wave, ordered by campaign date, judged against the error. Pure.
import type { Wave } from "../../db/schema.js";
import { DEFAULT_LEVELS } from "../instruments/instrument.types.js";
import { levelFor, type Level } from "../scoring/scorer.js";
import { changeWords, pool, reliableChange, type ReliableChange, type SemMethod } from "./reliable-change.js";

/** One competency result of one submitted attempt, with the error its region gives it. */
export interface WaveMeasurement {
  campaignId: string;
  campaignTitle: string;
  wave: Wave;
  startsOn: string;
  submittedAt: Date;
  instrumentId: string;
  competencyId: string;
  title: string;
  area: string;
  score: number;
  maxScore: number;
  percent: number;
  level: Level;
  items: number;
  sem: number;
  semMethod: SemMethod;
}

export interface WavePoint {
  wave: Wave;
  campaignId: string;
  percent: number;
  level: Level;
  campaignTitle: string;
  startsOn: string;
  measuredAt: string;
  sem: number;
  semMethod: SemMethod;
  items: number;
  instrumentIds: string[];
}

export interface CompetencyProgress {
  id: string;
  title: string;
  area: string;
  waves: WavePoint[];
  change?: { from: number; to: number; reliable: boolean } & Omit<ReliableChange, "from" | "to" | "reliable"> & { fromCampaignId: string; toCampaignId: string };
  /** Fewer than five items in a wave: a profile to talk about, not a verdict. */
  fewItems: boolean;
  words: string;
}

export interface ProgressSummary { compared: number; growth: number; decline: number; withinError: number; measuredOnce: number; text: string }

/** Fewer items than this make a weak subscore (the institute's psychometric practice). */
export const FEW_ITEMS = 5;

export const WAVE_WORDS: Record<Wave, string> = { input: "входная диагностика", intermediate: "промежуточная диагностика", final: "итоговая диагностика" };
const LEVEL_WORDS: Record<Level, string> = { deficit: "дефицит", partial: "частично освоено", proficient: "освоено" };
const AREA_RANK: Record<string, number> = { subject: 0, method: 1, leadership: 2 };

/**
 * Groups the measurements by competency and by campaign (a wave), pools the instruments of one wave,
 * orders the waves by the campaign's first day, and compares the first wave with the last.
 * `order` places competencies within an area (the order the instruments ask them in).
 */
export function buildProgress(rows: readonly WaveMeasurement[], order: (competencyId: string) => number = () => 0): { competencies: CompetencyProgress[]; summary: ProgressSummary } {
  const byCompetency = new Map<string, WaveMeasurement[]>();
  for (const r of rows) (byCompetency.get(r.competencyId) ?? byCompetency.set(r.competencyId, []).get(r.competencyId)!).push(r);
  const competencies = [...byCompetency.values()].map(competencyOf)
    .sort((a, b) => (AREA_RANK[a.area] ?? 9) - (AREA_RANK[b.area] ?? 9) || order(a.id) - order(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { competencies, summary: summarize(competencies) };
}

function competencyOf(rows: WaveMeasurement[]): CompetencyProgress {
  const byCampaign = new Map<string, WaveMeasurement[]>();
  for (const r of rows) (byCampaign.get(r.campaignId) ?? byCampaign.set(r.campaignId, []).get(r.campaignId)!).push(r);
  const waves = [...byCampaign.values()].map(pointOf)
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : 0));
  const first = rows[0]!;
  const fewItems = waves.some((w) => w.items < FEW_ITEMS);
  const base = { id: first.competencyId, title: first.title, area: first.area, waves, fewItems };
  const caveat = fewItems ? ` По этой теме мало заданий (${Math.min(...waves.map((w) => w.items))}): это ориентир для разговора, а не вывод.` : "";
  if (waves.length < 2) {
    const only = waves[0]!;
    return { ...base, words: `Одно измерение: ${Math.round(only.percent)}% (${WAVE_WORDS[only.wave]}). Изменение можно будет оценить после следующей волны.${caveat}` };
  }
  const a = waves[0]!;
  const b = waves[waves.length - 1]!;
  const change = reliableChange(a, b);
  const levels = a.level !== b.level ? ` (${LEVEL_WORDS[a.level]} → ${LEVEL_WORDS[b.level]})` : "";
  return {
    ...base,
    change: { ...change, fromCampaignId: a.campaignId, toCampaignId: b.campaignId },
    words: `${changeWords(change)}${change.direction !== "none" ? levels : ""}.${caveat}`,
  };
}

function pointOf(parts: WaveMeasurement[]): WavePoint {
  const first = parts[0]!;
  const pooled = parts.length === 1 ? { percent: first.percent, sem: first.sem, items: first.items } : pool(parts);
  const latest = parts.reduce((max, p) => (p.submittedAt > max ? p.submittedAt : max), first.submittedAt);
  return {
    wave: first.wave, campaignId: first.campaignId, campaignTitle: first.campaignTitle, startsOn: first.startsOn,
    percent: pooled.percent,
    level: parts.length === 1 ? first.level : levelFor(pooled.percent, DEFAULT_LEVELS),
    measuredAt: latest.toISOString(),
    sem: pooled.sem,
    semMethod: parts.every((p) => p.semMethod === "alpha") ? "alpha" : "binomial",
    items: pooled.items,
    instrumentIds: [...new Set(parts.map((p) => p.instrumentId))].sort(),
  };
}

const count = (n: number, forms: [string, string, string]) => {
  const mod10 = n % 10, mod100 = n % 100;
  return `${n} ${mod10 === 1 && mod100 !== 11 ? forms[0] : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? forms[1] : forms[2]}`;
};
const COMPETENCY: [string, string, string] = ["компетенции", "компетенциям", "компетенциям"];

function summarize(list: CompetencyProgress[]): ProgressSummary {
  const compared = list.filter((c) => c.change);
  const growth = compared.filter((c) => c.change!.direction === "growth").length;
  const decline = compared.filter((c) => c.change!.direction === "decline").length;
  const withinError = compared.length - growth - decline;
  const measuredOnce = list.length - compared.length;
  const figures = { compared: compared.length, growth, decline, withinError, measuredOnce };
  if (list.length === 0) return { ...figures, text: "Диагностика ещё не пройдена: сравнивать пока нечего." };
  if (compared.length === 0) {
    return { ...figures, text: `Пока пройдена одна волна диагностики (${count(list.length, ["компетенция", "компетенции", "компетенций"])}). Изменения можно будет оценить после следующей волны.` };
  }
  const waves = new Set(compared.flatMap((c) => [c.waves[0]!.wave, c.waves[c.waves.length - 1]!.wave]));
  const span = [...waves].sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y)).map((w) => WAVE_WORDS[w]).join(" → ");
  const parts = [
    growth ? `надёжный рост по ${count(growth, COMPETENCY)}` : "надёжного роста нет",
    decline ? `надёжное снижение по ${count(decline, COMPETENCY)}` : "",
    withinError ? `${decline || growth ? "по остальным" : "по всем"} ${count(withinError, COMPETENCY).replace(/^(\d+) .*/, "$1")} изменения в пределах погрешности измерения` : "",
  ].filter(Boolean);
  const once = measuredOnce ? ` Ещё ${count(measuredOnce, ["компетенция измерена", "компетенции измерены", "компетенций измерено"])} только один раз.` : "";
  return { ...figures, text: `${capitalize(span)}: из ${count(compared.length, ["сравнённой компетенции", "сравнённых компетенций", "сравнённых компетенций"])} ${parts.join(", ")}.${once}` };
}

const ORDER: Wave[] = ["input", "intermediate", "final"];
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
