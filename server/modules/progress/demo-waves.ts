// Demo: the pilot schools' intermediate wave (closed), retested with the real scorer after a half-year of courses and mentors.
import type { Insertable, Kysely } from "kysely";
import type { AttemptsTable, CompetencyResultsTable, Database, NotificationsTable } from "../../db/schema.js";
import { isoDay } from "../../shared/dates.js";
import { hashString } from "../../shared/random.js";
import { assignEligible, deactivateAssignments } from "../campaigns/campaigns.repository.js";
import { Rng } from "../demo/demo-region.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { scoreResponse } from "../scoring/scorer.js";
import { abilityFor, retestAbilities, retestAnswers } from "./demo-growth.js";
import { datePilotPairs, seedPilotCourseGroups, type PilotPerson } from "./demo-pilot-support.js";
import { WAVE_WORDS } from "./progress-build.js";

export const DEMO_WAVES_SEED = 20261208;
export const PILOT_INPUT_ID = "demo-pilot-input";
export const PILOT_INTERMEDIATE = { id: "demo-pilot-intermediate", title: "Промежуточная диагностика пилотных школ" } as const;

export interface DemoWavesSummary { campaignId: string | null; submitted: number; inProgress: number; mentored: number; courseGroups: number; courseMembers: number; notifications: number }

const DAY = 86_400_000;
const CHUNK = 500;

/**
 * Runs inside the demo seed's transaction (takes the db given, opens none), after its course groups
 * and mentor pairs; deterministic from its own seed. The pilot cohort that took "demo-pilot-input"
 * is retested 40–15 days ago on the same instruments: most of them submit, a few leave it unfinished.
 * Abilities grew more for those mentored and those in a confirmed course group between the waves,
 * little or not at all for the others, and some declined; answers come from the demo's 2PL model and
 * are scored by the platform's own scorer, so reliable growth shows for some competencies and not others.
 */
