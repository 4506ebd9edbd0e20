// Loads a campaign's climate sums per audience (region-wide per school, or one school per class), with a small cache.
import type { Kysely } from "kysely";
import type { Audience, Database } from "../../db/schema.js";
import type { InstrumentRegistry, LoadedInstrument } from "../instruments/registry.js";
import type { ScaleDefinition } from "../instruments/instrument.types.js";
import type { AudienceSums, GroupSums } from "./climate-results.js";
import * as repo from "./climate-results.repository.js";

export const AUDIENCES: readonly Audience[] = ["teacher", "student", "parent"];
const DEFAULT_BANDS = { favourable: 75, partly: 50 };

/** The climate questionnaire of each audience in the library. */
export function climateInstruments(registry: InstrumentRegistry): Map<Audience, LoadedInstrument> {
  const out = new Map<Audience, LoadedInstrument>();
  for (const a of AUDIENCES) {
    const found = registry.all().find((i) => i.definition.kind === "climate" && i.definition.audience.includes(a));
    if (found) out.set(a, found);
  }
  return out;
}

/**
 * A region's sums are recomputed only when its answers changed (see submittedStamp), and kept ten
 * minutes at most. Keyed by the database handle: a transaction, with its own handle, never reads a
 * summary made outside it.
 */
const CACHE_MS = 10 * 60_000;
const cache = new WeakMap<object, Map<string, { stamp: string; at: number; value: AudienceSums }>>();

/** Sums per school (whole region) or, with `schoolId`, per class of that school; each version scored by its own scales. */
export async function audienceSums(db: Kysely<Database>, registry: InstrumentRegistry, campaignId: string, audience: Audience, schoolId?: string): Promise<AudienceSums | undefined> {
  const current = climateInstruments(registry).get(audience);
  if (!current) return undefined;
  const instrumentId = current.definition.id;
  const cacheKey = `${campaignId}|${instrumentId}`;
  let stamp = "";
  if (!schoolId) {
    stamp = await repo.submittedStamp(db, campaignId, instrumentId);
    const hit = cache.get(db)?.get(cacheKey);
    if (hit && hit.stamp === stamp && Date.now() - hit.at < CACHE_MS) return hit.value;
  }

  const scales = new Map<string, { id: string; title: string }>((current.definition.scales ?? []).map((s) => [s.id, { id: s.id, title: s.title }]));
  const groups = new Map<string, GroupSums>();
  const groupOf = (school: string, municipality: string, className: string | null) => {
    const k = `${school}|${className ?? ""}`;
    let g = groups.get(k);
    if (!g) groups.set(k, g = { schoolId: school, municipalityId: municipality, className, respondents: 0, scales: {} });
    return g;
  };
  const filter = { campaignId, instrumentId, ...(schoolId ? { schoolId } : {}) };
  const counts = await repo.respondentCounts(db, filter);
  const municipalityOf = new Map(counts.map((c) => [c.school_id, c.municipality_id]));
  for (const c of counts) groupOf(c.school_id, c.municipality_id, c.class_name).respondents += c.respondents;

  for (const version of await repo.answeredVersions(db, campaignId, instrumentId)) {
    const loaded = version === current.definition.version ? current : await registry.atVersion(db, instrumentId, version);
    const defined: ScaleDefinition[] = loaded?.definition.scales ?? [];
    for (const s of defined) if (!scales.has(s.id)) scales.set(s.id, { id: s.id, title: s.title });
    for (const row of await repo.scaleSums(db, defined, { ...filter, version })) {
      const g = groupOf(row.school_id, municipalityOf.get(row.school_id) ?? "", row.class_name);
      const t = (g.scales[row.scale] ??= { n: 0, sum: 0 });
      t.n += row.n;
      t.sum += row.total;
    }
  }
  const value: AudienceSums = { audience, scales: [...scales.values()], bands: current.definition.bands ?? DEFAULT_BANDS, groups: [...groups.values()] };
  if (!schoolId) {
    let forDb = cache.get(db);
    if (!forDb) cache.set(db, forDb = new Map());
    forDb.set(cacheKey, { stamp, at: Date.now(), value });
  }
  return value;
}
