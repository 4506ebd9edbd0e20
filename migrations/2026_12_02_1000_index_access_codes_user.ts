// Personal access codes are found by their person when codes are reissued.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("access_codes_user_idx").on("access_codes").columns(["user_id", "kind"]).where(sql.ref("user_id"), "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("access_codes_user_idx").execute();
}
