// The exam-day statements (autosave, submission), prepared once per database session so PostgreSQL plans them once.
import { createHash } from "node:crypto";
import { CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "./schema.js";

/*
 * Planning the guarded autosave (its campaign check is a join) costs PostgreSQL about 0.3 ms, more
 * than running it, on every call: Kysely sends each query unnamed, so nothing is reused. A session-level
 * PREPARE is planned once per connection (PGlite has one, a pg pool ten); EXECUTE then names it with
 * its parameters as literals (EXECUTE takes no bind parameters). The literals are exactly what a
 * parameter carries over the wire, its text, escaped so that no value can end the literal.
 * When a session does not have the statement (a new pooled connection), it is prepared there and run
 * again; where sessions do not hold statements (a pooler in transaction mode), the process falls back
 * to sending the statement itself, as before.
 * On a pg pool opened by openDatabase the driver's own named statements are used instead (below), under
 * names of their own. Inside a transaction nothing is prepared.
 */

const SPECIAL = /['\\]/;
const SPECIALS = /['\\]/g;

/** A parameter as SQL text: an escape-string literal (E'…', quote and backslash doubled) or NULL. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else throw new TypeError(`no literal for a ${typeof value} parameter`);
  return `E'${SPECIAL.test(text) ? text.replace(SPECIALS, (c) => c + c) : text}'`;
}

const MISSING_STATEMENT = "26000";
const ALREADY_PREPARED = "42P05";
/** Statements this process could not prepare (their text leaves a parameter's type open): sent as they are. */
const unpreparable = new Set<string>();
let sessionsKeepStatements = true;

/** A statement's name, from its text: a changed text is another statement. Few texts exist, so the names are kept. */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `orientir_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`));
  return name;
}
const code = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** Whether statements run prepared, or fell back to being sent whole (for tests and diagnostics). */
export function preparedFallbacks(): { unpreparable: number; sessionsKeepStatements: boolean } {
  return { unpreparable: unpreparable.size, sessionsKeepStatements };
}

/**
 * A driver's own named statements (pg: Parse once per connection, then Bind and Execute with the
 * values as bind parameters): no literals to escape and no EXECUTE text for the server to parse.
 * openDatabase registers it for a pg pool's Kysely; PGlite's API has none, so it takes the EXECUTE path.
 */
export type NativePrepared = (name: string, text: string, values: readonly unknown[]) => Promise<unknown[]>;
const natives = new WeakMap<Kysely<Database>, NativePrepared>();
export function registerNativePrepared(db: Kysely<Database>, run: NativePrepared): void {
  natives.set(db, run);
}
/** The server could not settle a parameter's type (no cast in the text): such a statement is sent unnamed. */
const INDETERMINATE = new Set(["42P18", "42P08", "42804"]);

/** Runs `query` as a prepared statement of the connection it gets; the rows it returns. */
export async function executePrepared<R>(db: Kysely<Database>, query: RawBuilder<R> | CompiledQuery<R>): Promise<R[]> {
  const compiled = "compile" in query ? query.compile(db) : query;
  // Inside a transaction a failed EXECUTE (the session lacks the statement) would abort the whole
  // transaction, and a transaction is one connection anyway: sent whole. The hot paths run outside one.
  if (db.isTransaction) return (await db.executeQuery(compiled)).rows;
  const name = nameOf(compiled.sql);
  const native = natives.get(db);
  if (native && !unpreparable.has(name)) {
    try {
      // A name of its own: the same connection may hold the SQL-level PREPARE of this text (made by a
      // transaction below), which the driver does not know of; one name for both would collide.
      return (await native(`${name}_wire`, compiled.sql, compiled.parameters)) as R[];
    } catch (error) {
      if (!INDETERMINATE.has(String(code(error)))) throw error;
      unpreparable.add(name);
      return (await db.executeQuery(compiled)).rows;
    }
  }
  let args: string;
  try {
    args = compiled.parameters.map(literal).join(", ");
  } catch {
    return (await db.executeQuery(compiled)).rows;
  }
  if (!sessionsKeepStatements || unpreparable.has(name)) return (await db.executeQuery(compiled)).rows;
  const execute = CompiledQuery.raw(`execute ${name}${args ? `(${args})` : ""}`, []);
  try {
    return (await db.executeQuery<R>(execute)).rows;
  } catch (error) {
    if (code(error) !== MISSING_STATEMENT) throw error;
  }
  // This session lacks it: prepare it on one connection (which may have it already) and run it there.
  return db.connection().execute(async (connection) => {
    try {
      await connection.executeQuery(CompiledQuery.raw(`prepare ${name} as ${compiled.sql}`, []));
    } catch (error) {
      if (code(error) !== ALREADY_PREPARED) {
        unpreparable.add(name);
        return (await connection.executeQuery<R>(compiled)).rows;
      }
    }
    try {
      return (await connection.executeQuery<R>(execute)).rows;
    } catch (error) {
      if (code(error) !== MISSING_STATEMENT) throw error;
      sessionsKeepStatements = false;
      return (await connection.executeQuery<R>(compiled)).rows;
    }
  });
}
