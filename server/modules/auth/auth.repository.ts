// Queries of sign-in: access codes by digest.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export async function findAccessCode(db: Kysely<Database>, codeHash: string) {
  return db.selectFrom("access_codes").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
}

/**
 * Marks a code used; false when another sign-in marked it first. An anonymous code keeps the day it
 * was issued, not the day it was used: the day of use, set beside the day of an answer, could tie a
 * slip someone remembers handing out to that answer.
 */
export async function markAccessCodeUsed(db: Kysely<Database>, codeHash: string): Promise<boolean> {
  const result = await db.updateTable("access_codes")
    .set({ used_at: sql<Date>`case when kind = 'anonymous' then date_trunc('day', created_at) else now() end` })
    .where("code_hash", "=", codeHash).where("used_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
