// The region's reliability of each competency of an instrument version (α, SD, SEM), estimated once and kept for a while.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { regionItemVariances } from "./progress.repository.js";
import { regionReliability, type RegionReliability } from "./reliable-change.js";

export type ReliabilityTable = ReadonlyMap<string, RegionReliability>;

/** Six hours: α over hundreds of attempts moves little with a day's submissions, and a wave takes weeks. */
export const RELIABILITY_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * Estimating α reads every item score of the region's attempts on a version: done at most once per
 * `ttlMs` per region, instrument and version, and shared by concurrent requests (the promise is
 * cached, so a burst of readers runs one query). A failed estimate is forgotten, not kept.
 */
export class ReliabilityCache {
  private readonly entries = new Map<string, { at: number; table: Promise<ReliabilityTable> }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: InstrumentRegistry,
    private readonly ttlMs = RELIABILITY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  of(regionId: string, instrumentId: string, version: number): Promise<ReliabilityTable> {
    const key = `${regionId}\u0000${instrumentId}\u0000${version}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.table;
    const table = this.estimate(regionId, instrumentId, version);
    this.entries.set(key, { at: this.now(), table });
    table.catch(() => { if (this.entries.get(key)?.table === table) this.entries.delete(key); });
    return table;
  }

  /** Tables for several versions at once, keyed `instrument@version`. */
  async many(regionId: string, versions: ReadonlyArray<{ instrumentId: string; version: number }>): Promise<Map<string, ReliabilityTable>> {
    const tables = await Promise.all(versions.map((v) => this.of(regionId, v.instrumentId, v.version)));
    return new Map(versions.map((v, i) => [`${v.instrumentId}@${v.version}`, tables[i]!]));
  }

  private async estimate(regionId: string, instrumentId: string, version: number): Promise<ReliabilityTable> {
    const loaded = await this.registry.atVersion(this.db, instrumentId, version);
    if (!loaded) return new Map();
    const key = loaded.answerKey;
    const maxScore = new Map<string, number>();
    for (const item of key.items) maxScore.set(item.competency, (maxScore.get(item.competency) ?? 0) + item.maxPoints);
    const rows = await regionItemVariances(this.db, regionId, instrumentId, version, key.items.map((i) => ({ name: i.name, competency: i.competency })));
    const table = new Map<string, RegionReliability>();
    for (const r of rows) {
      const estimate = regionReliability({
        attempts: r.attempts, items: r.items, itemVarianceSum: Number(r.item_variance_sum ?? NaN),
        totalVariance: Number(r.total_variance ?? NaN), maxScore: maxScore.get(r.competency) ?? 0,
      });
      if (estimate) table.set(r.competency, estimate);
    }
    return table;
  }
}
