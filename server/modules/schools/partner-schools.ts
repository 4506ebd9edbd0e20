// Partner schools for a school: the region's high-result schools with the most similar conditions, near ones first, with reasons. Pure.
import { CORE_SUBJECTS, SUBJECT_DATIVE, type CoreSubject, type FailShare } from "./exam-summary.js";
import { inWorstShare, num, pctText } from "./school-inputs.js";
import { requiredComponents } from "./wellbeing-index.js";

export interface ComponentZ { id: string; title: string; z: number | null }

export interface PartnerSchool {
  schoolId: string;
  name: string;
  shortName: string;
  municipalityId: string;
  municipalityName: string;
  /** The region's own list of high-result schools. */
  highResults: boolean;
  /** Cluster codes the school is in (a school in the low-results cluster is never a partner by its exams). */
  clusters: readonly string[];
  index: { value: number; components: readonly ComponentZ[] } | null;
  failShares: readonly FailShare[];
}

export type Place = "same" | "neighbour" | "region";

export interface Partner {
  schoolId: string;
  name: string;
  shortName: string;
  municipalityId: string;
  municipalityName: string;
  place: Place;
  /** RMS difference of the oriented z-scores over the components both schools have; null when not compared. */
  distance: number | null;
  /** What the choice ranks by: distance plus the place's penalty (lower is better). */
  score: number;
  /** The components where the two schools are closest, by title. */
  closest: string[];
  reason: string;
}

export interface PartnerOptions {
  /** Municipalities bordering the school's own. */
  neighbours: ReadonlySet<string>;
  /** Every school's share of «2» per core subject in the region, ascending: for «the best quarter». */
  regionFailShares: Readonly<Record<CoreSubject, readonly number[]>>;
  limit?: number;
  /** Components both schools must have for the conditions to be compared (by default as many as an index needs). */
  minCommon?: number;
  minSchoolsForQuartile?: number;
}

/**
 * In z units (standard deviations of the region): a school of the same municipality is preferred to a
 * neighbour's unless the neighbour's conditions are closer by more than 0.2 on average, and to a school
 * further away unless that one is closer by more than 0.5.
 */
export const PLACE_PENALTY: Record<Place, number> = { same: 0, neighbour: 0.2, region: 0.5 };
export const PARTNER_LIMIT = 3;
const BEST_QUARTER = 0.25;

/** Why a school counts as high-result, in words; null when it does not. */
export function highResultReason(s: PartnerSchool, regionFailShares: PartnerOptions["regionFailShares"], minSchools = 8): string | null {
  const shares = CORE_SUBJECTS.map((subject) => s.failShares.find((f) => f.subject === subject));
  const words = shares.filter((f): f is FailShare => !!f).map((f) => `доля «2» по ${SUBJECT_DATIVE[f.subject]} — ${pctText(f.share)} (${f.year} г.)`);
  if (s.highResults) return `в списке школ региона с высокими результатами${words.length ? `; ${words.join(", ")}` : ""}`;
  if (s.clusters.includes("low-results")) return null;
  const best = shares.every((f) => f !== undefined && inWorstShare(f.share, regionFailShares[f.subject], BEST_QUARTER, minSchools, false));
  return best ? `среди четверти школ региона с самой низкой долей «2» по математике и русскому языку: ${words.join(", ")}` : null;
}

/** RMS difference of two schools' z-scores over the components both have, with how many those are. */
export function conditionsDistance(a: readonly ComponentZ[], b: readonly ComponentZ[]): { distance: number; common: number; gaps: Array<{ title: string; gap: number }> } {
  const other = new Map(b.map((c) => [c.id, c.z]));
  const gaps: Array<{ title: string; gap: number }> = [];
  for (const c of a) {
    const z = other.get(c.id);
    if (c.z === null || z === null || z === undefined) continue;
    gaps.push({ title: c.title, gap: Math.abs(c.z - z) });
  }
  const distance = gaps.length ? Math.sqrt(gaps.reduce((s, g) => s + g.gap * g.gap, 0) / gaps.length) : Infinity;
  return { distance, common: gaps.length, gaps };
}

const placeOf = (target: PartnerSchool, s: PartnerSchool, neighbours: ReadonlySet<string>): Place =>
  s.municipalityId === target.municipalityId ? "same" : neighbours.has(s.municipalityId) ? "neighbour" : "region";

const PLACE_WORDS = (p: Place, s: PartnerSchool) =>
  p === "same" ? "тот же муниципалитет" : p === "neighbour" ? `соседний муниципалитет (${s.municipalityName})` : `другой муниципалитет (${s.municipalityName})`;

/**
 * Up to `limit` partners for `target` among `candidates` (the region's schools): high-result ones
 * (the region's list, or the best quarter in both core subjects), ranked by conditions distance plus
 * the place's penalty. Without an index of its own the target cannot be compared: the partners are
 * then the nearest high-result schools, and the reason says the conditions were not compared.
 */
export function proposePartners(target: PartnerSchool, candidates: readonly PartnerSchool[], options: PartnerOptions): Partner[] {
  const limit = options.limit ?? PARTNER_LIMIT;
  const minCommon = options.minCommon ?? requiredComponents();
  const comparable = target.index !== null;
  const out: Array<Partner & { tie: string }> = [];
  for (const s of candidates) {
    if (s.schoolId === target.schoolId) continue;
    const results = highResultReason(s, options.regionFailShares, options.minSchoolsForQuartile);
    if (!results) continue;
    const place = placeOf(target, s, options.neighbours);
    const head = { schoolId: s.schoolId, name: s.name, shortName: s.shortName, municipalityId: s.municipalityId, municipalityName: s.municipalityName, place, tie: s.schoolId };
    const where = PLACE_WORDS(place, s);
    if (!comparable) {
      out.push({ ...head, distance: null, score: PLACE_PENALTY[place], closest: [], reason: `Высокие результаты: ${results}. Расположение: ${where}. Условия не сравнивались: индекс социального благополучия вашей школы не рассчитан` });
      continue;
    }
    if (!s.index) continue;
    const d = conditionsDistance(target.index!.components, s.index.components);
    if (d.common < minCommon) continue;
    const distance = Math.round(d.distance * 1000) / 1000;
    const closest = [...d.gaps].sort((a, b) => a.gap - b.gap || a.title.localeCompare(b.title)).slice(0, 3).map((g) => g.title);
    out.push({
      ...head, distance, score: Math.round((distance + PLACE_PENALTY[place]) * 1000) / 1000, closest,
      reason: `Высокие результаты: ${results}. Похожие условия: индекс ${num(s.index.value)} при ${num(target.index!.value)} у вашей школы, `
        + `среднее расхождение по ${d.common} составляющим — ${num(distance)} ст. откл.; ближе всего: ${closest.map((c) => `«${c}»`).join(", ")}. Расположение: ${where}`,
    });
  }
  return out.sort((a, b) => a.score - b.score || a.tie.localeCompare(b.tie)).slice(0, limit).map(({ tie: _tie, ...p }) => p);
}
