// Queries of the school facts: a region's schools, conditions cards, exam results, teachers' and leaders' results, set-based.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ExamRow } from "./exam-summary.js";
import type { FactsSchool } from "./region-facts.js";
import type { TeacherFigures } from "./school-inputs.js";

type Db = Kysely<Database>;

const inRegion = (regionId: string) => sql`s.municipality_id in (select id from municipalities where region_id = ${regionId})`;

/** The region and municipality of a school, for the scope checks. */
export async function findSchoolPlace(db: Db, schoolId: string) {
  return db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.municipality_id", "m.region_id"]).where("s.id", "=", schoolId).executeTakeFirst();
}

export async function findMunicipality(db: Db, municipalityId: string) {
  return db.selectFrom("municipalities").select(["id", "region_id", "name"]).where("id", "=", municipalityId).executeTakeFirst();
}

export async function listRegionSchools(db: Db, regionId: string): Promise<Array<FactsSchool & { municipalityName: string }>> {
  const rows = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.name", "s.short_name", "s.municipality_id", "m.name as municipality_name", "s.locality", "s.students",
      "s.low_results", "s.unfavourable", "s.high_results", "s.clusters"])
    .where("m.region_id", "=", regionId).orderBy("s.id").execute();
  return rows.map((s) => ({
    id: s.id, name: s.name, shortName: s.short_name, municipalityId: s.municipality_id, municipalityName: s.municipality_name,
    locality: s.locality, students: s.students, lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results, clusters: s.clusters,
  }));
}

/** Each school's latest submitted conditions card (a person's attempt, never an anonymous one). */
export async function latestCards(db: Db, regionId: string, instrumentIds: readonly string[]) {
  if (instrumentIds.length === 0) return [];
  const result = await sql<{ school_id: string; instrument_id: string; version: number; data: Record<string, unknown>; submitted_at: Date }>`
    select distinct on (a.school_id) a.school_id, a.instrument_id, a.version, a.data, a.submitted_at
    from attempts a
    join schools s on s.id = a.school_id
    where ${inRegion(regionId)} and a.instrument_id in (${sql.join(instrumentIds)})
      and a.status = 'submitted' and a.user_id is not null
    order by a.school_id, a.submitted_at desc`.execute(db);
  return result.rows;
}

/**
 * Exam results of the region's schools, summed over grades per school, year, exam and subject
 * (shares and means weighted by participants), for each school's latest two years.
 */
export async function examRows(db: Db, regionId: string): Promise<Map<string, ExamRow[]>> {
  const weighted = (column: string) => sql<number | null>`
    sum(${sql.ref(column)} * participants) filter (where ${sql.ref(column)} is not null and participants > 0)
      / nullif(sum(participants) filter (where ${sql.ref(column)} is not null and participants > 0), 0)`;
  const result = await sql<{ school_id: string; year: number; exam: ExamRow["exam"]; subject: string; grades: number[]; participants: number; mean_score: number | null; share_failed: number | null; share_high: number | null }>`
    with r as (
      select e.*, max(e.year) over (partition by e.school_id) as last_year
      from exam_results e join schools s on s.id = e.school_id
      where ${inRegion(regionId)}
    )
    select school_id, year, exam, subject, array_agg(distinct grade order by grade) as grades, sum(participants)::int as participants,
      ${weighted("mean_score")} as mean_score, ${weighted("share_failed")} as share_failed, ${weighted("share_high")} as share_high
    from r where year >= last_year - 1
    group by school_id, year, exam, subject`.execute(db);
  const out = new Map<string, ExamRow[]>();
  for (const r of result.rows) {
    const list = out.get(r.school_id) ?? [];
    list.push({
      year: r.year, exam: r.exam, subject: r.subject, grades: r.grades.map(Number), participants: r.participants,
      meanScore: r.mean_score === null ? null : Number(r.mean_score), shareFailed: r.share_failed === null ? null : Number(r.share_failed),
      shareHigh: r.share_high === null ? null : Number(r.share_high),
    });
    out.set(r.school_id, list);
  }
  return out;
}

/** A methodological competency counted one by one, and the subject tests that measure it. */
export interface CountedMethod { id: string; instruments: readonly string[] }

/**
 * The teachers of the region's schools (or of one) and their current results: latest submitted
 * attempt per subject test, with only its deficit rows joined (who was tested comes from the
 * attempts). A person has deficits in a subject when at least `deficitTopics` of its topics are at
 * the deficit level; a methodological competency is a deficit when it is one in any of their tests
 * (their weakest level). The school travels with every row, so that no step joins two large
 * intermediate results: the plan stays linear even before the planner has statistics of a bulk load.
 */
