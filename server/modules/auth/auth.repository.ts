// Queries of sign-in: access codes by digest.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export async function findAccessCode(db: Kysely<Database>, codeHash: string) {
  return db.selectFrom("access_codes").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
}

export async function markAccessCodeUsed(db: Kysely<Database>, codeHash: string): Promise<void> {
  await db.updateTable("access_codes").set({ used_at: sql<Date>`now()` }).where("code_hash", "=", codeHash).where("used_at", "is", null).execute();
}
