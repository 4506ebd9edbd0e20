// Use cases of the instrument library: mirror the files into the database, and decide who may take what.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Principal } from "../auth/principal.js";
import { isStaff } from "../auth/principal.js";
import type { Catalogues, InstrumentDefinition } from "./instrument.types.js";
import { answerSignature } from "./answer-signature.js";
import { contentHash, countAttemptsOnVersion, findStoredVersion, findVersionDefinition, upsertCatalogues, upsertInstrument } from "./instruments.repository.js";
import type { LoadedInstrument } from "./registry.js";

export class InstrumentVersionChangedError extends Error {}

/**
 * Writes the catalogues and every instrument version into the database in one transaction.
 * Once respondents have answered a version, only its wording may change (titles, explanations);
 * a change to what answers mean or how they score needs a new version, or the start is refused.
 */
export async function syncLibrary(db: Kysely<Database>, instruments: InstrumentDefinition[], catalogues: Catalogues): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertCatalogues(trx, catalogues);
    for (const def of instruments) {
      const hash = contentHash(def);
      const stored = await findStoredVersion(trx, def.id, def.version);
      if (stored && stored.content_hash !== hash && (await countAttemptsOnVersion(trx, def.id, def.version)) > 0) {
        const before = await findVersionDefinition(trx, def.id, def.version);
        if (!before || answerSignature(before) !== answerSignature(def)) {
          throw new InstrumentVersionChangedError(
            `surveys/${def.id}.json: version ${def.version} has been answered already, and the change alters its questions, values or scoring; give it a new "version"`,
          );
        }
      }
      if (!stored || stored.content_hash !== hash) await upsertInstrument(trx, def, hash);
    }
  });
}

/** What a person needs to know to take an instrument: enough for rules below, nothing from the database. */
export interface Taker {
  principal: Principal;
  subjects: readonly string[];
}

/**
 * Who may take an instrument: teachers the subject tests of the subjects they teach; principals the
 * leader diagnostic and the conditions card; an anonymous respondent only the questionnaire of its code.
 */
export function mayTake(instrument: InstrumentDefinition, taker: Taker): boolean {
  const p = taker.principal;
  if (p.kind === "anonymous") return p.instrumentId === instrument.id;
  if (instrument.anonymous) return false;
  if (instrument.kind === "subject-test") {
    return p.roles.includes("teacher") && taker.subjects.includes(instrument.subject ?? "");
  }
  if (instrument.kind === "leader" || instrument.kind === "conditions") return p.roles.includes("principal") && p.schoolId !== null;
  return false;
}

/** Staff may open any instrument to read it (as respondents see it), without taking it. */
export function mayView(instrument: InstrumentDefinition, taker: Taker): boolean {
  return mayTake(instrument, taker) || isStaff(taker.principal);
}

export function summarize(loaded: LoadedInstrument) {
  const d = loaded.definition;
  return {
    id: d.id, kind: d.kind, audience: d.audience, title: d.title, version: d.version,
    ...(d.subject ? { subject: d.subject } : {}),
    ...(d.description ? { description: d.description } : {}),
    ...(d.timeLimitMinutes ? { timeLimitMinutes: d.timeLimitMinutes } : {}),
    questionCount: loaded.questionNames.size,
  };
}
