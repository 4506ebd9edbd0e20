// Progress use cases: a person's competencies across waves with reliable change, and what lies behind their deficits.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { canSeePersonResults } from "../profiles/profile-access.js";
import { findLatestResults } from "../profiles/profiles.repository.js";
import { deficitDetail, itemFactsOf, type ItemFacts } from "./deficit-details.js";
import { buildProgress, type WaveMeasurement } from "./progress-build.js";
import { findAttemptScores, findWaveResults } from "./progress.repository.js";
import type { DeficitDetailsView, ProgressView } from "./progress.schemas.js";
import type { ReliabilityCache } from "./reliability-cache.js";
import { semOf } from "./reliable-change.js";

export class ProgressService {
  private readonly facts = new Map<string, Promise<ReadonlyMap<string, ItemFacts>>>();
  private readonly competencyOrder: Map<string, number>;
  private readonly laborTitles: Map<string, string>;

  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry, private readonly reliability: ReliabilityCache) {
    this.competencyOrder = new Map();
    for (const loaded of registry.all()) {
      for (const c of loaded.answerKey.competencies) if (!this.competencyOrder.has(c.id)) this.competencyOrder.set(c.id, this.competencyOrder.size);
    }
    this.laborTitles = new Map(registry.catalogues.laborActions.map((a) => [a.code, a.title]));
  }

  /** Every competency across the person's waves; the error of each wave from its own region and instrument version. */
  async progressOf(viewer: Principal, userId: string): Promise<ProgressView> {
    await this.refuseUnlessVisible(viewer, userId);
    const rows = await findWaveResults(this.db, userId);
    const wanted = new Map<string, { regionId: string; instrumentId: string; version: number }>();
    for (const r of rows) wanted.set(`${r.region_id}\u0000${r.instrument_id}@${r.version}`, { regionId: r.region_id, instrumentId: r.instrument_id, version: r.version });
    const tables = new Map(await Promise.all([...wanted].map(async ([key, w]) => [key, await this.reliability.of(w.regionId, w.instrumentId, w.version)] as const)));
    const measurements: WaveMeasurement[] = rows.map((r) => {
      const error = semOf(r.percent, r.items, tables.get(`${r.region_id}\u0000${r.instrument_id}@${r.version}`)?.get(r.competency_id));
      return {
        campaignId: r.campaign_id, campaignTitle: r.campaign_title, wave: r.wave, startsOn: r.starts_on, submittedAt: r.submitted_at as Date,
        instrumentId: r.instrument_id, competencyId: r.competency_id, title: r.title, area: r.area,
        score: r.score, maxScore: r.max_score, percent: r.percent, level: r.level, items: r.items, sem: error.sem, semMethod: error.method,
      };
    });
    const { competencies, summary } = buildProgress(measurements, (id) => this.competencyOrder.get(id) ?? Number.MAX_SAFE_INTEGER);
    return { userId, competencies, summary };
  }

  /**
   * For each deficit of the person's latest results: the topics and kinds of the items not fully
   * credited, counted. Built from the answer key's competencies and the survey's page titles and
   * item types only; nothing of an item's wording, choices, key or explanation is read into it.
   */
  async deficitDetailsOf(viewer: Principal, userId: string): Promise<DeficitDetailsView> {
    await this.refuseUnlessVisible(viewer, userId);
    const deficits = (await findLatestResults(this.db, userId)).filter((r) => r.level === "deficit");
    const attempts = new Map((await findAttemptScores(this.db, [...new Set(deficits.map((d) => d.attempt_id))])).map((a) => [a.id, a]));
    const competencies = [];
    for (const d of deficits) {
      const attempt = attempts.get(d.attempt_id);
      const loaded = attempt && (await this.registry.atVersion(this.db, attempt.instrument_id, attempt.version));
      if (!attempt || !loaded) continue;
      const scores = attempt.item_scores && typeof attempt.item_scores === "object" ? (attempt.item_scores as Record<string, unknown>) : null;
      const facts = await this.factsOf(attempt.instrument_id, attempt.version, loaded.definition);
      const detail = deficitDetail(d.id, loaded.answerKey, facts, scores ?? {}, this.laborTitles);
      competencies.push({
        id: d.id, title: d.title, area: d.area, percent: d.percent, level: d.level,
        instrumentId: d.instrument_id, instrumentTitle: loaded.definition.title, measuredAt: (d.submitted_at as Date).toISOString(),
        available: scores !== null,
        ...(scores !== null ? detail : { items: detail.items, missed: 0, topics: [], kinds: [], laborActions: [], words: "Подробности по заданиям для этой попытки не сохранились." }),
      });
    }
    return { userId, competencies };
  }

  private factsOf(instrumentId: string, version: number, definition: Parameters<typeof itemFactsOf>[0]) {
    const key = `${instrumentId}@${version}`;
    let facts = this.facts.get(key);
    if (!facts) this.facts.set(key, (facts = Promise.resolve(itemFactsOf(definition))));
    return facts;
  }

  /** A person the viewer may not see is answered exactly like one that does not exist (as the profile is). */
  private async refuseUnlessVisible(viewer: Principal, userId: string): Promise<void> {
    if (!(await canSeePersonResults(this.db, viewer, userId))) throw notFound("Профиль не найден", "profile_not_found");
  }
}
