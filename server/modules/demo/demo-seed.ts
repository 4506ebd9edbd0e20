// Loads the demo region into an empty database: places, people, demo sign-ins, a campaign and scored attempts.
import type { Insertable, Kysely } from "kysely";
import type { AttemptsTable, CompetencyResultsTable, Database, Role } from "../../db/schema.js";
import { hashPassword } from "../auth/passwords.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { SUBJECT_CODES } from "../instruments/instrument.types.js";
import { scoreResponse } from "../scoring/scorer.js";
import { simulateAnswers } from "./demo-answers.js";
import { DEMO_REGION, demoNeighbours, generateDemoRegion, Rng, SUBJECT_TITLES, type DemoPerson } from "./demo-region.js";
import { assignEligible, deactivateAssignments } from "../campaigns/campaigns.repository.js";
import { isoDay } from "../../shared/dates.js";
import { seedDemoCourseGroups } from "../course-groups/demo-groups.js";
import { seedDemoMentorPairs } from "../mentoring/demo-pairs.js";
import { seedDemoPlans } from "../plans/demo-plans.js";
import { seedDemoWaves } from "../progress/demo-waves.js";
import { seedDemoSchoolData } from "../schools/demo-school-data.js";
import { seedDemoClimate } from "../climate/demo-climate.js";

export const DEMO_SEED = 20261123;
export const DEMO_PASSWORD = "demo";
/**
 * The demo's calendar is anchored to the day it is loaded: the pilot schools (two municipalities
 * that joined the programme first) took their input diagnostic last spring; the mentor candidates of
 * high-result schools were tested then too (closed); the input diagnostic of the other programme
 * schools opened 75 days ago and runs another month, and their intermediate wave is planned; a fresh
 * demo always has a campaign that can be taken.
 */
export function demoCampaigns(now = Date.now()) {
  return {
    pilotInput: {
      id: "demo-pilot-input", title: "Входная диагностика пилотных школ программы",
      wave: "input" as const, startsOn: isoDay(-220, now), endsOn: isoDay(-190, now),
      targets: {},
    },
    mentorSelection: {
      id: "demo-mentor-selection", title: "Диагностика кандидатов в наставники (школы с высокими результатами)",
      wave: "input" as const, startsOn: isoDay(-140, now), endsOn: isoDay(-110, now),
      targets: {},
    },
    input: {
      id: "demo-input", title: "Входная диагностика профессиональных дефицитов педагогов и руководителей",
      wave: "input" as const, startsOn: isoDay(-75, now), endsOn: isoDay(30, now),
      targets: { teachers: 1100, principals: 94, schoolShare: 0.6 },
    },
    intermediate: {
      id: "demo-intermediate", title: "Промежуточная диагностика: повторное тестирование после курсов и наставничества",
      wave: "intermediate" as const, startsOn: isoDay(100, now), endsOn: isoDay(130, now),
      targets: { teachers: 1100, principals: 94, schoolShare: 0.6 },
    },
  };
}
/** Submissions spread over the first weeks of a campaign, all before today. */
const DAYS = 45;

export interface SeedSummary { municipalities: number; schools: number; teachers: number; principals: number; attempts: number; logins: string[] }

