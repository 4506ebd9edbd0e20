// A region's school facts with its climate fed in, cached a minute per region: what GET /api/schools, the registry and partners read.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { climateByRegion, type RegionClimateView } from "../climate/climate-summary.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import type { FactsSchool, SchoolFacts } from "./region-facts.js";
import { listRegionSchools } from "./school-facts.repository.js";
import { regionSchoolFacts } from "./school-facts.service.js";
import { regionNeighbours, regionStamp } from "./school-profile.repository.js";
import { shownClimate } from "./school-climate.js";

export interface RegionView {
  regionId: string;
  schools: Array<FactsSchool & { municipalityName: string }>;
  facts: Map<string, SchoolFacts>;
  /** The region's climate with suppression decided over the whole region (climate module). */
  climate: RegionClimateView;
  neighbours: Map<string, Set<string>>;
  computedAt: Date;
}

/**
 * A minute: long enough that a page of schools, the registry and its export, opened one after another
 * by a whole region's staff, cost one computation; short enough that a card or a test submitted now
 * shows within a minute. Imports (exam results, schools, people) show at once: they change the stamp.
 */
export const REGION_VIEW_TTL_MS = 60_000;
/**
 * A view past its minute (same stamp) is still served while a fresh one is computed in the
 * background, so that nobody waits for the region once it has been read; past ten minutes the
 * caller waits for the fresh one.
 */
const STALE_LIMIT_MS = 10 * 60_000;

interface Entry { stamp: string; at: number; generation: number; value: Promise<RegionView>; ready: boolean; refreshing: boolean }
/** Keyed by the database handle, as the climate sums are: a transaction never reads a view made outside it. */
const cache = new WeakMap<object, Map<string, Entry>>();
/** Bumped by forgetRegionViews: every view made before is stale. */
let generation = 0;

async function compute(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string, threshold: number): Promise<RegionView> {
  const [schools, climate, neighbours] = await Promise.all([
    listRegionSchools(db, regionId),
    climateByRegion(db, registry, regionId, threshold),
    regionNeighbours(db, regionId),
  ]);
  const shown = new Map(climate.schools.map((s) => [s.schoolId, shownClimate(s.groups)]));
  const facts = await regionSchoolFacts(db, registry, regionId, shown);
  return { regionId, schools, facts, climate, neighbours, computedAt: new Date() };
}

/** Starts a computation kept under `key`; a failed one is not kept. */
function start(forDb: Map<string, Entry>, key: string, stamp: string, value: Promise<RegionView>): Entry {
  const entry: Entry = { stamp, at: Date.now(), generation, value, ready: false, refreshing: false };
  value.then(() => { entry.ready = true; }, () => { if (forDb.get(key) === entry) forDb.delete(key); });
  return entry;
}

/**
 * The region's view: from the cache when its stamp still holds and it is under a minute old; a
 * little older, the cached one while a fresh one is computed; otherwise a fresh one. Concurrent
 * callers share one computation.
 */
export async function regionView(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string, threshold: number): Promise<RegionView> {
  const stamp = await regionStamp(db, regionId);
  const key = `${regionId}|${threshold}`;
  let forDb = cache.get(db);
  if (!forDb) cache.set(db, forDb = new Map());
  const now = Date.now();
  // Old views of other regions go, so that a server that served every region once does not keep them all.
  for (const [k, e] of forDb) if (k !== key && now - e.at >= STALE_LIMIT_MS) forDb.delete(k);
  const hit = forDb.get(key);
  if (hit && hit.stamp === stamp && hit.generation === generation) {
    const age = now - hit.at;
    if (age < REGION_VIEW_TTL_MS || !hit.ready) return hit.value;
    if (age < STALE_LIMIT_MS) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        // The fresh view replaces the stale one when it is ready, unless something newer did meanwhile.
        compute(db, registry, regionId, threshold).then((view) => {
          if (forDb.get(key) === hit) forDb.set(key, { stamp, at: Date.now(), generation: hit.generation, value: Promise.resolve(view), ready: true, refreshing: false });
        }, () => { hit.refreshing = false; });
      }
      return hit.value;
    }
  }
  const entry = start(forDb, key, stamp, compute(db, registry, regionId, threshold));
  forDb.set(key, entry);
  return entry.value;
}

/** Forget every cached view: for a change that must show at once (and for tests that change data between calls). */
export function forgetRegionViews(): void {
  generation++;
}
