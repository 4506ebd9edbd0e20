// The instrument registry: every definition, its respondent copy and answer key, compiled once at start.
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
  /** Translates between the values the browser sees and those of the file (rankings are opaque). */
  codec: AnswerCodec;
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
    return {
      definition: def,
      codec,
      respondentSurvey: respondentCopy(def, codec),
      answerKey: compileAnswerKey(def, this.catalogues.competencies),
      questionNames: new Set(questionsOf(def.survey).map((q) => q.name)),
    };
  }

  all(): LoadedInstrument[] {
    return [...this.current.values()];
  }

  get(id: string): LoadedInstrument | undefined {
    return this.current.get(id);
  }

  /** The instrument as it was at `version`: the current one, or a stored older version. */
  async atVersion(db: Kysely<Database>, id: string, version: number): Promise<LoadedInstrument | undefined> {
    const current = this.current.get(id);
    if (current?.definition.version === version) return current;
    const key = `${id}@${version}`;
    let loading = this.older.get(key);
    if (!loading) {
      loading = findVersionDefinition(db, id, version).then((def) => (def ? this.load(def) : undefined));
      this.older.set(key, loading);
    }
    return loading;
  }
}