const CHUNK = 500;
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Seeds only an empty database (no regions); returns null when there was something already. */
export async function seedDemoRegion(db: Kysely<Database>, registry: InstrumentRegistry, seed = DEMO_SEED): Promise<SeedSummary | null> {
  const existing = await db.selectFrom("regions").select("id").limit(1).executeTakeFirst();
  if (existing) return null;
  const rng = new Rng(seed);
  const region = generateDemoRegion(seed);
  const demo = await demoSignIns(region, rng);
  const people = [...region.people, ...demo.added];
  const passwordHashes = new Map(await Promise.all(demo.logins.map(async (l) => [l, await hashPassword(DEMO_PASSWORD)] as const)));

  return db.transaction().execute(async (trx) => {
    await trx.insertInto("regions").values(DEMO_REGION).execute();
    await trx.insertInto("municipalities").values(region.municipalities.map((m) => ({ ...m, region_id: DEMO_REGION.id }))).execute();
    await insertChunked(region.schools, (chunk) => trx.insertInto("schools").values(chunk.map((s) => ({
      id: s.id, municipality_id: s.municipalityId, name: s.name, short_name: s.shortName, locality: s.locality, students: s.students,
      low_results: s.lowResults, unfavourable: s.unfavourable, high_results: s.highResults, clusters: s.clusters,
    }))).execute());
    await insertChunked(people, (chunk) => trx.insertInto("users").values(chunk.map((p) => ({
      id: p.id, login: p.login, password_hash: p.login ? passwordHashes.get(p.login) ?? null : null, full_name: p.name,
      position: p.position, region_id: DEMO_REGION.id, municipality_id: p.municipalityId, school_id: p.schoolId, subjects: p.subjects,
    }))).execute());
    const roles = people.flatMap((p) => p.roles.map((role) => ({ user_id: p.id, role })));
    await insertChunked(roles, (chunk) => trx.insertInto("user_roles").values(chunk).execute());

    await trx.insertInto("municipality_neighbours").values(demoNeighbours(region.municipalities.map((m) => m.id))).execute();

    // The programme's schools are diagnosed now (the intermediate wave is planned for them); the
    // mentor pool of high-result schools was diagnosed before, in a campaign now closed.
    const campaigns = demoCampaigns();
    const programme = region.schools.filter((s) => s.lowResults || s.unfavourable).map((s) => s.id);
    const mentorSchools = region.schools.filter((s) => s.highResults).map((s) => s.id);
    const pilotMunicipalities = new Set(pilotMunicipalitiesOf(region, demo.teacher.municipalityId));
    const pilot = region.schools.filter((s) => (s.lowResults || s.unfavourable) && pilotMunicipalities.has(s.municipalityId)).map((s) => s.id);
    const pilotSet = new Set(pilot);
    const others = programme.filter((id) => !pilotSet.has(id));
    const plan = [
      { c: campaigns.pilotInput, status: "closed", schools: pilot, instruments: registry.all() },
      { c: campaigns.mentorSelection, status: "closed", schools: mentorSchools, instruments: registry.all().filter((i) => i.definition.kind === "subject-test") },
      { c: campaigns.input, status: "active", schools: others, instruments: registry.all() },
      { c: campaigns.intermediate, status: "planned", schools: others, instruments: registry.all() },
    ] as const;
    for (const { c, status, schools, instruments } of plan) {
      await trx.insertInto("campaigns").values({
        id: c.id, region_id: DEMO_REGION.id, title: c.title, wave: c.wave, status, starts_on: c.startsOn, ends_on: c.endsOn,
        target_teachers: "teachers" in c.targets ? c.targets.teachers : null,
        target_principals: "principals" in c.targets ? c.targets.principals : null,
        target_school_share: "schoolShare" in c.targets ? c.targets.schoolShare : null,
        opened_at: status === "planned" ? null : new Date(`${c.startsOn}T06:00:00Z`),
        closed_at: status === "closed" ? new Date(`${c.endsOn}T18:00:00Z`) : null,
      }).execute();
      await trx.insertInto("campaign_instruments").values(instruments.map((i) => ({ campaign_id: c.id, instrument_id: i.definition.id }))).execute();
      await insertChunked([...schools], (chunk) => trx.insertInto("campaign_schools").values(chunk.map((school_id) => ({ campaign_id: c.id, school_id }))).execute());
      if (status !== "planned") await assignEligible(trx, c.id);
      if (status === "closed") await deactivateAssignments(trx, c.id);
    }

    const untested = new Set(demo.untested);
    const mentorSchoolSet = new Set(mentorSchools);
    const campaignOf = (p: DemoPerson) => mentorSchoolSet.has(p.schoolId ?? "")
      ? { id: campaigns.mentorSelection.id, firstDay: Date.parse(`${campaigns.mentorSelection.startsOn}T06:00:00Z`), days: 25 }
      : pilotSet.has(p.schoolId ?? "")
        ? { id: campaigns.pilotInput.id, firstDay: Date.parse(`${campaigns.pilotInput.startsOn}T06:00:00Z`), days: 25 }
        : { id: campaigns.input.id, firstDay: Date.parse(`${campaigns.input.startsOn}T06:00:00Z`) + 4 * 86_400_000, days: DAYS };
    const attempts = simulateCampaign(registry, people.filter((p) => !untested.has(p.id)), rng, campaignOf, new Set(demo.completed));
    await insertChunked(attempts.rows, (chunk) => trx.insertInto("attempts").values(chunk).execute());
    await insertChunked(attempts.results, (chunk) => trx.insertInto("competency_results").values(chunk).execute());

    // Conditions cards for most programme schools and two years of exam results for every school.
    await seedDemoSchoolData(trx, registry, DEMO_REGION.id);

    // Anonymous climate rounds at most programme schools, a few below the anonymity threshold.
    await seedDemoClimate(trx, registry, DEMO_REGION.id, 5);

    // Course groups built from these profiles: confirmed for one course, proposed for others.
    const methodologist = people.find((p) => p.login === "methodologist@demo");
    await seedDemoCourseGroups(trx, DEMO_REGION.id, methodologist?.id ?? null);

    // mentor@demo mentors teacher@demo from the start, so that both sides of the pair have something to show.
    await trx.insertInto("mentor_assignments").values({
      mentor_id: demo.mentor.id, mentee_id: demo.teacher.id, subject: "math",
      reason: "Учитель математики школы с высокими результатами; пара создана при загрузке демонстрационного региона",
    }).execute();
    // Pairs proposed by the optimal matching and confirmed for about a third of the teachers with deficits.
    await seedDemoMentorPairs(trx, DEMO_REGION.id, methodologist?.id ?? null);
    // The pilot schools' intermediate wave (closed): measured growth after courses and mentoring.
    await seedDemoWaves(trx, registry, DEMO_REGION.id);
    // Development plans of the mentored teachers, their meetings, and notifications.
    await seedDemoPlans(trx, DEMO_REGION.id);

    return {
      municipalities: region.municipalities.length, schools: region.schools.length,
      teachers: people.filter((p) => p.roles.includes("teacher")).length,
      principals: people.filter((p) => p.roles.includes("principal")).length,
      attempts: attempts.rows.length, logins: demo.logins,
    };
  });
}

