// Demo region: plans, meetings and notifications of every mentored teacher, in the demo seed's transaction (it opens none).
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.js";
import { Rng } from "../demo/demo-region.js";
import type { Course } from "../instruments/instrument.types.js";
import { recommendCourses } from "../profiles/recommend.js";
import { buildDemoPlan, emptyRows, note, type DemoPair, type DemoRows } from "./demo-plan-build.js";
import { draftPlan } from "./draft-plan.js";

const DAY = 86_400_000;
const CHUNK = 500;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface DemoPlansSummary { plans: number; items: number; meetings: number; notifications: number }

/**
 * Every current pair of the region gets its mentee's plan drafted from the profile and course groups
 * (as «Составить план по профилю» would), then lived through: items in every state, some overdue,
 * evidence, meetings over the pair's life, notifications (the recent ones unread). teacher@demo, who
 * has no results yet, gets what their mentor (mentor@demo) added: an open lesson to observe and a
 * consultation, a first meeting, and unread notifications of all of it and of the pair itself.
 */
export async function seedDemoPlans(db: Kysely<Database>, regionId: string, seed = 20261204): Promise<DemoPlansSummary> {
  const rng = new Rng(seed);
  const now = Date.now();
  const pairs = await db.selectFrom("mentor_assignments as p").innerJoin("users as e", "e.id", "p.mentee_id").innerJoin("users as r", "r.id", "p.mentor_id")
    .select(["p.mentee_id", "p.mentor_id", "p.assigned_at", "e.full_name as mentee_name", "e.login as mentee_login", "r.full_name as mentor_name", "e.subjects",
      sql<Role[]>`coalesce((select array_agg(x.role) from user_roles x where x.user_id = e.id), '{}')`.as("roles")])
    .where("p.ended_at", "is", null).where("e.region_id", "=", regionId).orderBy("p.mentee_id").execute();
  if (!pairs.length) return { plans: 0, items: 0, meetings: 0, notifications: 0 };
  const ids = pairs.map((p) => p.mentee_id);
  const [results, groups, courses] = await Promise.all([latestResults(db, ids), confirmedGroups(db, ids), activeCourses(db)]);
  const courseCompetencies = new Map(courses.map((c) => [c.id, c.competencies]));
  const rows = emptyRows();

  const resultsOf = groupBy(results, (r) => r.user_id);
  const groupsOf = groupBy(groups, (g) => g.user_id);
  for (const pair of pairs) {
    const mine = resultsOf.get(pair.mentee_id) ?? [];
    const weakest = new Map<string, (typeof mine)[number]>();
    for (const r of mine) if (!weakest.has(r.id) || r.percent < weakest.get(r.id)!.percent) weakest.set(r.id, r);
    const deficits = [...weakest.values()].filter((r) => r.level === "deficit").sort((a, b) => a.percent - b.percent).map((r) => ({ id: r.id, title: r.title, percent: r.percent }));
    const recommendations = recommendCourses({ roles: pair.roles, subjects: pair.subjects, competencies: mine }, courses);
    const draft = draftPlan({
      deficits, measured: new Map([...weakest.values()].map((r) => [r.id, r.percent])), courseCompetencies, existing: [],
      recommendations: recommendations.map((r) => ({ courseId: r.course.id, title: r.course.title, addresses: r.addresses })),
      groups: (groupsOf.get(pair.mentee_id) ?? []).map((g) => ({ groupId: g.id, courseId: g.course_id, courseTitle: g.course_title, startsOn: g.starts_on, endsOn: g.ends_on })),
    });
    const demoPair = { menteeId: pair.mentee_id, menteeName: pair.mentee_name, mentorId: pair.mentor_id, mentorName: pair.mentor_name, assignedAt: new Date(pair.assigned_at) };
    if (pair.mentee_login === "teacher@demo") firstSteps(rng, demoPair, now, rows);
    else buildDemoPlan(rng, demoPair, draft.create, deficits, now, rows);
  }

  await insertAll(rows.items, (c) => db.insertInto("plan_items").values(c).execute());
  await insertAll(rows.events, (c) => db.insertInto("plan_item_events").values(c).execute());
  await insertAll(rows.evidence, (c) => db.insertInto("plan_evidence").values(c).execute());
  await insertAll(rows.meetings, (c) => db.insertInto("mentor_meetings").values(c).execute());
  await insertAll(rows.notifications, (c) => db.insertInto("notifications").values(c).execute());
  return { plans: pairs.length, items: rows.items.length, meetings: rows.meetings.length, notifications: rows.notifications.length };
}

