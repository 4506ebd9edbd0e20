// Climate figures from scale sums, with suppression at every level they are published: region, municipality, school, class. Pure.
import type { Audience } from "../../db/schema.js";
import { suppressCells, type Cell, type HiddenReason, type Total } from "./cell-suppression.js";
import { bandOf, type Band, type ClimateBands } from "./climate-scoring.js";

/** Respondents who gave a score on a scale, and the sum of their scores (0–100 each). */
export interface ScaleSums { n: number; sum: number }

export interface GroupSums {
  schoolId: string;
  municipalityId: string;
  /** Students' answers per class; null for a whole school or answers without a class. */
  className: string | null;
  /** Submitted answers. */
  respondents: number;
  scales: Record<string, ScaleSums>;
}

export interface AudienceSums {
  audience: Audience;
  scales: ReadonlyArray<{ id: string; title: string }>;
  bands: ClimateBands;
  groups: readonly GroupSums[];
}

export interface Figure { score: number; band: Band; respondents: number }
export interface ScaleView extends Figure { id: string; title: string; region?: Figure }

export interface ClimateGroup {
  audience: Audience;
  className?: string;
  respondents: number;
  /** No figure at all: fewer respondents than the threshold, or hidden so that no smaller group can be recovered. */
  suppressed: boolean;
  reason?: HiddenReason;
  scales: ScaleView[];
  /** Scales of a shown group that are hidden (too few answered them, or hidden as a complement). */
  hiddenScales: Array<{ id: string; title: string; reason: HiddenReason }>;
}

export interface RegionAudience {
  audience: Audience;
  respondents: number;
  schools: number;
  scales: Array<{ id: string; title: string; region?: Figure }>;
}

export interface RegionClimate {
  threshold: number;
  audiences: RegionAudience[];
  /** Per school, its groups (one per audience that has answers there). */
  schools: Map<string, ClimateGroup[]>;
}

const key = (...parts: string[]) => parts.join("|");
const figure = (s: ScaleSums, bands: ClimateBands): Figure => {
  const score = Math.round((s.sum / s.n) * 10) / 10;
  return { score, band: bandOf(score, bands), respondents: s.n };
};

/** One school's sums out of its classes. */
export function perSchool(groups: readonly GroupSums[]): GroupSums[] {
  const bySchool = new Map<string, GroupSums>();
  for (const g of groups) {
    let s = bySchool.get(g.schoolId);
    if (!s) bySchool.set(g.schoolId, s = { schoolId: g.schoolId, municipalityId: g.municipalityId, className: null, respondents: 0, scales: {} });
    s.respondents += g.respondents;
    for (const [id, v] of Object.entries(g.scales)) {
      const t = (s.scales[id] ??= { n: 0, sum: 0 });
      t.n += v.n;
      t.sum += v.sum;
    }
  }
  return [...bySchool.values()];
}

/** A group's view once its cells are decided. */
function groupView(audience: Audience, g: GroupSums, a: AudienceSums, threshold: number, shown: (scale: string) => HiddenReason | null, region?: (scale: string) => Figure | undefined): ClimateGroup {
  const scales: ScaleView[] = [];
  const hiddenScales: ClimateGroup["hiddenScales"] = [];
  for (const s of a.scales) {
    const sums = g.scales[s.id];
    if (!sums || sums.n === 0 || g.respondents < threshold) continue;
    const reason = shown(s.id);
    if (reason) { hiddenScales.push({ id: s.id, title: s.title, reason }); continue; }
    const r = region?.(s.id);
    scales.push({ id: s.id, title: s.title, ...figure(sums, a.bands), ...(r ? { region: r } : {}) });
  }
  const suppressed = scales.length === 0;
  const reason: HiddenReason | undefined = !suppressed ? undefined
    : g.respondents < threshold || hiddenScales.every((h) => h.reason === "small") ? "small" : "complementary";
  return {
    audience, ...(g.className !== null ? { className: g.className } : {}), respondents: g.respondents, suppressed,
    ...(reason ? { reason } : {}), scales, hiddenScales: suppressed ? [] : hiddenScales,
  };
}