/** The contract's sign-ins: some are people of the generated region, the rest are added beside them. */
async function demoSignIns(region: ReturnType<typeof generateDemoRegion>, rng: Rng) {
  const school = region.schools.find((s) => s.lowResults && s.clusters.includes("math-teaching") && region.people.some((p) => p.schoolId === s.id && p.subjects.includes("math")))!;
  const mentorSchool = region.schools.find((s) => s.highResults && region.people.some((p) => p.schoolId === s.id && p.roles.includes("mentor") && p.subjects.includes("math")));
  const added: DemoPerson[] = [];
  const person = (login: string, name: string, position: string, roles: Role[], extra: Partial<DemoPerson> = {}) => {
    const p: DemoPerson = { id: rng.uuid(), login, name, position, roles, subjects: [], schoolId: null, municipalityId: null, ability: 0, ...extra };
    added.push(p);
    return p;
  };
  const claim = (p: DemoPerson | undefined, login: string) => { if (p) p.login = login; return p; };

  const teacher = claim(region.people.find((p) => p.schoolId === school.id && p.subjects.includes("math") && p.roles.includes("teacher")), "teacher@demo")!;
  const principal = claim(region.people.find((p) => p.schoolId === school.id && p.roles.includes("principal")), "principal@demo");
  const found = region.people.find((p) => p.schoolId === mentorSchool?.id && p.roles.includes("mentor") && p.subjects.includes("math"));
  const mentor = found ? claim(found, "mentor@demo")! : person("mentor@demo", "Орлова Светлана Викторовна", "Учитель математики", ["teacher", "mentor"], { subjects: ["math"], ability: 1.4 });
  person("methodologist@demo", "Кравченко Ольга Николаевна", "Методист центра непрерывного повышения профессионального мастерства", ["methodologist"]);
  person("municipal@demo", "Гусев Андрей Павлович", "Муниципальный координатор", ["municipal"], { municipalityId: school.municipalityId });
  person("admin@demo", "Администратор платформы", "Администратор", ["admin"]);
  const subjectTeachers = SUBJECT_CODES.map((code) => person(`teacher-${code}@demo`, demoTeacherName(rng), `Учитель ${SUBJECT_TITLES[code]}`, ["teacher"], {
    subjects: [code], schoolId: school.id, municipalityId: school.municipalityId, ability: -0.3,
  }));
  const logins = [...region.people, ...added].flatMap((p) => (p.login ? [p.login] : [])).sort();
  // The contract's teachers have not taken a test yet; the mentor has, with a strong profile.
  // principal@demo has assessed their leadership, so their school's profile shows a leader profile.
  return { added, logins, untested: [teacher.id, ...subjectTeachers.map((t) => t.id)], completed: principal ? [principal.id] : [], teacher, mentor };
}

