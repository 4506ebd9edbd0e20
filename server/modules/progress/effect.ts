// The effect between two waves, in aggregate: means with t-based intervals, shares of reliable change, small groups suppressed. Pure.
import { suppressSmallGroups } from "../climate/suppression.js";
import { meanInterval } from "./student-t.js";

export type Breakdown = "total" | "course" | "mentoring" | "municipality";
export type Area = "overall" | "subject" | "method" | "leadership";
export const AREAS: readonly Area[] = ["overall", "subject", "method", "leadership"];
export const AREA_TITLES: Record<Area, string> = {
  overall: "Все компетенции", subject: "Предметные", method: "Методические", leadership: "Управленческие",
};

/** What the database sums per group and area: people, Σ change, Σ change², people with reliable growth and decline. */
export interface EffectSums {
  breakdown: Breakdown;
  /** The course, `mentored` / `not-mentored`, the municipality; "" for the total and for «no course». */
  key: string;
  area: Area;
  n: number;
  sum: number;
  sumSquares: number;
  growth: number;
  decline: number;
}

export interface EffectCell {
  area: Area;
  suppressed: boolean;
  /** Why a figure is hidden: the group is below the threshold, or hiding it keeps another from being recovered by subtraction. */
  reason?: "small" | "complementary";
  n?: number;
  /** Mean change in percentage points, and its 95% confidence interval (from two people up). */
  mean?: number;
  low?: number;
  high?: number;
  growthShare?: number;
  declineShare?: number;
}

export interface EffectRow { key: string; title: string; cells: EffectCell[] }

export interface EffectTables {
  areas: Area[];
  total: EffectRow;
  byCourse: EffectRow[];
  byMentoring: EffectRow[];
  byMunicipality: EffectRow[];
}

export const NO_COURSE = "";
export const MENTORING_TITLES: Record<string, string> = { mentored: "С наставником", "not-mentored": "Без наставника" };

export interface EffectLabels { course(id: string): string; municipality(id: string): string }

/**
 * Builds the tables. For each area, a group below `threshold` people shows nothing; and wherever
 * the total of that area is shown, the hidden groups of a breakdown must together hold at least
 * `threshold` people and be at least two, so that total minus shown groups reveals no group
 * (suppression.ts decides). Courses overlap (a person may take two), so treating them as parts of
 * the total hides more than strictly needed: on the safe side.
 */
export function buildEffect(sums: readonly EffectSums[], threshold: number, labels: EffectLabels): EffectTables {
  const find = (b: Breakdown, key: string, area: Area) => sums.find((s) => s.breakdown === b && s.key === key && s.area === area);
  const areas = AREAS.filter((a) => (find("total", "", a)?.n ?? 0) > 0);
  const totalShown = new Map(areas.map((a) => [a, (find("total", "", a)?.n ?? 0) >= threshold]));

  const rowsOf = (b: Breakdown, keys: string[], title: (key: string) => string): EffectRow[] => {
    const decisions = new Map(areas.map((area) => [area, suppressSmallGroups(
      keys.map((key) => ({ key, n: find(b, key, area)?.n ?? 0 })), threshold, totalShown.get(area) ?? false)]));
    return keys.map((key) => ({
      key, title: title(key),
      cells: areas.map((area) => cellOf(area, find(b, key, area), decisions.get(area)!.hidden.get(key))),
    }));
  };
  const keysOf = (b: Breakdown) => [...new Set(sums.filter((s) => s.breakdown === b && s.n > 0).map((s) => s.key))];

  const courseKeys = keysOf("course").filter((k) => k !== NO_COURSE)
    .sort((a, b) => (find("course", b, "overall")?.n ?? 0) - (find("course", a, "overall")?.n ?? 0) || labels.course(a).localeCompare(labels.course(b), "ru"));
  if (keysOf("course").includes(NO_COURSE)) courseKeys.push(NO_COURSE);
  const municipalityKeys = keysOf("municipality").sort((a, b) => labels.municipality(a).localeCompare(labels.municipality(b), "ru"));

  return {
    areas,
    total: {
      key: "", title: "Все участники обеих волн",
      cells: areas.map((area) => {
        const s = find("total", "", area);
        return cellOf(area, s, s && s.n > 0 && s.n < threshold ? "small" : undefined);
      }),
    },
    byCourse: rowsOf("course", courseKeys, (k) => (k === NO_COURSE ? "Без курса между волнами" : labels.course(k))),
    byMentoring: rowsOf("mentoring", ["mentored", "not-mentored"], (k) => MENTORING_TITLES[k] ?? k),
    byMunicipality: rowsOf("municipality", municipalityKeys, labels.municipality),
  };
}

function cellOf(area: Area, s: EffectSums | undefined, hidden: "small" | "complementary" | undefined): EffectCell {
  if (hidden) return { area, suppressed: true, reason: hidden };
  if (!s || s.n === 0) return { area, suppressed: false, n: 0 };
  const interval = meanInterval(s.n, s.sum, s.sumSquares);
  return {
    area, suppressed: false, n: s.n, mean: s.sum / s.n,
    ...(interval ? { low: interval.low, high: interval.high } : {}),
    growthShare: s.growth / s.n, declineShare: s.decline / s.n,
  };
}
