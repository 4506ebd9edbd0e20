// Shared steps of the climate API tests: the app with the climate module, codes signed in, questionnaires answered.
import type { InjectOptions } from "fastify";
import { buildApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createTokenService } from "../../server/modules/auth/tokens.js";
import climateRoutes from "../../server/modules/climate/climate.routes.js";
import { findPersonById } from "../../server/modules/people/people.repository.js";
import { seedFixtures, type PersonKey } from "../support/fixtures.js";
import { TEST_SECRET, type TestContext } from "../support/test-app.js";
import { resetData, workerDatabase } from "../support/test-database.js";

/**
 * setupTestApp with the climate routes: registered here while server/app.ts does not register them
 * yet, and left alone once it does. `threshold` sets ANONYMITY_THRESHOLD for this app.
 */
export async function setupClimateApp(threshold?: number): Promise<TestContext> {
  const { handle, registry } = await workerDatabase();
  await resetData(handle.db);
  const people = await seedFixtures(handle.db, registry);
  const tokens = createTokenService(TEST_SECRET, 60);
  const env = { ...process.env, DATABASE_URL: "", JWT_SECRET: TEST_SECRET, LOG_LEVEL: "silent", ...(threshold ? { ANONYMITY_THRESHOLD: String(threshold) } : {}) };
  const config = { ...loadConfig(env), clientDir: "/nonexistent" };
  const app = await buildApp({ config, database: handle, registry, tokens, logger: false });
  if (!app.hasRoute({ method: "POST", url: "/api/climate-rounds" })) await app.register(climateRoutes, { db: handle.db, registry, config });
  await app.ready();
  const cache = new Map<PersonKey, string>();
  const tokenOf = async (person: PersonKey) => {
    const cached = cache.get(person);
    if (cached) return cached;
    const found = (await findPersonById(handle.db, people[person].id))!;
    const { token } = await tokens.issue({
      kind: "user", id: found.id, roles: found.roles, regionId: found.regionId, municipalityId: found.municipalityId, schoolId: found.schoolId,
    });
    cache.set(person, token);
    return token;
  };
  return {
    app, db: handle.db, registry, tokens, people, tokenOf,
    async as(person, options) {
      const headers = { ...(options.headers ?? {}) } as Record<string, string>;
      if (person) headers.authorization = `Bearer ${await tokenOf(person)}`;
      return app.inject({ ...options, headers });
    },
    close: () => app.close(),
  };
}

/** Every scale item of a questionnaire answered with one value (1…4), or with what `pick` gives per item. */
export function likertAnswers(t: TestContext, instrumentId: string, pick: (item: string, index: number) => number | string): Record<string, unknown> {
  const scales = t.registry.get(instrumentId)!.definition.scales ?? [];
  const items = scales.flatMap((s) => s.items);
  return Object.fromEntries(items.map((item, i) => [item, pick(item, i)]));
}

export interface Respondent { token: string; headers: Record<string, string> }

/** Signs in with an access code as a respondent would (from a given address). */
export async function signInWithCode(t: TestContext, code: string, remoteAddress = "198.51.100.23"): Promise<Respondent> {
  const res = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in with code → ${res.statusCode}: ${res.body}`);
  const token = res.json().token as string;
  return { token, headers: { authorization: `Bearer ${token}` } };
}

/** Signs in with the code, starts the questionnaire of the code, saves once and submits: the respondent's whole path. */
export async function answerWithCode(t: TestContext, code: string, data: Record<string, unknown>, remoteAddress?: string): Promise<string> {
  const r = await signInWithCode(t, code, remoteAddress);
  const [instrument] = (await t.app.inject({ method: "GET", url: "/api/instruments", headers: r.headers, remoteAddress })).json() as Array<{ id: string }>;
  const started = await t.app.inject({ method: "POST", url: "/api/attempts", headers: r.headers, payload: { instrumentId: instrument!.id }, remoteAddress });
  if (started.statusCode !== 201) throw new Error(`start → ${started.statusCode}: ${started.body}`);
  const id = started.json().id as string;
  const half = Object.fromEntries(Object.entries(data).slice(0, 5));
  const saved = await t.app.inject({ method: "PUT", url: `/api/attempts/${id}`, headers: r.headers, payload: { data: half, currentPage: 1 }, remoteAddress });
  if (saved.statusCode !== 200) throw new Error(`save → ${saved.statusCode}: ${saved.body}`);
  const submitted = await t.app.inject({ method: "POST", url: `/api/attempts/${id}/submit`, headers: r.headers, payload: { data }, remoteAddress });
  if (submitted.statusCode !== 200) throw new Error(`submit → ${submitted.statusCode}: ${submitted.body}`);
  return id;
}

/** Opens a round through the API and returns its id and codes (JSON answer). */
export async function openRound(t: TestContext, who: PersonKey, body: Record<string, unknown>): Promise<{ id: string; codes: string[]; slips: Array<{ code: string; className?: string }> }> {
  const res = await t.as(who, { method: "POST", url: "/api/climate-rounds", payload: body });
  if (res.statusCode !== 201) throw new Error(`open round → ${res.statusCode}: ${res.body}`);
  return res.json();
}

export const call = (t: TestContext, who: PersonKey | null, method: InjectOptions["method"], url: string, payload?: unknown) =>
  t.as(who, { method, url, ...(payload !== undefined ? { payload: payload as InjectOptions["payload"] } : {}) } as InjectOptions);