/** The pilot: the two municipalities with the most programme schools, other than teacher@demo's. */
function pilotMunicipalitiesOf(region: ReturnType<typeof generateDemoRegion>, exclude: string | null): string[] {
  const counts = new Map<string, number>();
  for (const s of region.schools) if ((s.lowResults || s.unfavourable) && s.municipalityId !== exclude) counts.set(s.municipalityId, (counts.get(s.municipalityId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([id]) => id);
}

function demoTeacherName(rng: Rng): string {
  return rng.pick(["Лебедева Анна Игоревна", "Соколова Елена Викторовна", "Морозова Ирина Павловна", "Зайцева Ольга Юрьевна", "Павлова Марина Сергеевна"]);
}

/** Attempts of the region's people on their instruments: most submitted, some in progress, some not begun. */
function simulateCampaign(registry: InstrumentRegistry, people: DemoPerson[], rng: Rng, campaignOf: (p: DemoPerson) => { id: string; firstDay: number; days: number }, completed: ReadonlySet<string>) {
  const rows: Array<Insertable<AttemptsTable>> = [];
  const results: Array<Insertable<CompetencyResultsTable>> = [];
  for (const person of people) {
    const campaign = campaignOf(person);
    const instruments = [
      ...person.subjects.map((s) => registry.get(`subject-${s}`)),
      ...(person.roles.includes("principal") ? [registry.get("leader-competency")] : []),
    ].filter((i) => i !== undefined);
    for (const loaded of instruments) {
      // Drawn for everyone, so that forcing one person's outcome changes nobody else's.
      const drawn = rng.float();
      const roll = completed.has(person.id) ? 0 : drawn;
      if (roll > 0.9) continue; // not started yet
      const submitted = roll <= 0.86;
      const def = loaded.definition;
      const answers = simulateAnswers(def, loaded.answerKey, person.ability + rng.normal() * 0.25, rng);
      const minutes = def.timeLimitMinutes ?? 60;
      const start = campaign.firstDay + rng.int(0, campaign.days) * 86_400_000 + rng.int(0, 9 * 60) * 60_000;
      const took = Math.min(minutes, rng.int(Math.round(minutes * 0.45), minutes)) * 60_000;
      const id = rng.uuid();
      const scored = submitted ? scoreResponse(loaded.answerKey, answers) : null;
      rows.push({
        id, user_id: person.id, school_id: person.schoolId, audience: def.audience[0] ?? "teacher", instrument_id: def.id,
        version: def.version, campaign_id: campaign.id, status: submitted ? "submitted" : "in_progress",
        data: JSON.stringify(submitted ? answers : Object.fromEntries(Object.entries(answers).slice(0, 8))),
        current_page: submitted ? 0 : 1,
        started_at: new Date(start), updated_at: new Date(start + took),
        deadline_at: def.timeLimitMinutes ? new Date(start + minutes * 60_000) : null,
        submitted_at: submitted ? new Date(start + took) : null,
        score: scored?.score ?? null, max_score: scored?.maxScore ?? null, percent: scored?.percent ?? null,
        item_scores: scored ? JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))) : null,
      });
      for (const c of scored?.competencies ?? []) {
        results.push({ attempt_id: id, competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items });
      }
    }
  }
  return { rows, results };
}
