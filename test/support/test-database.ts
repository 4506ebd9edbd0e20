// One migrated database per test worker: in-memory PGlite, or a database of its own on the PostgreSQL
// server named by DATABASE_URL. Test files reset its data, not its schema.
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../server/db/database.js";
import { migrateToLatest } from "../../server/db/migrator.js";
import type { Database } from "../../server/db/schema.js";
import { loadRegistry } from "../../server/bootstrap.js";
import { syncLibrary } from "../../server/modules/instruments/instruments.service.js";
import type { InstrumentRegistry } from "../../server/modules/instruments/registry.js";
import { SURVEYS_DIR } from "./paths.js";

interface WorkerDatabase { handle: DatabaseHandle; registry: InstrumentRegistry }

let shared: Promise<WorkerDatabase> | undefined;

/** Tables that hold people and their work; the catalogue tables mirror surveys/ and stay. */
const DATA_TABLES = [
  "notifications", "mentor_meetings", "plan_evidence", "plan_item_events", "plan_items", "exam_results", "climate_rounds", "course_group_members", "course_groups", "import_batches", "campaign_assignments", "campaign_schools", "campaign_municipalities",
  "competency_results", "attempts", "mentor_assignments", "access_codes", "user_roles", "users",
  "campaign_instruments", "campaigns", "municipality_neighbours", "schools", "municipalities", "regions",
];

async function createPostgresDatabase(url: string): Promise<string> {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
  // TEST_DB_PREFIX keeps two suites running at once on one server out of each other's databases.
  const name = `${process.env.TEST_DB_PREFIX ?? "orientir_test"}_${worker}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

export function workerDatabase(): Promise<WorkerDatabase> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    const handle = await openDatabase({ databaseUrl: url ? await createPostgresDatabase(url) : undefined, pgliteDir: "memory://", poolSize: 5 });
    await migrateToLatest(handle.db);
    const registry = await loadRegistry(SURVEYS_DIR);
    await syncLibrary(handle.db, registry.all().map((i) => i.definition), registry.catalogues);
    return { handle, registry };
  })();
  return shared;
}

export async function resetData(db: Kysely<Database>): Promise<void> {
  await sql`truncate ${sql.join(DATA_TABLES.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}
