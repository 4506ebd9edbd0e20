// The instrument registry: every definition, its respondent copy (serialised, with its ETag) and answer key, compiled once at start.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { compileAnswerKey, type AnswerKey } from "../scoring/answer-key.js";
import type { Catalogues, InstrumentDefinition, SurveyJson } from "./instrument.types.js";
import { respondentCopy } from "./respondent-copy.js";
import { buildAnswerCodec, type AnswerCodec } from "./answer-codec.js";
import { findVersionDefinition } from "./instruments.repository.js";
import { questionsOf } from "./survey-walk.js";

export interface LoadedInstrument {
  definition: InstrumentDefinition;
  respondentSurvey: SurveyJson;
  answerKey: AnswerKey;
  /** Names of every question: what an attempt may store. */
  questionNames: ReadonlySet<string>;
  /** Names of the questions whose answers the codec translates (rankings): every other answer passes as it is. */
  translated: ReadonlySet<string>;
  /** Translates between the values the browser sees and those of the file (rankings are opaque). */
  codec: AnswerCodec;
  /** GET /api/instruments/:id's body, serialised once, and its strong ETag. */
  served: { body: Buffer; etag: string };
}

/**
 * The served body, byte for byte as Fastify's serializer writes InstrumentSchema (required fields
 * in schema order, then the optional time limit): the same for every viewer, so it is built once.
 */
export function servedInstrument(def: InstrumentDefinition, survey: SurveyJson): { body: Buffer; etag: string } {
  const body = Buffer.from(JSON.stringify({
    id: def.id, version: def.version, kind: def.kind, title: def.title, survey,
    ...(def.timeLimitMinutes ? { timeLimitMinutes: def.timeLimitMinutes } : {}),
  }));
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"` };
}

export class InstrumentRegistry {
  private readonly current = new Map<string, LoadedInstrument>();
  /** Older versions, loaded from the database the first time an attempt on them is scored or shown. */
  private readonly older = new Map<string, Promise<LoadedInstrument | undefined>>();

  constructor(definitions: InstrumentDefinition[], readonly catalogues: Catalogues) {
    for (const def of definitions) this.current.set(def.id, this.load(def));
  }

  private load(def: InstrumentDefinition): LoadedInstrument {
    const codec = buildAnswerCodec(def);
    const respondentSurvey = respondentCopy(def, codec);
    return {
      definition: def,
      codec,
      respondentSurvey,
      served: servedInstrument(def, respondentSurvey),
      answerKey: compileAnswerKey(def, this.catalogues.competencies),
      questionNames: new Set(questionsOf(def.survey).map((q) => q.name)),
      translated: new Set(questionsOf(def.survey).filter((q) => q.type === "ranking").map((q) => q.name)),
    };
  }

  all(): LoadedInstrument[] {
    return [...this.current.values()];
  }

  get(id: string): LoadedInstrument | undefined {
    return this.current.get(id);
  }

  /**
   * The instrument as it was at `version`: the current one from memory (no query), or a stored older
   * version, read once. A failed or empty read is not kept: the next call reads again.
   */
  async atVersion(db: Kysely<Database>, id: string, version: number): Promise<LoadedInstrument | undefined> {
    const current = this.current.get(id);
    if (current?.definition.version === version) return current;
    const key = `${id}@${version}`;
    let loading = this.older.get(key);
    if (!loading) {
      loading = findVersionDefinition(db, id, version).then((def) => (def ? this.load(def) : undefined));
      this.older.set(key, loading);
      loading.then((loaded) => { if (!loaded) this.older.delete(key); }, () => this.older.delete(key));
    }
    return loading;
  }
}
