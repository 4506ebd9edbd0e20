// Plan use cases: read a plan, add, change and delete items (each with its history row), read the history.
import type { Kysely } from "kysely";
import type { Database, PlanItemKind } from "../../db/schema.js";
import { badRequest, conflict, forbidden, notFound } from "../../shared/app-error.js";
import { isoDay } from "../../shared/dates.js";
import type { Principal } from "../auth/principal.js";
import { menteeLink, notify } from "../notifications/notify.js";
import { findPersonById } from "../people/people.repository.js";
import { findLatestResults } from "../profiles/profiles.repository.js";
import * as evidenceRepo from "./evidence.repository.js";
import { readAccess, writeAccess, type PlanAccess } from "./plan-access.js";
import { describeEvent, diffItem, KIND_LABELS, type ItemFields } from "./plan-changes.js";
import { toItemView } from "./plan-views.js";
import * as repo from "./plans.repository.js";
import type { CreateItem, HistoryView, PatchItem, PlanItemView, PlanView } from "./plans.schemas.js";

/** The programme's horizon: a date outside it is a typo (0202, 3026), refused rather than stored. */
const EARLIEST = "2020-01-01", LATEST = "2100-12-31";

export function checkDay(value: string | null | undefined, what: string): void {
  if (value && (value < EARLIEST || value > LATEST)) throw badRequest(`${what}: дата ${value} вне допустимого диапазона (2020–2100 годы)`, "invalid_date");
}

export function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) throw badRequest("Название пункта не может быть пустым", "invalid_title");
  return clean;
}

export async function checkCompetency(db: Kysely<Database>, id: string | null | undefined): Promise<void> {
  if (id && !(await repo.competencyTitles(db, [id])).has(id)) throw badRequest(`Нет такой компетенции: ${id}`, "unknown_competency");
}

/** The person's deficits now: each competency once, at its weakest, weakest first (as the profile counts them). */
export async function currentDeficits(db: Kysely<Database>, userId: string) {
  const rows = await findLatestResults(db, userId);
  const weakest = new Map<string, { id: string; title: string; percent: number; level: string }>();
  for (const r of rows) {
    const seen = weakest.get(r.id);
    if (!seen || r.percent < seen.percent) weakest.set(r.id, { id: r.id, title: r.title, percent: r.percent, level: r.level });
  }
  const all = [...weakest.values()];
  return {
    measured: new Map(all.map((c) => [c.id, c.percent])),
    deficits: all.filter((c) => c.level === "deficit").sort((a, b) => a.percent - b.percent || a.id.localeCompare(b.id)).map(({ id, title, percent }) => ({ id, title, percent })),
  };
}

export class PlansService {
  constructor(private readonly db: Kysely<Database>) {}

  async plan(viewer: Principal | null, userId: string): Promise<PlanView> {
    const access = await readAccess(this.db, viewer, userId);
    const [person, items, { deficits }, mentor] = await Promise.all([
      findPersonById(this.db, userId), this.itemViews(access), currentDeficits(this.db, userId), repo.mentorContact(this.db, userId),
    ]);
    if (!person) throw notFound("План не найден", "plan_not_found");
    return {
      userId, name: person.name, mode: access.mode, items, deficits,
      ...(mentor ? {
        mentor: {
          id: mentor.id, name: mentor.full_name, ...(mentor.school_name ? { schoolName: mentor.school_name } : {}),
          ...(mentor.email ? { email: mentor.email } : {}), ...(mentor.school_phone ? { schoolPhone: mentor.school_phone } : {}),
        },
      } : {}),
    };
  }

  async addItem(viewer: Principal | null, userId: string, body: CreateItem): Promise<PlanItemView> {
    const access = await writeAccess(this.db, viewer, userId);
    const title = cleanTitle(body.title);
    checkDay(body.dueOn, "Срок");
    await checkCompetency(this.db, body.competencyId);
    if (body.courseId && !(await repo.courseExists(this.db, body.courseId))) throw badRequest(`Нет такого курса: ${body.courseId}`, "unknown_course");
    const actorId = access.viewer.id;
    const id = await this.db.transaction().execute(async (trx) => {
      const itemId = await repo.insertItem(trx, {
        userId, kind: body.kind as PlanItemKind, title, competencyId: body.competencyId ?? null, dueOn: body.dueOn ?? null,
        courseId: body.courseId ?? null, groupId: null, resourceUrl: body.resourceUrl ?? null, actorId,
      });
      await repo.insertEvent(trx, { itemId, userId, actorId, action: "created", changes: createdChanges({ ...body, title }) });
      if (access.mode === "mentor") {
        await notify(trx, userId, {
          kind: "plan-item-added", title: "Наставник добавил пункт в ваш план",
          body: `${KIND_LABELS[body.kind as PlanItemKind]}: «${title}»${body.dueOn ? `, срок ${body.dueOn.split("-").reverse().join(".")}` : ""}`, link: "/plan",
        });
      }
      return itemId;
    });
    return this.itemView(access, id);
  }

