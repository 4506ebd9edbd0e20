// The floors: bare Fastify routes doing the same writes and read as Orientir's, with nothing else (no auth, log, checks).
import Fastify, { type FastifyInstance } from "fastify";
import type { ScoredResponse } from "../server/modules/scoring/scorer.js";

/**
 * One statement with its parameters, on the same database as the app (a pg pool of the same size, or
 * the same PGlite), prepared once per session under `name`: the floor gets what the app's hot
 * statements get (prepared-statement.ts), so the ratio measures the app, not planning.
 */
export type RawQuery = (name: string, text: string, params: unknown[]) => Promise<unknown>;

export interface BareOptions {
  query: RawQuery;
  /** The same statement sent whole every time (planned every time): the floor as issue 9 words it. */
  plainQuery: (text: string, params: unknown[]) => Promise<unknown>;
  /** The attempt row's fixed parts. */
  instrumentId: string;
  version: number;
  schoolId: string;
  campaignId: string;
  /** Who the n-th inserted attempt belongs to. */
  submitUsers: string[];
  /** The scores the row carries (computed once: the floor writes, it does not score). */
  scored: ScoredResponse;
  /** The bytes Orientir serves for the instrument. */
  instrumentBytes: Buffer;
}

const UPDATE = "update attempts set data = $2::jsonb, current_page = $3::int, updated_at = now() where id = $1::uuid returning id";

const INSERT = `with a as (
    insert into attempts (user_id, school_id, audience, instrument_id, version, campaign_id, status, data, submitted_at, score, max_score, percent, item_scores)
    values ($1::uuid, $2::text, 'teacher', $3::text, $4::int, $5::text, 'submitted', $6::jsonb, now(), $7::float8, $8::float8, $9::float8, $10::jsonb) returning id)
  insert into competency_results (attempt_id, competency_id, score, max_score, percent, level, items)
  select a.id, r.competency_id, r.score, r.max_score, r.percent, r.level, r.items
  from a, jsonb_to_recordset($11::jsonb) as r(competency_id text, score float8, max_score float8, percent float8, level text, items int)
  returning attempt_id`;

export async function bareApp(o: BareOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  const s = o.scored;
  const itemScores = JSON.stringify(Object.fromEntries(s.items.map((i) => [i.name, i.score])));
  const results = JSON.stringify(s.competencies.map((c) => ({ competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items })));

  for (const [prefix, run] of [
    ["/bare", (name: string, text: string, params: unknown[]) => o.query(name, text, params)],
    ["/bare-plain", (_name: string, text: string, params: unknown[]) => o.plainQuery(text, params)],
  ] as const) {
    app.put<{ Params: { id: string }; Body: { data: Record<string, unknown>; currentPage?: number } }>(`${prefix}/attempts/:id`, async (request) => {
      await run("bare_update", UPDATE, [request.params.id, JSON.stringify(request.body.data), request.body.currentPage ?? 0]);
      return { id: request.params.id, saved: true };
    });
    app.post<{ Params: { n: string }; Body: { data: Record<string, unknown> } }>(`${prefix}/submissions/:n`, async (request) => {
      const user = o.submitUsers[Number(request.params.n)];
      await run("bare_insert", INSERT, [user, o.schoolId, o.instrumentId, o.version, o.campaignId, JSON.stringify(request.body.data), s.score, s.maxScore, s.percent, itemScores, results]);
      return { user, submitted: true };
    });
  }

  app.get("/bare/instrument", async (_request, reply) => reply.type("application/json; charset=utf-8").send(o.instrumentBytes));
  return app;
}
