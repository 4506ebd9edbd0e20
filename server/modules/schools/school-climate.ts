// A school's climate as the profile, the registry and the risk rules read it: only what suppression lets through. Pure.
import type { ClimateGroup as ClimateView } from "../climate/climate-results.js";
import type { ClimateGroup as ShownGroup } from "./school-inputs.js";

export const CLIMATE_AUDIENCES = ["teacher", "student", "parent"] as const;
export type ClimateAudience = (typeof CLIMATE_AUDIENCES)[number];

/**
 * The groups the risk rules may read: shown ones, with their shown scales. A suppressed group, or a
 * scale hidden as a complement, never reaches a rule (the factor then says «нет данных»).
 */
export function shownClimate(groups: readonly ClimateView[]): ShownGroup[] {
  return groups.filter((g) => !g.suppressed && g.scales.length > 0)
    .map((g) => ({ audience: g.audience, scales: g.scales.map((s) => ({ id: s.id, title: s.title, score: s.score })) }));
}

export interface ProfileClimateGroup {
  audience: ClimateAudience;
  respondents: number;
  suppressed: boolean;
  /** Why there is no figure: too few answered (small), or hidden so that a small group cannot be recovered (complementary). */
  reason?: "small" | "complementary";
  scales: Array<{ id: string; title: string; score: number; band: string; respondents: number; region?: { score: number; band: string; respondents: number } }>;
  hiddenScales: Array<{ id: string; title: string; reason: "small" | "complementary" }>;
}

/**
 * The profile's groups, one per audience in a fixed order: a group without answers is suppressed with
 * no respondents; a suppressed group has no scales at all (the contract), and its reason.
 */
export function profileClimate(groups: readonly ClimateView[]): ProfileClimateGroup[] {
  return CLIMATE_AUDIENCES.map((audience) => {
    const g = groups.find((x) => x.audience === audience && x.className === undefined);
    if (!g || g.respondents === 0) return { audience, respondents: g?.respondents ?? 0, suppressed: true, reason: "small" as const, scales: [], hiddenScales: [] };
    if (g.suppressed || g.scales.length === 0) {
      return { audience, respondents: g.respondents, suppressed: true, reason: g.reason ?? "small", scales: [], hiddenScales: [] };
    }
    return {
      audience, respondents: g.respondents, suppressed: false,
      scales: g.scales.map((s) => ({
        id: s.id, title: s.title, score: s.score, band: s.band, respondents: s.respondents,
        ...(s.region ? { region: { score: s.region.score, band: s.region.band, respondents: s.region.respondents } } : {}),
      })),
      hiddenScales: g.hiddenScales.map((h) => ({ id: h.id, title: h.title, reason: h.reason })),
    };
  });
}

export interface RegistryClimate {
  audiences: Array<{ audience: ClimateAudience; respondents: number; suppressed: boolean }>;
  /** Shown scales of all shown groups, and those of them in the favourable band. */
  scales: number;
  favourable: number;
  /** favourable / scales in %, one decimal; null when nothing is shown (every group suppressed or no answers). */
  favourableShare: number | null;
}

/**
 * A school's climate in one registry row. The favourable share is counted over the shown scales only,
 * each already a published figure: it adds nothing a reader could subtract to recover a hidden one.
 */
export function registryClimate(groups: readonly ClimateView[]): RegistryClimate {
  const audiences = CLIMATE_AUDIENCES.map((audience) => {
    const g = groups.find((x) => x.audience === audience && x.className === undefined);
    return { audience, respondents: g?.respondents ?? 0, suppressed: !g || g.suppressed || g.scales.length === 0 };
  });
  const shown = groups.filter((g) => g.className === undefined && !g.suppressed).flatMap((g) => g.scales);
  const favourable = shown.filter((s) => s.band === "favourable").length;
  return {
    audiences, scales: shown.length, favourable,
    favourableShare: shown.length ? Math.round((1000 * favourable) / shown.length) / 10 : null,
  };
}