/** teacher@demo's first day with mentor@demo: two items the mentor added, a first meeting, unread notifications. */
function firstSteps(rng: Rng, pair: DemoPair, now: number, out: DemoRows): void {
  // Just after the pair was confirmed (the seed's moment), never later than now.
  const at = new Date(Math.min(now, pair.assignedAt.getTime() + 60_000));
  out.notifications.push(note(pair.menteeId, "mentor-assigned", `Вам назначен наставник: ${pair.mentorName}`, "Предмет: Математика. Наставник увидит ваш профиль и план и поможет с дефицитами.", "/plan", pair.assignedAt, now));
  const items = [
    { kind: "open-lesson" as const, title: "Посетить открытый урок наставника: решение текстовых задач в 6 классе", due: iso(now + 10 * DAY) },
    { kind: "consultation" as const, title: "Консультация с наставником: разбор результатов диагностики после тестирования", due: iso(now + 21 * DAY) },
  ];
  for (const i of items) {
    const id = rng.uuid();
    out.items.push({ id, user_id: pair.menteeId, competency_id: null, kind: i.kind, title: i.title, due_on: i.due, status: "planned", course_id: null, group_id: null,
      resource_url: null, created_by: pair.mentorId, created_at: at, updated_by: pair.mentorId, updated_at: at });
    out.events.push({ item_id: id, user_id: pair.menteeId, actor_id: pair.mentorId, action: "created", at, changes: JSON.stringify({ kind: i.kind, title: i.title, status: "planned", dueOn: i.due }) });
    out.notifications.push(note(pair.menteeId, "plan-item-added", "Наставник добавил пункт в ваш план", `«${i.title}»`, "/plan", at, now));
  }
  out.meetings.push({ mentee_id: pair.menteeId, mentor_id: pair.mentorId, held_on: iso(at.getTime()), topic: "Знакомство: как будем работать", agreed: "Пройти диагностику по математике; посетить открытый урок наставника", created_at: at });
  out.notifications.push(note(pair.menteeId, "meeting-recorded", "Наставник записал встречу", "«Знакомство: как будем работать»", "/plan#meetings", at, now));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Each person's latest submitted attempt per instrument, and its competency results (as profiles read them). */
async function latestResults(db: Kysely<Database>, userIds: string[]) {
  const latest = db.selectFrom("attempts").select(["id", "user_id", "instrument_id"]).distinctOn(["user_id", "instrument_id"])
    .where("user_id", "in", userIds).where("status", "=", "submitted")
    .orderBy("user_id").orderBy("instrument_id").orderBy("submitted_at", "desc");
  return db.selectFrom(latest.as("a")).innerJoin("competency_results as r", "r.attempt_id", "a.id").innerJoin("competencies as c", "c.id", "r.competency_id")
    .select([sql<string>`a.user_id`.as("user_id"), "r.competency_id as id", "c.title", "r.percent", "r.level"]).execute();
}

async function confirmedGroups(db: Kysely<Database>, userIds: string[]) {
  return db.selectFrom("course_group_members as m").innerJoin("course_groups as g", "g.id", "m.group_id").innerJoin("courses as c", "c.id", "g.course_id")
    .select(["m.user_id", "g.id", "g.course_id", "c.title as course_title", "g.starts_on", "g.ends_on"])
    .where("m.user_id", "in", userIds).where("g.status", "=", "confirmed").execute();
}

/** The catalogue as the database holds it (the seed has no registry at hand). */
async function activeCourses(db: Kysely<Database>): Promise<Course[]> {
  const rows = await db.selectFrom("courses").select(["id", "title", "hours", "format", "audience", "subjects", "competencies", "description"]).where("is_active", "=", true).orderBy("id").execute();
  return rows.map((r) => ({ ...r, format: r.format as Course["format"], subjects: r.subjects as Course["subjects"] }));
}