  async updateItem(viewer: Principal | null, userId: string, itemId: string, body: PatchItem): Promise<PlanItemView> {
    const access = await writeAccess(this.db, viewer, userId);
    const patch = { ...body, ...(body.title !== undefined ? { title: cleanTitle(body.title) } : {}) };
    checkDay(patch.dueOn, "Срок");
    await checkCompetency(this.db, patch.competencyId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.lockItem(trx, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
      const current = (await repo.findItem(trx, userId, itemId))!;
      const changes = diffItem(
        { title: current.title, status: current.status, dueOn: current.due_on, competencyId: current.competency_id, resourceUrl: current.resource_url },
        patch as Partial<ItemFields>,
      );
      // Nothing really changed: nothing is written, and the history does not fill with empty edits.
      if (!Object.keys(changes).length) return;
      await repo.updateItem(trx, itemId, access.viewer.id, Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to])) as repo.ItemChanges);
      await repo.insertEvent(trx, { itemId, userId, actorId: access.viewer.id, action: "updated", changes });
      if (changes.status?.to === "done" && access.mode === "own" && access.facts.currentMentorId) {
        const person = await findPersonById(trx, userId);
        await notify(trx, access.facts.currentMentorId, {
          kind: "plan-item-done", title: `Пункт плана выполнен: ${person?.name ?? "наставляемый"}`,
          body: `«${patch.title ?? current.title}»`, link: menteeLink(userId),
        });
      }
    });
    return this.itemView(access, itemId);
  }

  async deleteItem(viewer: Principal | null, userId: string, itemId: string): Promise<void> {
    const access = await writeAccess(this.db, viewer, userId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.lockItem(trx, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
      const item = (await repo.findItem(trx, userId, itemId))!;
      if (item.created_by !== access.viewer.id) throw forbidden("Удалить пункт может только тот, кто его добавил; отметьте его как отменённый", "not_item_author");
      if (item.status !== "planned" || item.has_evidence || item.touched_by_others) {
        throw conflict("Этот пункт уже в работе, с подтверждениями или изменён другим участником: отметьте его как отменённый — история сохранится", "item_in_use");
      }
      await repo.deleteItem(trx, itemId);
    });
  }

  async history(viewer: Principal | null, userId: string, q: { limit?: number | undefined; offset?: number | undefined }): Promise<HistoryView> {
    await readAccess(this.db, viewer, userId);
    const [rows, total] = await Promise.all([repo.listEvents(this.db, userId, q.limit ?? 200, q.offset ?? 0), repo.countEvents(this.db, userId)]);
    const competencyIds = rows.flatMap((r) => Object.entries(r.changes).flatMap(([k, v]) => competencyIdsIn(k, v)));
    const titles = await repo.competencyTitles(this.db, competencyIds);
    return {
      userId, total,
      events: rows.map((r) => ({
        id: r.id, itemId: r.item_id, itemTitle: r.item_title, action: r.action as HistoryView["events"][number]["action"],
        ...(r.actor_id && r.actor_name ? { actor: { id: r.actor_id, name: r.actor_name } } : {}),
        at: new Date(r.at).toISOString(), changes: r.changes, summary: describeEvent(r.action, r.changes, titles),
      })),
    };
  }

  /** Items of the plan as this viewer sees them (with their evidence, without file contents). */
  async itemViews(access: PlanAccess): Promise<PlanItemView[]> {
    const rows = await repo.listItems(this.db, access.facts.targetId);
    const evidence = await evidenceRepo.listEvidence(this.db, rows.map((r) => r.id));
    const today = isoDay();
    return rows.map((r) => toItemView(r, evidence, access.viewer.id, access.mode, today));
  }

  async itemView(access: PlanAccess, itemId: string, db: Kysely<Database> = this.db): Promise<PlanItemView> {
    const row = await repo.findItem(db, access.facts.targetId, itemId);
    if (!row) throw notFound("Пункт плана не найден", "item_not_found");
    return toItemView(row, await evidenceRepo.listEvidence(db, [itemId]), access.viewer.id, access.mode, isoDay());
  }
}

/** What a new item was: its fields as set, for the history. */
export function createdChanges(v: { kind: string; title: string; competencyId?: string | null | undefined; dueOn?: string | null | undefined; courseId?: string | null | undefined; groupId?: string | null | undefined; resourceUrl?: string | null | undefined }) {
  return {
    kind: v.kind, title: v.title, status: "planned",
    ...(v.competencyId ? { competencyId: v.competencyId } : {}), ...(v.dueOn ? { dueOn: v.dueOn } : {}),
    ...(v.courseId ? { courseId: v.courseId } : {}), ...(v.groupId ? { groupId: v.groupId } : {}), ...(v.resourceUrl ? { resourceUrl: v.resourceUrl } : {}),
  };
}

function competencyIdsIn(key: string, value: unknown): string[] {
  if (key !== "competencyId") return [];
  if (typeof value === "string") return [value];
  const change = value as { from?: unknown; to?: unknown };
  return [change.from, change.to].filter((x): x is string => typeof x === "string");
}
