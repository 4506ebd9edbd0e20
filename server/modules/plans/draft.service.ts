// Drafting a plan from the profile and the teacher's course groups: one transaction, one history row per item.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Principal } from "../auth/principal.js";
import type { Course } from "../instruments/instrument.types.js";
import { notify } from "../notifications/notify.js";
import { findPersonById } from "../people/people.repository.js";
import { findLatestResults } from "../profiles/profiles.repository.js";
import { recommendCourses } from "../profiles/recommend.js";
import { draftPlan, type Draft } from "./draft-plan.js";
import { writeAccess } from "./plan-access.js";
import * as repo from "./plans.repository.js";
import { createdChanges, currentDeficits, PlansService } from "./plans.service.js";
import type { PlanItemView } from "./plans.schemas.js";

/** Builds the draft for a person from what the database holds now; pure rules in draft-plan.ts. */
export async function buildDraft(db: Kysely<Database>, userId: string, courses: readonly Course[]): Promise<Draft> {
  const [person, rows, groups, existing, { deficits, measured }] = await Promise.all([
    findPersonById(db, userId), findLatestResults(db, userId), repo.confirmedGroupsOf(db, userId), repo.draftExisting(db, userId), currentDeficits(db, userId),
  ]);
  if (!person) return { create: [], link: [] };
  const recommendations = recommendCourses({
    roles: person.roles, subjects: person.subjects,
    competencies: rows.map((r) => ({ id: r.id, title: r.title, percent: r.percent, level: r.level })),
  }, courses);
  return draftPlan({
    deficits, measured,
    recommendations: recommendations.map((r) => ({ courseId: r.course.id, title: r.course.title, addresses: r.addresses })),
    groups: groups.map((g) => ({ groupId: g.id, courseId: g.course_id, courseTitle: g.course_title, startsOn: g.starts_on, endsOn: g.ends_on })),
    courseCompetencies: new Map(courses.map((c) => [c.id, c.competencies])),
    existing: existing.map((e) => ({ id: e.id, kind: e.kind, competencyId: e.competency_id, courseId: e.course_id, groupId: e.group_id, dueOn: e.due_on, status: e.status })),
  });
}

/** Writes a draft: each new item and each tie to a group with its history row. Returns the ids touched. */
export async function applyDraft(db: Kysely<Database>, userId: string, actorId: string, draft: Draft): Promise<{ created: string[]; linked: string[] }> {
  const created: string[] = [];
  for (const d of draft.create) {
    const itemId = await repo.insertItem(db, { userId, ...d, resourceUrl: null, actorId });
    await repo.insertEvent(db, { itemId, userId, actorId, action: "drafted", changes: createdChanges(d) });
    created.push(itemId);
  }
  for (const l of draft.link) {
    const current = (await repo.findItem(db, userId, l.itemId))!;
    const changes: Record<string, { from: string | null; to: string | null }> = { groupId: { from: null, to: l.groupId } };
    if (l.dueOn !== current.due_on) changes.dueOn = { from: current.due_on, to: l.dueOn };
    await repo.updateItem(db, l.itemId, actorId, { groupId: l.groupId, dueOn: l.dueOn });
    await repo.insertEvent(db, { itemId: l.itemId, userId, actorId, action: "updated", changes });
  }
  return { created, linked: draft.link.map((l) => l.itemId) };
}

export class DraftService {
  constructor(private readonly db: Kysely<Database>, private readonly courses: () => readonly Course[], private readonly plans: PlansService) {}

  /** Idempotent: what the plan already has (in any state) is skipped, so a second draft adds nothing. */
  async draft(viewer: Principal | null, userId: string): Promise<{ userId: string; created: PlanItemView[]; linked: PlanItemView[] }> {
    const access = await writeAccess(this.db, viewer, userId);
    const touched = await this.db.transaction().execute(async (trx) => {
      // Two drafts at once take turns: the second reads the first's items and adds nothing.
      await repo.lockPerson(trx, userId);
      const result = await applyDraft(trx, userId, access.viewer.id, await buildDraft(trx, userId, this.courses()));
      if (access.mode === "mentor" && result.created.length) {
        await notify(trx, userId, {
          kind: "plan-drafted", title: "Наставник составил ваш план по профилю",
          body: `Добавлено пунктов: ${result.created.length}. Посмотрите их и при необходимости поправьте сроки.`, link: "/plan",
        });
      }
      return result;
    });
    const [created, linked] = await Promise.all([
      Promise.all(touched.created.map((id) => this.plans.itemView(access, id))),
      Promise.all(touched.linked.map((id) => this.plans.itemView(access, id))),
    ]);
    return { userId, created, linked };
  }
}