export async function seedDemoWaves(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string): Promise<DemoWavesSummary> {
  const rng = new Rng(DEMO_WAVES_SEED);
  const input = await db.selectFrom("campaigns").selectAll().where("id", "=", PILOT_INPUT_ID).where("region_id", "=", regionId).executeTakeFirst();
  const empty = { campaignId: null, submitted: 0, inProgress: 0, mentored: 0, courseGroups: 0, courseMembers: 0, notifications: 0 };
  if (!input) return empty;

  const attempts = await db.selectFrom("attempts as a").innerJoin("users as u", "u.id", "a.user_id").leftJoin("schools as s", "s.id", "a.school_id")
    .select(["a.id", "a.user_id", "a.instrument_id", "a.school_id", "a.percent", "u.full_name", "s.municipality_id"])
    .where("a.campaign_id", "=", input.id).where("a.status", "=", "submitted").orderBy("a.user_id").orderBy("a.instrument_id").execute();
  if (!attempts.length) return empty;
  const results = await db.selectFrom("competency_results").select(["attempt_id", "competency_id", "percent", "level"])
    .where("attempt_id", "in", attempts.map((a) => a.id)).orderBy("attempt_id").orderBy("competency_id").execute();
  const inputOf = new Map<string, Map<string, number>>();
  for (const r of results) (inputOf.get(r.attempt_id) ?? inputOf.set(r.attempt_id, new Map()).get(r.attempt_id)!).set(r.competency_id, r.percent);

  const people = new Map<string, PilotPerson & { deficits: Set<string> }>();
  for (const a of attempts) {
    const p = people.get(a.user_id!) ?? people.set(a.user_id!, { id: a.user_id!, municipalityId: a.municipality_id ?? "", principal: false, deficits: new Set() }).get(a.user_id!)!;
    if (a.instrument_id === "leader-competency") p.principal = true;
  }
  const owner = new Map(attempts.map((a) => [a.id, a.user_id!]));
  for (const r of results) if (r.level === "deficit") people.get(owner.get(r.attempt_id)!)!.deficits.add(r.competency_id);
  const cohort = [...people.values()];

  const municipalities = await db.selectFrom("municipalities").select(["id", "name"]).where("region_id", "=", regionId).execute();
  const methodologist = await db.selectFrom("users").select("id").where("login", "=", "methodologist@demo").executeTakeFirst();
  const mentored = await datePilotPairs(db, cohort, input.ends_on, rng);
  const courses = await seedPilotCourseGroups(db, regionId, cohort, registry.catalogues.courses, new Map(municipalities.map((m) => [m.id, m.name])),
    input.ends_on, methodologist?.id ?? null, rng);

  // The campaign: the pilot's own schools and instruments, assigned, then closed (assignments inactive).
  const startsOn = isoDay(-40);
  const endsOn = isoDay(-15);
  await db.insertInto("campaigns").values({
    id: PILOT_INTERMEDIATE.id, region_id: regionId, title: PILOT_INTERMEDIATE.title, wave: "intermediate", status: "closed",
    starts_on: startsOn, ends_on: endsOn, created_by: methodologist?.id ?? null,
    opened_at: new Date(`${startsOn}T06:00:00Z`), closed_at: new Date(`${endsOn}T18:00:00Z`),
  }).execute();
  const instruments = await db.selectFrom("campaign_instruments").select("instrument_id").where("campaign_id", "=", input.id).execute();
  await db.insertInto("campaign_instruments").values(instruments.map((i) => ({ campaign_id: PILOT_INTERMEDIATE.id, instrument_id: i.instrument_id }))).execute();
  const schools = await db.selectFrom("campaign_schools").select("school_id").where("campaign_id", "=", input.id).execute();
  if (schools.length) await db.insertInto("campaign_schools").values(schools.map((s) => ({ campaign_id: PILOT_INTERMEDIATE.id, school_id: s.school_id }))).execute();
  await assignEligible(db, PILOT_INTERMEDIATE.id);
  await deactivateAssignments(db, PILOT_INTERMEDIATE.id);

  const mentors = new Map((await db.selectFrom("mentor_assignments").select(["mentee_id", "mentor_id"])
    .where("ended_at", "is", null).where("mentee_id", "in", cohort.map((p) => p.id)).execute()).map((m) => [m.mentee_id, m.mentor_id]));
  const rows: Array<Insertable<AttemptsTable>> = [];
  const scoresOut: Array<Insertable<CompetencyResultsTable>> = [];
  const notices: Array<Insertable<NotificationsTable>> = [];
  const firstDay = Date.parse(`${startsOn}T06:00:00Z`);
  let inProgress = 0;
  for (const a of attempts) {
    const loaded = registry.get(a.instrument_id);
    const roll = rng.float();
    const start = firstDay + rng.int(0, 22) * DAY + rng.int(0, 9 * 60) * 60_000;
    if (!loaded || roll > 0.9) continue;
    const def = loaded.definition;
    const base = abilityFor(loaded, a.percent ?? 0, hashString(a.id));
    const abilities = retestAbilities(base, inputOf.get(a.id) ?? new Map(), { mentored: mentored.has(a.user_id!), coursed: courses.coursed.get(a.user_id!) ?? new Set() }, rng);
    const answers = retestAnswers(loaded, abilities, base, rng);
    const submitted = roll <= 0.87;
    const minutes = def.timeLimitMinutes ?? 60;
    const took = Math.min(minutes, rng.int(Math.round(minutes * 0.45), minutes)) * 60_000;
    const scored = submitted ? scoreResponse(loaded.answerKey, answers) : null;
    const id = rng.uuid();
    if (!submitted) inProgress += 1;
    rows.push({
      id, user_id: a.user_id, school_id: a.school_id, audience: def.audience[0] ?? "teacher", instrument_id: def.id, version: def.version,
      campaign_id: PILOT_INTERMEDIATE.id, status: submitted ? "submitted" : "in_progress",
      data: JSON.stringify(submitted ? answers : Object.fromEntries(Object.entries(answers).slice(0, 10))), current_page: submitted ? 0 : 2,
      started_at: new Date(start), updated_at: new Date(start + took), deadline_at: def.timeLimitMinutes ? new Date(start + minutes * 60_000) : null,
      submitted_at: submitted ? new Date(start + took) : null,
      score: scored?.score ?? null, max_score: scored?.maxScore ?? null, percent: scored?.percent ?? null,
      item_scores: scored ? JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))) : null,
    });
    for (const c of scored?.competencies ?? []) {
      scoresOut.push({ attempt_id: id, competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items });
    }
    // What the submission itself would have told the mentor (wave-notice.ts); read unless it is recent.
    const mentor = mentors.get(a.user_id!);
    if (scored && mentor) {
      const at = new Date(start + took);
      notices.push({
        user_id: mentor, kind: "wave-result", title: `Новый результат: ${a.full_name}`,
        body: `${def.title} (${WAVE_WORDS.intermediate}): результаты по компетенциям обновлены.`, link: `/people/${a.user_id}`,
        created_at: at, read_at: Date.now() - at.getTime() > 20 * DAY ? new Date(at.getTime() + DAY) : null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto("attempts").values(rows.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < scoresOut.length; i += CHUNK) await db.insertInto("competency_results").values(scoresOut.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < notices.length; i += CHUNK) await db.insertInto("notifications").values(notices.slice(i, i + CHUNK)).execute();
  return {
    campaignId: PILOT_INTERMEDIATE.id, submitted: rows.length - inProgress, inProgress, mentored: mentored.size,
    courseGroups: courses.groups, courseMembers: courses.members, notifications: notices.length,
  };
}
