// Queries of progress: a person's results in every wave, the region's item variances for α, the item scores behind deficits.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

/** Every competency result of the person's submitted attempts, with the campaign (the wave) each belongs to. */
export async function findWaveResults(db: Kysely<Database>, userId: string) {
  return db.selectFrom("attempts as a")
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .innerJoin("competency_results as r", "r.attempt_id", "a.id")
    .innerJoin("competencies as k", "k.id", "r.competency_id")
    .select([
      "a.id as attempt_id", "a.instrument_id", "a.version", "a.submitted_at", "c.id as campaign_id", "c.title as campaign_title", "c.wave",
      "c.starts_on", "c.region_id", "r.competency_id", "k.title", "k.area", "r.score", "r.max_score", "r.percent", "r.level", "r.items",
    ])
    .where("a.user_id", "=", userId).where("a.status", "=", "submitted")
    .orderBy("c.starts_on").orderBy("a.submitted_at")
    .execute();
}

export interface VarianceRow { competency: string; attempts: number; items: number; total_variance: number | null; item_variance_sum: number | null }

/**
 * What Cronbach's α needs, per competency of one instrument version, over the region's submitted
 * attempts (people's, not anonymous; at most `limit` of the latest): the number of attempts and
 * items, the sum of the items' sample variances and the sample variance of their total. An item
 * without a stored score counts 0, as the scorer gives it.
 */
export async function regionItemVariances(
  db: Kysely<Database>, regionId: string, instrumentId: string, version: number,
  items: ReadonlyArray<{ name: string; competency: string }>, limit = 20_000,
): Promise<VarianceRow[]> {
  if (items.length === 0) return [];
  const result = await sql<VarianceRow>`
    with items as (select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as i(name text, competency text)),
    sample as (
      select a.id, a.item_scores
      from attempts a join campaigns c on c.id = a.campaign_id
      where c.region_id = ${regionId} and a.instrument_id = ${instrumentId} and a.version = ${version}
        and a.status = 'submitted' and a.user_id is not null and a.item_scores is not null
      order by a.submitted_at desc, a.id
      limit ${limit}
    ),
    x as (
      select s.id, i.competency, i.name, coalesce((s.item_scores ->> i.name)::float8, 0) as v
      from sample s cross join items i
    ),
    per_item as (select competency, name, var_samp(v) as variance from x group by competency, name),
    per_total as (select id, competency, sum(v) as total from x group by id, competency),
    totals as (select competency, count(*)::int as attempts, var_samp(total) as total_variance from per_total group by competency)
    select t.competency, t.attempts, count(p.name)::int as items, t.total_variance, sum(p.variance) as item_variance_sum
    from totals t join per_item p on p.competency = t.competency
    group by t.competency, t.attempts, t.total_variance
    order by t.competency`.execute(db);
  return result.rows;
}

/** The stored item scores and version of some attempts. */
export async function findAttemptScores(db: Kysely<Database>, attemptIds: readonly string[]) {
  if (attemptIds.length === 0) return [];
  return db.selectFrom("attempts").select(["id", "instrument_id", "version", "item_scores"]).where("id", "in", [...attemptIds]).execute();
}

