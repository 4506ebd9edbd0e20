// Course-group changes: save a proposal, rename and date a group, move and remove members, lock, delete. One transaction each.
import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../db/errors.js";
import type { Database } from "../../db/schema.js";
import { badRequest, conflict, notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { changeScope } from "../auth/staff-scope.js";
import * as people from "./candidates.repository.js";
import * as repo from "./course-groups.repository.js";
import { fitsCourse, groupTitle } from "./course-groups.proposal.js";
import type { GroupDetailView, GroupView, SaveGroupsRequest, UpdateGroupRequest } from "./course-groups.schemas.js";
import { checkDates, checkSizes, DEFAULT_SIZES, toGroupView, type CourseGroupsService } from "./course-groups.service.js";

const locked = () => conflict("Группа утверждена: изменить её нельзя", "group_locked");
const alreadyGrouped = () => conflict("Часть участников уже в группе этого курса", "already_grouped");

export class CourseGroupsEditing {
  constructor(private readonly db: Kysely<Database>, private readonly reads: CourseGroupsService) {}

  /** Saves groups (a proposal, possibly edited) of one course; nobody may already be in a group of it. */
  async save(principal: Principal, body: SaveGroupsRequest): Promise<{ groups: GroupView[] }> {
    const scope = changeScope(principal);
    const course = await this.reads.course(body.courseId);
    const minSize = body.minSize ?? DEFAULT_SIZES.minSize, maxSize = body.maxSize ?? DEFAULT_SIZES.maxSize;
    checkSizes(minSize, maxSize);
    checkDates(body.startsOn, body.endsOn);
    const all = body.groups.flatMap((g) => g.members);
    const twice = all.filter((u, i) => all.indexOf(u) !== i);
    if (twice.length) throw badRequest(`Один человек не может быть в двух группах курса: ${[...new Set(twice)].slice(0, 5).join(", ")}`, "duplicate_member");
    const large = body.groups.findIndex((g) => g.members.length > maxSize);
    if (large >= 0) throw badRequest(`В группе ${large + 1} больше ${maxSize} участников`, "group_too_large");
    await this.checkPeople(scope.regionId, course, all);
    if ((await people.findMemberships(this.db, course.id, all)).size) throw alreadyGrouped();

    const names = new Map((await people.findMunicipalities(this.db, scope.regionId)).map((m) => [m.id, m.name]));
    const municipalityOf = new Map((await people.findPeople(this.db, scope.regionId, { userIds: all, withDeficits: false, competencyIds: course.competencies }))
      .map((p) => [p.id, p.municipality_id]));
    const ids: string[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        const existing = await repo.countCourseGroups(trx, scope.regionId, course.id);
        for (const [i, g] of body.groups.entries()) {
          const municipalities = [...new Set(g.members.map((u) => municipalityOf.get(u)!))].map((m) => names.get(m) ?? m).sort();
          const id = await repo.insertGroup(trx, {
            regionId: scope.regionId, courseId: course.id, title: g.title?.trim() || groupTitle(existing + i + 1, municipalities),
            startsOn: body.startsOn ?? null, endsOn: body.endsOn ?? null, minSize, maxSize, createdBy: principalId(principal),
          });
          await repo.insertMembers(trx, id, course.id, g.members);
          ids.push(id);
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyGrouped();
      throw error;
    }
    const groups: GroupView[] = [];
    for (const id of ids) groups.push(toGroupView((await repo.findGroup(this.db, id, null))!));
    return { groups };
  }

  async update(principal: Principal, id: string, body: UpdateGroupRequest): Promise<GroupDetailView> {
    const scope = changeScope(principal);
    const group = await this.reads.visible(scope, id);
    const next = {
      title: body.title?.trim() || group.title,
      startsOn: body.startsOn === undefined ? group.starts_on : body.startsOn,
      endsOn: body.endsOn === undefined ? group.ends_on : body.endsOn,
    };
    checkDates(next.startsOn, next.endsOn);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.takeProposed(trx, id))) throw locked();
      await repo.updateGroup(trx, id, next);
    });
    return this.reads.get(principal, id);
  }

  /** Adds people to a group: candidates not yet grouped, or members of another proposed group of the course (a move). */
  async addMembers(principal: Principal, id: string, userIds: string[]): Promise<GroupDetailView> {
    const scope = changeScope(principal);
    const group = await this.reads.visible(scope, id);
    const course = await this.reads.course(group.course_id);
    await this.checkPeople(scope.regionId, course, userIds);
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!(await repo.takeProposed(trx, id))) throw locked();
        const memberships = await people.findMemberships(trx, course.id, userIds);
        const incoming = userIds.filter((u) => memberships.get(u)?.groupId !== id);
        for (const source of new Set(incoming.flatMap((u) => memberships.get(u)?.groupId ?? []))) {
          if (!(await repo.takeProposed(trx, source))) throw conflict("Часть участников в утверждённой группе: оттуда их не перевести", "group_locked");
        }
        if ((await repo.countMembers(trx, id)) + incoming.length > group.max_size) {
          throw conflict(`В группе не больше ${group.max_size} участников`, "group_full");
        }
        await repo.releaseFromCourse(trx, course.id, incoming);
        await repo.insertMembers(trx, id, course.id, incoming);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyGrouped();
      throw error;
    }
    return this.reads.get(principal, id);
  }

  async removeMember(principal: Principal, id: string, userId: string): Promise<void> {
    const scope = changeScope(principal);
    await this.reads.visible(scope, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.takeProposed(trx, id))) throw locked();
      if (!(await repo.removeMember(trx, id, userId))) throw notFound("Этого человека нет в группе", "member_not_found");
    });
  }

  /** Locks a group: afterwards nothing in it changes. */
  async confirm(principal: Principal, id: string): Promise<GroupDetailView> {
    const scope = changeScope(principal);
    await this.reads.visible(scope, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.takeProposed(trx, id))) throw conflict("Группа уже утверждена", "group_locked");
      if ((await repo.countMembers(trx, id)) === 0) throw conflict("В группе нет участников: утверждать нечего", "group_empty");
      await repo.confirmGroup(trx, id);
    });
    return this.reads.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const scope = changeScope(principal);
    await this.reads.visible(scope, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.takeProposed(trx, id))) throw conflict("Утверждённую группу удалить нельзя", "group_locked");
      await repo.deleteGroup(trx, id);
    });
  }

  /** Everyone named must be a teacher, principal or mentor of the region whom the course is for. */
  private async checkPeople(regionId: string, course: people.CourseRecord, userIds: readonly string[]): Promise<void> {
    const found = await people.findPeople(this.db, regionId, { userIds, withDeficits: false, competencyIds: course.competencies });
    const known = new Set(found.map((p) => p.id));
    const unknown = userIds.filter((u) => !known.has(u));
    if (unknown.length) throw badRequest(`Нет таких педагогов в регионе: ${unknown.slice(0, 5).join(", ")}`, "unknown_user");
    const unfit = found.filter((p) => !fitsCourse(p, course));
    if (unfit.length) throw badRequest(`Курс «${course.title}» не предназначен для: ${unfit.slice(0, 5).map((p) => p.full_name).join(", ")}`, "not_eligible");
  }
}

const principalId = (p: Principal): string | null => (p.kind === "user" ? p.id : null);
