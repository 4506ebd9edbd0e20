// The effect page's state in the address, and which two waves to compare when nothing is chosen. Pure.
import type { Static } from "@sinclair/typebox";
import type { CampaignSchema } from "../../../../server/modules/campaigns/campaigns.schemas";

export type Campaign = Static<typeof CampaignSchema>;
export interface EffectFilters { from: string; to: string; subject: string; municipalityId: string }
const KEYS = ["from", "to", "subject", "municipalityId"] as const;

export function filtersFromSearch(search: string): EffectFilters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as EffectFilters;
}

export function searchOf(filters: EffectFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filters[k]) params.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

const regionWide = (c: Campaign) => c.municipalityIds.length === 0 && c.schoolIds.length === 0;
const shareAny = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
/** Whether two campaigns may have tested the same people: one covers the region, or they share schools or municipalities. */
const overlap = (a: Campaign, b: Campaign) => regionWide(a) || regionWide(b) || shareAny(a.schoolIds, b.schoolIds) || shareAny(a.municipalityIds, b.municipalityIds);

/**
 * What to compare when nothing is chosen: the latest intermediate or final wave that has begun, and
 * the latest input wave before it that covered the same schools (any input wave before it, failing
 * that). Empty when the region has no such pair yet.
 */
export function defaultWaves(campaigns: readonly Campaign[], today: string): { from: string; to: string } {
  const byStart = [...campaigns].filter((c) => c.status !== "planned").sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
  const to = byStart.find((c) => c.wave !== "input" && c.startsOn <= today);
  const inputs = to ? byStart.filter((c) => c.wave === "input" && c.startsOn < to.startsOn) : [];
  const from = inputs.find((c) => overlap(c, to!)) ?? inputs[0];
  return to && from ? { from: from.id, to: to.id } : { from: "", to: "" };
}

/** Today as the API writes dates ("YYYY-MM-DD", UTC). */
export const isoToday = (): string => new Date().toISOString().slice(0, 10);
