// Submit-and-score over HTTP against a bare insert of the same attempt row, on the same database.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import type { DatabaseHandle } from "../server/db/database.js";
import type { Database } from "../server/db/schema.js";
import { createTokenService } from "../server/modules/auth/tokens.js";
import type { InstrumentRegistry } from "../server/modules/instruments/registry.js";
import { assignEligible } from "../server/modules/campaigns/campaigns.repository.js";
import { isoDay } from "../server/shared/dates.js";

const SECRET = "bench-secret-bench-secret-bench-secret-bench";

/** A region, a school, `count` math teachers and a running campaign: what submissions need. */
async function seedBenchPeople(db: Kysely<Database>, registry: InstrumentRegistry, count: number): Promise<string[]> {
  await db.insertInto("regions").values({ id: "bench", name: "Bench" }).execute();
  await db.insertInto("municipalities").values({ id: "bench-m", region_id: "bench", name: "Bench" }).execute();
  await db.insertInto("schools").values({ id: "bench-s", municipality_id: "bench-m", name: "Bench", short_name: "Bench", clusters: [] }).execute();
  await db.insertInto("campaigns").values({ id: "bench-c", region_id: "bench", title: "Bench", wave: "input", status: "active", starts_on: isoDay(-1), ends_on: isoDay(30) }).execute();
  await db.insertInto("campaign_instruments").values(registry.all().map((i) => ({ campaign_id: "bench-c", instrument_id: i.definition.id }))).execute();
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.insertInto("users").values(chunk.map((id) => ({ id, full_name: "Bench", region_id: "bench", municipality_id: "bench-m", school_id: "bench-s", subjects: ["math"] }))).execute();
    await db.insertInto("user_roles").values(chunk.map((id) => ({ user_id: id, role: "teacher" as const }))).execute();
  }
  await assignEligible(db, "bench-c");
  return ids;
}

/** Runs `task(i)` for i in 0…n−1 with `concurrency` in flight; returns operations per second. */
async function timed(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++);
  }));
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function benchSubmit(database: DatabaseHandle, registry: InstrumentRegistry, responses: Array<Record<string, unknown>>, count: number, concurrency: number) {
  const db = database.db;
  const tokens = createTokenService(SECRET, 60);
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent" }), clientDir: "/nonexistent" };
  const app = await buildApp({ config, database, registry, tokens, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    const people = await seedBenchPeople(db, registry, count);
    const auth = await Promise.all(people.map(async (id) => `Bearer ${(await tokens.issue({ kind: "user", id, roles: ["teacher"], regionId: "bench", municipalityId: "bench-m", schoolId: "bench-s" })).token}`));
    const attempts: string[] = [];
    for (const authorization of auth) {
      const res = await fetch(`${base}/api/attempts`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ instrumentId: "subject-math" }) });
      attempts.push(((await res.json()) as { id: string }).id);
    }
    const submitsPerSecond = await timed(count, concurrency, async (i) => {
      const res = await fetch(`${base}/api/attempts/${attempts[i]}/submit`, {
        method: "POST", headers: { authorization: auth[i]!, "content-type": "application/json" },
        body: JSON.stringify({ data: responses[i % responses.length] }),
      });
      if (res.status !== 200) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
    // The baseline: the same row, written directly, with the same concurrency.
    const insertsPerSecond = await timed(count, concurrency, async (i) => {
      await db.insertInto("attempts").values({
        user_id: people[i]!, school_id: "bench-s", audience: "teacher", instrument_id: "subject-math", version: registry.get("subject-math")!.definition.version,
        campaign_id: "bench-c", status: "submitted", data: JSON.stringify(responses[i % responses.length]), submitted_at: new Date(), started_at: new Date(), updated_at: new Date(),
        respondent_key: null,
      }).onConflict((oc) => oc.columns(["user_id", "instrument_id", "campaign_id"]).where("user_id", "is not", null).doUpdateSet({ updated_at: new Date() })).execute();
    });
    return { submitsPerSecond, insertsPerSecond, ratio: submitsPerSecond / insertsPerSecond };
  } finally {
    await app.close();
  }
}