export async function teacherFigures(db: Db, regionId: string, schoolId: string | null, deficitTopics: number, methods: readonly CountedMethod[]): Promise<Map<string, TeacherFigures>> {
  const col = (name: string) => sql.ref(name);
  const inList = (ids: readonly string[]) => (ids.length ? sql`(${sql.join(ids)})` : sql`(null)`);
  const zeros = sql.join(methods.map(() => sql`, 0, 0`), sql``);
  const result = await sql<{ school_id: string; subject: string | null; tested: number; subject_deficit: number; method_deficit: number; [m: string]: unknown }>`
    with teacher as (
      select u.id as user_id, u.school_id
      from users u join schools s on s.id = u.school_id
      where ${inRegion(regionId)} and u.is_active ${schoolId ? sql`and u.school_id = ${schoolId}` : sql``}
        and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'teacher')
    ),
    latest as (
      select distinct on (a.user_id, a.instrument_id) a.id, a.user_id, t.school_id, a.instrument_id, i.subject
      from teacher t
      join attempts a on a.user_id = t.user_id and a.status = 'submitted'
      join instruments i on i.id = a.instrument_id and i.kind = 'subject-test'
      order by a.user_id, a.instrument_id, a.submitted_at desc
    ),
    by_subject as (
      select l.school_id, l.user_id, l.subject,
        count(*) filter (where c.area = 'subject') >= ${deficitTopics} as subject_deficit,
        coalesce(bool_or(c.area = 'method'), false) as method_deficit
        ${sql.join(methods.map((m, k) => sql`, bool_or(l.instrument_id in ${inList(m.instruments)}) as ${col(`m${k}_tested`)}, coalesce(bool_or(r.competency_id = ${m.id}), false) as ${col(`m${k}_deficit`)}`), sql``)}
      from latest l
      left join competency_results r on r.attempt_id = l.id and r.level = 'deficit'
      left join competencies c on c.id = r.competency_id
      group by l.school_id, l.user_id, l.subject
    ),
    person as (
      select school_id, user_id, bool_or(subject_deficit) as subject_deficit, bool_or(method_deficit) as method_deficit
        ${sql.join(methods.map((_, k) => sql`, bool_or(${col(`m${k}_tested`)}) as ${col(`m${k}_tested`)}, bool_or(${col(`m${k}_deficit`)}) as ${col(`m${k}_deficit`)}`), sql``)}
      from by_subject group by school_id, user_id
    )
    select school_id, null as subject, count(*)::int as tested, (count(*) filter (where subject_deficit))::int as subject_deficit,
      (count(*) filter (where method_deficit))::int as method_deficit
      ${sql.join(methods.map((_, k) => sql`, (count(*) filter (where ${col(`m${k}_tested`)}))::int as ${col(`m${k}_tested`)}, (count(*) filter (where ${col(`m${k}_deficit`)}))::int as ${col(`m${k}_deficit`)}`), sql``)}
    from person group by school_id
    union all
    select school_id, subject, count(*)::int, (count(*) filter (where subject_deficit))::int, 0 ${zeros}
    from by_subject where subject is not null group by school_id, subject
    union all
    select school_id, '', count(*)::int, 0, 0 ${zeros} from teacher group by school_id`.execute(db);

  const out = new Map<string, { total: number; tested: number; subjectDeficit: number; methodDeficit: number; bySubject: Record<string, { tested: number; deficit: number }>; byMethod: Record<string, { tested: number; deficit: number }> }>();
  for (const r of result.rows) {
    const f = out.get(r.school_id) ?? { total: 0, tested: 0, subjectDeficit: 0, methodDeficit: 0, bySubject: {}, byMethod: {} };
    // Three kinds of rows: the school's people (subject null), one subject (its code), the number of teachers ('').
    if (r.subject === "") f.total = r.tested;
    else if (r.subject !== null) f.bySubject[r.subject] = { tested: r.tested, deficit: r.subject_deficit };
    else {
      Object.assign(f, { tested: r.tested, subjectDeficit: r.subject_deficit, methodDeficit: r.method_deficit });
      methods.forEach((m, k) => { f.byMethod[m.id] = { tested: Number(r[`m${k}_tested`]), deficit: Number(r[`m${k}_deficit`]) }; });
    }
    out.set(r.school_id, f);
  }
  return out;
}

/** The latest submitted leader self-assessment of a principal of each school (or of one): percent per competency. */
export async function leaderResults(db: Db, regionId: string, instrumentIds: readonly string[], schoolId: string | null): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (instrumentIds.length === 0) return out;
  const result = await sql<{ school_id: string; competency_id: string; percent: number }>`
    with leader as (
      select distinct on (a.school_id) a.id, a.school_id
      from attempts a
      join schools s on s.id = a.school_id
      join users u on u.id = a.user_id and u.school_id = a.school_id
      where ${inRegion(regionId)} ${schoolId ? sql`and a.school_id = ${schoolId}` : sql``}
        and a.instrument_id in (${sql.join(instrumentIds)}) and a.status = 'submitted'
        and exists (select 1 from user_roles r where r.user_id = a.user_id and r.role = 'principal')
      order by a.school_id, a.submitted_at desc
    )
    select l.school_id, r.competency_id, r.percent from leader l join competency_results r on r.attempt_id = l.id`.execute(db);
  for (const r of result.rows) {
    const map = out.get(r.school_id) ?? new Map<string, number>();
    map.set(r.competency_id, Number(r.percent));
    out.set(r.school_id, map);
  }
  return out;
}
