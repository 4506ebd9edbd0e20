// The Kysely factory: PGlite on disk by default, a PostgreSQL server when DATABASE_URL is set.
import { mkdir } from "node:fs/promises";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import type { Database } from "./schema.js";
import { registerNativePrepared } from "./prepared-statement.js";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /**
   * How long the oldest query still waiting for a pg pool connection has waited, in ms; 0 when none
   * waits. Load shedding reads it. PGlite has none: its statements run on the event loop itself, so
   * the event loop's delay is its queue.
   */
  queueDelayMs?(): number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; "memory://" keeps it in memory (tests). */
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pg = await import("pg");
    // Dates stay plain strings (no time zone shift), bigint counts become numbers.
    pg.default.types.setTypeParser(1082, (v: string) => v);
    pg.default.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.default.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const queueDelayMs = timeQueue(pool as unknown as { connect: () => Promise<unknown> });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // The exam-day statements run as pg's own named statements, on a pooled connection like any query.
    registerNativePrepared(db, async (name, text, values) => {
      const client = await pool.connect();
      try {
        return (await client.query({ name, text, values: values as unknown[] })).rows;
      } finally {
        client.release();
      }
    });
    return { db, kind: "postgres", queueDelayMs, close: () => db.destroy() };
  }
  const dir = options.pgliteDir ?? "memory://";
  if (!dir.startsWith("memory://")) await mkdir(dir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(dir, { parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: "pglite", close: () => db.destroy() };
}

/**
 * Wraps pool.connect (Kysely takes a connection per query or transaction; the pool serves waiters
 * first come, first served) to know when each waiter began: the queue's delay is the age of the oldest.
 */
function timeQueue(pool: { connect: () => Promise<unknown> }): () => number {
  const started: number[] = [];
  const connect = pool.connect.bind(pool);
  pool.connect = async () => {
    const at = performance.now();
    started.push(at);
    try {
      return await connect();
    } finally {
      const index = started.indexOf(at);
      if (index >= 0) started.splice(index, 1);
    }
  };
  return () => (started.length ? performance.now() - started[0]! : 0);
}
