// Every query of the instruments domain: the registry's mirror in the database and campaign membership.
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Catalogues, InstrumentDefinition } from "./instrument.types.js";

export const contentHash = (def: InstrumentDefinition) => createHash("sha256").update(JSON.stringify(def)).digest("hex");

export async function findVersionDefinition(db: Kysely<Database>, id: string, version: number): Promise<InstrumentDefinition | undefined> {
  const row = await db.selectFrom("instrument_versions").select("definition")
    .where("instrument_id", "=", id).where("version", "=", version).executeTakeFirst();
  return row?.definition as InstrumentDefinition | undefined;
}

export async function findStoredVersion(db: Kysely<Database>, id: string, version: number) {
  return db.selectFrom("instrument_versions").select(["content_hash"])
    .where("instrument_id", "=", id).where("version", "=", version).executeTakeFirst();
}

export async function countAttemptsOnVersion(db: Kysely<Database>, id: string, version: number): Promise<number> {
  const row = await db.selectFrom("attempts").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("instrument_id", "=", id).where("version", "=", version).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertInstrument(db: Kysely<Database>, def: InstrumentDefinition, hash: string): Promise<void> {
  await db.insertInto("instruments").values({
    id: def.id, kind: def.kind, subject: def.subject ?? null, audience: def.audience, title: def.title,
    anonymous: def.anonymous === true, current_version: def.version,
  }).onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({
    kind: eb.ref("excluded.kind"), subject: eb.ref("excluded.subject"), audience: eb.ref("excluded.audience"),
    title: eb.ref("excluded.title"), anonymous: eb.ref("excluded.anonymous"), current_version: eb.ref("excluded.current_version"),
  }))).execute();
  await db.insertInto("instrument_versions").values({
    instrument_id: def.id, version: def.version, definition: JSON.stringify(def), content_hash: hash,
  }).onConflict((oc) => oc.columns(["instrument_id", "version"]).doUpdateSet((eb) => ({
    definition: eb.ref("excluded.definition"), content_hash: eb.ref("excluded.content_hash"),
  }))).execute();
}

export async function upsertCatalogues(db: Kysely<Database>, catalogues: Catalogues): Promise<void> {
  if (catalogues.competencies.length) {
    await db.insertInto("competencies").values(catalogues.competencies.map((c) => ({
      id: c.id, title: c.title, area: c.area, subject: c.subject ?? null,
    }))).onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({
      title: eb.ref("excluded.title"), area: eb.ref("excluded.area"), subject: eb.ref("excluded.subject"),
    }))).execute();
  }
  if (catalogues.courses.length) {
    await db.insertInto("courses").values(catalogues.courses.map((c) => ({
      id: c.id, title: c.title, hours: c.hours, format: c.format, audience: c.audience, subjects: c.subjects ?? [],
      competencies: c.competencies, description: c.description, source: c.source ?? null, is_active: true,
    }))).onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({
      title: eb.ref("excluded.title"), hours: eb.ref("excluded.hours"), format: eb.ref("excluded.format"),
      audience: eb.ref("excluded.audience"), subjects: eb.ref("excluded.subjects"), competencies: eb.ref("excluded.competencies"),
      description: eb.ref("excluded.description"), source: eb.ref("excluded.source"), is_active: sql<boolean>`true`,
    }))).execute();
  }
  // A course removed from the catalogue stays for history (groups may reference it) but is no longer offered.
  const ids = catalogues.courses.map((c) => c.id);
  let retire = db.updateTable("courses").set({ is_active: false });
  if (ids.length) retire = retire.where("id", "not in", ids);
  await retire.execute();
}
