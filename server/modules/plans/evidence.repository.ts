// Every query of plan evidence: the list without contents, one file with its bytes, adding and removing.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

function selectMeta(db: Kysely<Database>) {
  return db.selectFrom("plan_evidence as v").leftJoin("users as u", "u.id", "v.created_by")
    .select(["v.id", "v.item_id", "v.kind", "v.note", "v.url", "v.file_name", "v.content_type", "v.size", "v.created_by", "u.full_name as created_by_name", "v.created_at"]);
}
export type EvidenceRow = Awaited<ReturnType<ReturnType<typeof selectMeta>["executeTakeFirstOrThrow"]>>;

/** Evidence of the items, oldest first; file contents stay in the database until one is downloaded. */
export async function listEvidence(db: Kysely<Database>, itemIds: string[]): Promise<EvidenceRow[]> {
  if (!itemIds.length) return [];
  return selectMeta(db).where("v.item_id", "in", itemIds).orderBy("v.created_at").orderBy("v.id").execute();
}

export async function findEvidence(db: Kysely<Database>, itemId: string, evidenceId: string): Promise<EvidenceRow | undefined> {
  return selectMeta(db).where("v.item_id", "=", itemId).where("v.id", "=", evidenceId).executeTakeFirst();
}

export async function evidenceContent(db: Kysely<Database>, evidenceId: string): Promise<Buffer | null> {
  const row = await db.selectFrom("plan_evidence").select("content").where("id", "=", evidenceId).executeTakeFirst();
  return row?.content ? Buffer.from(row.content) : null;
}

export async function countEvidence(db: Kysely<Database>, itemId: string): Promise<number> {
  const row = await db.selectFrom("plan_evidence").select(sql<number>`count(*)::int`.as("n")).where("item_id", "=", itemId).executeTakeFirstOrThrow();
  return row.n;
}

export interface NewEvidence {
  itemId: string; kind: "note" | "link" | "file"; note?: string | null; url?: string | null;
  fileName?: string | null; contentType?: string | null; size?: number | null; content?: Buffer | null; actorId: string;
}

export async function insertEvidence(db: Kysely<Database>, v: NewEvidence): Promise<string> {
  const row = await db.insertInto("plan_evidence").values({
    item_id: v.itemId, kind: v.kind, note: v.note ?? null, url: v.url ?? null, file_name: v.fileName ?? null,
    content_type: v.contentType ?? null, size: v.size ?? null, content: v.content ?? null, created_by: v.actorId,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteEvidence(db: Kysely<Database>, evidenceId: string): Promise<void> {
  await db.deleteFrom("plan_evidence").where("id", "=", evidenceId).execute();
}
