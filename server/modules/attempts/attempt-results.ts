// A submitted attempt's result: built from the scoring at submission, or from its stored competency rows afterwards.
import type { Kysely } from "kysely";
import type { AttemptRow, Database } from "../../db/schema.js";
import type { Course } from "../instruments/instrument.types.js";
import type { LoadedInstrument } from "../instruments/registry.js";
import { findPersonById, type Person } from "../people/people.repository.js";
import { recommendCourses } from "../profiles/recommend.js";
import type { ResultView } from "./attempt-views.js";
import { findCompetencyResults } from "./attempts.repository.js";

type ScoredRow = Pick<AttemptRow, "id" | "instrument_id" | "version" | "submitted_at" | "score" | "max_score" | "percent">;

/** The result as every route shows it; courses for the owner's roles and subjects (none for an anonymous answer). */
export function resultView(
  attempt: ScoredRow, loaded: LoadedInstrument, competencies: ResultView["competencies"],
  owner: Pick<Person, "roles" | "subjects"> | undefined, catalogue: readonly Course[],
): ResultView {
  const courses = owner ? recommendCourses({ roles: owner.roles, subjects: owner.subjects, competencies }, catalogue) : [];
  return {
    attemptId: attempt.id, instrumentId: attempt.instrument_id, instrumentTitle: loaded.definition.title, version: attempt.version,
    submittedAt: attempt.submitted_at!.toISOString(),
    score: attempt.score!, maxScore: attempt.max_score!, percent: attempt.percent ?? 0,
    competencies, deficits: competencies.filter((c) => c.level === "deficit").map((c) => c.id),
    courses: courses.map((c) => ({ id: c.course.id, title: c.course.title, hours: c.course.hours, format: c.course.format, reason: c.reason, competencies: c.addresses })),
  };
}

/**
 * The stored result of a submitted attempt (null when its instrument has no scores). Its two reads
 * run one after the other: a request holds one pool connection at a time.
 */
export async function storedResult(
  db: Kysely<Database>, catalogue: readonly Course[], attempt: AttemptRow, loadedAt: () => Promise<LoadedInstrument>,
): Promise<ResultView | null> {
  if (attempt.score === null || attempt.max_score === null || !attempt.submitted_at) return null;
  const loaded = await loadedAt();
  const rows = await findCompetencyResults(db, attempt.id);
  const owner = attempt.user_id ? await findPersonById(db, attempt.user_id) : undefined;
  const order = loaded.answerKey.competencies.map((c) => c.id);
  const competencies = rows
    .map((r) => ({ id: r.id, title: r.title, score: r.score, maxScore: r.max_score, percent: r.percent, level: r.level, items: r.items }))
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return resultView(attempt, loaded, competencies, owner, catalogue);
}
