// Types and calls of the waves: a person's progress and deficit details, the effect between two waves.
import type { Static } from "@sinclair/typebox";
import type { DeficitDetailsSchema, ProgressSchema } from "../../../../server/modules/progress/progress.schemas";
import type { EffectSchema } from "../../../../server/modules/progress/effect.schemas";
import { apiRequest } from "../../lib/api";

export type Progress = Static<typeof ProgressSchema>;
export type CompetencyProgress = Progress["competencies"][number];
export type WavePoint = CompetencyProgress["waves"][number];
export type DeficitDetailsView = Static<typeof DeficitDetailsSchema>;
export type EffectReport = Static<typeof EffectSchema>;
export type EffectRow = EffectReport["total"];
export type EffectCell = EffectRow["cells"][number];

const person = (userId: string | undefined, path: string) => (userId ? `/api/users/${encodeURIComponent(userId)}/${path}` : `/api/me/${path}`);

export const progressApi = {
  progress: (userId?: string) => apiRequest<Progress>("GET", person(userId, "progress")),
  deficitDetails: (userId: string) => apiRequest<DeficitDetailsView>("GET", `/api/users/${encodeURIComponent(userId)}/deficit-details`),
  effect: (search: string) => apiRequest<EffectReport>("GET", `/api/analytics/effect?${search}`),
};

/** The campaigns a person was measured in, in the order of their first day: the columns of a progress table. */
export function campaignsOf(progress: Progress): Array<{ id: string; title: string; wave: WavePoint["wave"]; startsOn: string }> {
  const seen = new Map<string, { id: string; title: string; wave: WavePoint["wave"]; startsOn: string }>();
  for (const c of progress.competencies) for (const w of c.waves) if (!seen.has(w.campaignId)) seen.set(w.campaignId, { id: w.campaignId, title: w.campaignTitle, wave: w.wave, startsOn: w.startsOn });
  return [...seen.values()].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
}

/** "+12,5 п. п." / "−3 п. п.": a change in percentage points with its sign. */
export function formatPoints(value: number, digits = 0): string {
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toFixed(digits).replace(".", ",");
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${text} п. п.`;
}

export const WAVE_COLORS = ["#8592a3", "#2f6db5", "#1d3b63", "#6b4fa3"];
export const GROWTH_COLOR = "#2f7d4f";
export const DECLINE_COLOR = "#b3361f";
