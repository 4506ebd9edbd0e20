// What the exam-path benchmarks stand on: a school, a running campaign, math teachers with attempts in progress, their tokens.
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../server/db/schema.js";
import { assignEligible } from "../server/modules/campaigns/campaigns.repository.js";
import type { TokenService } from "../server/modules/auth/tokens.js";
import type { InstrumentRegistry } from "../server/modules/instruments/registry.js";
import { isoDay } from "../server/shared/dates.js";

export const BENCH_INSTRUMENT = "subject-math";

export interface Taker { userId: string; attemptId: string; token: string }

export interface ExamSeed {
  /** Distinct attempts in progress, saved round-robin. */
  autosave: Taker[];
  /** One attempt in progress that every connection saves at once. */
  shared: Taker;
  /** Attempts in progress, each submitted once. */
  submit: Taker[];
  /** People with no attempt: the bare insert writes theirs (the same unique index and foreign keys). */
  bareSubmitUsers: string[];
  /** A math teacher who may view the math test. */
  viewerToken: string;
}

async function insertPeople(db: Kysely<Database>, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await db.insertInto("users").values(chunk.map((id, j) => ({
      id, login: `bench-${i + j}-${id.slice(0, 8)}@bench`, full_name: `Учитель ${i + j}`, region_id: "bench", municipality_id: "bench-m", school_id: "bench-s", subjects: ["math"],
    }))).execute();
    await db.insertInto("user_roles").values(chunk.map((id) => ({ user_id: id, role: "teacher" as const }))).execute();
  }
  return ids;
}

/** Attempts as POST /api/attempts creates them: in progress, the deadline from the time limit. */
async function insertAttempts(db: Kysely<Database>, registry: InstrumentRegistry, userIds: string[]): Promise<Map<string, string>> {
  const def = registry.get(BENCH_INSTRUMENT)!.definition;
  const ids = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db.insertInto("attempts").values(userIds.slice(i, i + 1000).map((userId) => ({
      user_id: userId, respondent_key: null, school_id: "bench-s", audience: "teacher", instrument_id: def.id, version: def.version, campaign_id: "bench-c",
      deadline_at: sql<Date>`now() + make_interval(mins => ${def.timeLimitMinutes ?? 90})`,
    }))).returning(["id", "user_id"]).execute();
    for (const r of rows) ids.set(r.user_id!, r.id);
  }
  return ids;
}

export async function seedExam(db: Kysely<Database>, registry: InstrumentRegistry, tokens: TokenService, sizes: { autosave: number; submit: number; bareSubmit: number }): Promise<ExamSeed> {
  await db.insertInto("regions").values({ id: "bench", name: "Bench" }).execute();
  await db.insertInto("municipalities").values({ id: "bench-m", region_id: "bench", name: "Bench" }).execute();
  await db.insertInto("schools").values({ id: "bench-s", municipality_id: "bench-m", name: "Bench", short_name: "Bench", clusters: [] }).execute();
  await db.insertInto("campaigns").values({ id: "bench-c", region_id: "bench", title: "Bench", wave: "input", status: "active", starts_on: isoDay(-1), ends_on: isoDay(30) }).execute();
  await db.insertInto("campaign_instruments").values(registry.all().map((i) => ({ campaign_id: "bench-c", instrument_id: i.definition.id }))).execute();

  const takers = await insertPeople(db, sizes.autosave + 1 + sizes.submit);
  const bareSubmitUsers = await insertPeople(db, sizes.bareSubmit);
  const [viewer] = await insertPeople(db, 1);
  await assignEligible(db, "bench-c");
  const attempts = await insertAttempts(db, registry, takers);
  const token = async (id: string) => (await tokens.issue({ kind: "user", id, roles: ["teacher"], regionId: "bench", municipalityId: "bench-m", schoolId: "bench-s" })).token;
  const all: Taker[] = [];
  for (const userId of takers) all.push({ userId, attemptId: attempts.get(userId)!, token: await token(userId) });
  return {
    autosave: all.slice(0, sizes.autosave),
    shared: all[sizes.autosave]!,
    submit: all.slice(sizes.autosave + 1),
    bareSubmitUsers,
    viewerToken: await token(viewer!),
  };
}
