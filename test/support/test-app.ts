// A fresh app over the worker's database, with fixtures and helpers to call the API as any of the people.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createTokenService, type TokenService } from "../../server/modules/auth/tokens.js";
import type { InstrumentRegistry } from "../../server/modules/instruments/registry.js";
import type { Kysely } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { findPersonById } from "../../server/modules/people/people.repository.js";
import { seedFixtures, type Fixtures, type PersonKey } from "./fixtures.js";
import { resetData, workerDatabase } from "./test-database.js";

export interface TestContext {
  app: FastifyInstance;
  db: Kysely<Database>;
  registry: InstrumentRegistry;
  tokens: TokenService;
  people: Fixtures;
  tokenOf(person: PersonKey): Promise<string>;
  /** `app.inject` signed in as the person (or anonymous with `null`). */
  as(person: PersonKey | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-signing";

export async function setupTestApp(): Promise<TestContext> {
  const { handle, registry } = await workerDatabase();
  await resetData(handle.db);
  const people = await seedFixtures(handle.db, registry);
  const tokens = createTokenService(TEST_SECRET, 60);
  const config = loadConfig({ ...process.env, DATABASE_URL: "", JWT_SECRET: TEST_SECRET, LOG_LEVEL: "silent" });
  const app = await buildApp({ config: { ...config, clientDir: "/nonexistent" }, database: handle, registry, tokens, logger: false });
  await app.ready();
  const cache = new Map<PersonKey, string>();
  const tokenOf = async (person: PersonKey) => {
    const cached = cache.get(person);
    if (cached) return cached;
    const found = await findPersonById(handle.db, people[person].id);
    const { token } = await tokens.issue({
      kind: "user", id: found!.id, roles: found!.roles, regionId: found!.regionId, municipalityId: found!.municipalityId, schoolId: found!.schoolId,
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