/**
 * Every school's climate in a region, per audience: a scale figure of a school shows only if its
 * respondents reach the threshold, and the region's figure and each municipality's (sums over the
 * schools) cannot be used to recover a hidden one. With `acrossAudiences`, a school's figures of one
 * scale over all its audiences are treated as a published total too.
 */
export function regionClimate(inputs: readonly AudienceSums[], threshold: number, options: { acrossAudiences?: boolean } = {}): RegionClimate {
  const cells: Cell[] = [];
  const totals = new Map<string, string[]>();
  const forced = new Map<string, HiddenReason>();
  const add = (total: string, cell: string) => (totals.get(total) ?? totals.set(total, []).get(total)!).push(cell);
  const schoolsOf = inputs.map((a) => perSchool(a.groups));

  inputs.forEach((a, i) => {
    for (const g of schoolsOf[i]!) {
      for (const s of a.scales) {
        const n = g.scales[s.id]?.n ?? 0;
        if (n === 0) continue;
        const cell = key(a.audience, g.schoolId, s.id);
        cells.push({ key: cell, n });
        if (g.respondents < threshold) forced.set(cell, "small");
        add(key(a.audience, "region", s.id), cell);
        add(key(a.audience, "municipality", g.municipalityId, s.id), cell);
        if (options.acrossAudiences) add(key("school", g.schoolId, s.id), cell);
      }
    }
  });
  const decided = suppressCells(cells, [...totals].map(([k, c]): Total => ({ key: k, cells: c })), threshold, forced);

  const schools = new Map<string, ClimateGroup[]>();
  const audiences: RegionAudience[] = inputs.map((a, i) => {
    const all = schoolsOf[i]!;
    const regionSums = perSchool(all.map((g) => ({ ...g, schoolId: "region", municipalityId: "region" })))[0];
    const regionFigure = (scale: string): Figure | undefined => {
      const sums = regionSums?.scales[scale];
      return sums && sums.n > 0 && decided.totalsShown.has(key(a.audience, "region", scale)) ? figure(sums, a.bands) : undefined;
    };
    for (const g of all) {
      const view = groupView(a.audience, g, a, threshold, (scale) => decided.hidden.get(key(a.audience, g.schoolId, scale)) ?? null, regionFigure);
      (schools.get(g.schoolId) ?? schools.set(g.schoolId, []).get(g.schoolId)!).push(view);
    }
    return {
      audience: a.audience, respondents: regionSums?.respondents ?? 0, schools: all.filter((g) => g.respondents > 0).length,
      scales: a.scales.map((s) => { const r = regionFigure(s.id); return { id: s.id, title: s.title, ...(r ? { region: r } : {}) }; }),
    };
  });
  return { threshold, audiences, schools };
}

/**
 * The classes of one school's students: a class's scale figure shows only if the school's figure of
 * that scale is shown (else the classes would add up to it), its respondents reach the threshold, and
 * the school's figure minus the shown classes reveals no hidden class (answers without a class count
 * as one more part that is never shown).
 */
export function classClimate(a: AudienceSums, schoolGroup: ClimateGroup, classes: readonly GroupSums[], threshold: number, region?: (scale: string) => Figure | undefined): ClimateGroup[] {
  const part = (g: GroupSums) => g.className ?? "";
  const shownScales = new Set(schoolGroup.scales.map((s) => s.id));
  const cells: Cell[] = [];
  const totals = new Map<string, string[]>();
  const forced = new Map<string, HiddenReason>();
  for (const g of classes) {
    for (const s of a.scales) {
      const n = g.scales[s.id]?.n ?? 0;
      if (n === 0) continue;
      const cell = key(part(g), s.id);
      cells.push({ key: cell, n });
      if (g.respondents < threshold) forced.set(cell, "small");
      // Answers without a class are never shown as a class: a part always hidden.
      else if (!shownScales.has(s.id) || g.className === null) forced.set(cell, "complementary");
      (totals.get(s.id) ?? totals.set(s.id, []).get(s.id)!).push(cell);
    }
  }
  const decided = suppressCells(cells, [...totals].map(([k, c]) => ({ key: k, cells: c })), threshold, forced);
  return classes.filter((g) => g.className !== null)
    .map((g) => groupView(a.audience, g, a, threshold, (scale) => decided.hidden.get(key(part(g), scale)) ?? null, region));
}
