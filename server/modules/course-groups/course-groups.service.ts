// Course-group reads: proposals, the courses to choose from, saved groups and their rosters, each within the viewer's scope.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { changeScope, reaches, staffScope, type StaffScope } from "../auth/staff-scope.js";
import type { Course, SubjectCode } from "../instruments/instrument.types.js";
import { eligibleCourses } from "../profiles/recommend.js";
import * as people from "./candidates.repository.js";
import * as repo from "./course-groups.repository.js";
import { buildProposal, toPersonView } from "./course-groups.proposal.js";
import type { CourseChoiceView, GroupDetailView, GroupView, ProposalRequest, ProposalView } from "./course-groups.schemas.js";
import { componentsOf, Dissimilarity, evaluate, neighbourMap, weightsFor } from "./grouping-model.js";

export const DEFAULT_SIZES = { minSize: 15, maxSize: 25 };

export function toGroupView(g: repo.GroupRecord): GroupView {
  return {
    id: g.id, courseId: g.course_id, courseTitle: g.course_title, title: g.title, status: g.status,
    ...(g.starts_on ? { startsOn: g.starts_on } : {}), ...(g.ends_on ? { endsOn: g.ends_on } : {}),
    minSize: g.min_size, maxSize: g.max_size, members: g.members, municipalityIds: [...g.municipality_ids].sort(),
    createdAt: g.created_at.toISOString(), ...(g.confirmed_at ? { confirmedAt: g.confirmed_at.toISOString() } : {}),
  };
}

export function checkSizes(minSize: number, maxSize: number): void {
  if (minSize > maxSize) throw badRequest(`Минимальный размер группы (${minSize}) больше максимального (${maxSize})`, "invalid_sizes");
}

export function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && startsOn > endsOn) throw badRequest("Дата начала позже даты окончания", "invalid_dates");
}

export class CourseGroupsService {
  constructor(private readonly db: Kysely<Database>) {}

  async propose(principal: Principal, body: ProposalRequest): Promise<ProposalView> {
    const scope = changeScope(principal);
    const course = await this.course(body.courseId);
    const sizes = { minSize: body.minSize ?? DEFAULT_SIZES.minSize, maxSize: body.maxSize ?? DEFAULT_SIZES.maxSize };
    checkSizes(sizes.minSize, sizes.maxSize);
    checkDates(body.startsOn, body.endsOn);
    if ((body.startsOn === undefined) !== (body.endsOn === undefined)) throw badRequest("Укажите обе даты курса или ни одной", "invalid_dates");
    if (body.competencyId && !course.competencies.includes(body.competencyId)) {
      throw badRequest(`Курс «${course.title}» не закрывает дефицит «${body.competencyId}»`, "competency_not_addressed");
    }
    if (body.municipalityIds) {
      const known = new Set((await people.findMunicipalities(this.db, scope.regionId)).map((m) => m.id));
      const unknown = body.municipalityIds.filter((m) => !known.has(m));
      if (unknown.length) throw badRequest(`Нет таких муниципалитетов в регионе: ${unknown.slice(0, 10).join(", ")}`, "unknown_municipality");
    }
    return buildProposal(this.db, scope.regionId, course, { ...sizes, ...body });
  }

  /** The catalogue with, for each course, how many people in scope have a deficit it addresses. */
  async courses(principal: Principal): Promise<CourseChoiceView> {
    const scope = staffScope(principal);
    const municipalityIds = scope.municipalityId ? [scope.municipalityId] : null;
    const courses = await people.listCourses(this.db);
    const found = await people.findPeople(this.db, scope.regionId, { municipalityIds, competencyIds: null, withDeficits: true });
    const grouped = await people.groupedCounts(this.db, scope.regionId, scope.municipalityId);
    const competencies = await people.listCompetencies(this.db);
    const municipalities = (await people.findMunicipalities(this.db, scope.regionId)).filter((m) => reaches(scope, m.id));
    const catalogue = courses.map((c) => ({ ...c, format: c.format as Course["format"], subjects: c.subjects as SubjectCode[] }));
    const counts = new Map<string, number>();
    const deficitPeople = new Map<string, number>();
    for (const p of found) {
      for (const d of p.deficits) deficitPeople.set(d, (deficitPeople.get(d) ?? 0) + 1);
      const roles = p.roles.filter((r) => r === "teacher" || r === "principal" || r === "mentor");
      for (const c of eligibleCourses({ roles, subjects: p.subjects }, catalogue)) {
        if (c.competencies.some((id) => p.deficits.includes(id))) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
      }
    }
    const addressed = new Set(courses.flatMap((c) => c.competencies));
    return {
      courses: courses.map((c) => ({
        id: c.id, title: c.title, hours: c.hours, format: c.format, audience: c.audience, subjects: c.subjects, competencies: c.competencies,
        candidates: counts.get(c.id) ?? 0, grouped: grouped.get(c.id)?.grouped ?? 0, groups: grouped.get(c.id)?.groups ?? 0,
      })),
      competencies: competencies.filter((c) => addressed.has(c.id)).map((c) => ({ id: c.id, title: c.title, area: c.area, people: deficitPeople.get(c.id) ?? 0 })),
      municipalities,
    };
  }

  async list(principal: Principal, q: { courseId?: string | undefined; status?: "proposed" | "confirmed" | undefined }): Promise<GroupView[]> {
    const scope = staffScope(principal);
    return (await repo.listGroups(this.db, scope.regionId, { municipalityId: scope.municipalityId, ...q })).map(toGroupView);
  }

  async get(principal: Principal, id: string): Promise<GroupDetailView> {
    const scope = staffScope(principal);
    return this.detail(scope, await this.visible(scope, id));
  }

  /** The groups of a course (or one group) with their members, for rosters; a coordinator gets their municipality's rows. */
  async rosters(principal: Principal, target: { courseId: string } | { groupId: string }) {
    const scope = staffScope(principal);
    let course: people.CourseRecord, groups: repo.GroupRecord[];
    if ("groupId" in target) {
      groups = [await this.visible(scope, target.groupId)];
      course = await this.course(groups[0]!.course_id);
    } else {
      course = await this.course(target.courseId);
      groups = await repo.listGroups(this.db, scope.regionId, { municipalityId: scope.municipalityId, courseId: course.id });
    }
    const details = [];
    for (const g of groups) details.push(await this.detail(scope, g));
    return { course, groups: details };
  }

  async visible(scope: StaffScope, id: string): Promise<repo.GroupRecord> {
    const group = await repo.findGroup(this.db, id, scope.municipalityId);
    if (!group || group.region_id !== scope.regionId || (scope.municipalityId !== null && group.members === 0)) {
      throw notFound("Группа не найдена", "group_not_found");
    }
    return group;
  }

  async course(id: string): Promise<people.CourseRecord> {
    const course = await people.findCourse(this.db, id);
    if (!course) throw notFound("Курс не найден", "course_not_found");
    return course;
  }

  private async detail(scope: StaffScope, g: repo.GroupRecord): Promise<GroupDetailView> {
    const course = await this.course(g.course_id);
    const ids = await repo.memberIds(this.db, g.id);
    const found = await people.findPeople(this.db, scope.regionId, {
      userIds: ids, municipalityIds: scope.municipalityId ? [scope.municipalityId] : null, competencyIds: course.competencies, withDeficits: false,
    });
    const members = found.map((p) => toPersonView(p, course)).sort((a, b) => a.name.localeCompare(b.name, "ru"));
    const municipalities = (await people.findMunicipalities(this.db, scope.regionId)).filter((m) => members.some((p) => p.municipalityId === m.id));
    const neighbours = neighbourMap(await people.findNeighbours(this.db, scope.regionId));
    const candidates = members.map((p) => ({ id: p.id, municipalityId: p.municipalityId, deficits: p.deficits, priority: p.priority }));
    const evaluation = evaluate([candidates.map((_, i) => i)], candidates, new Dissimilarity(candidates.map((c) => c.deficits)), neighbours, weightsFor({ minSize: g.min_size, maxSize: g.max_size }));
    const competencies = (await people.listCompetencies(this.db)).filter((c) => course.competencies.includes(c.id)).map((c) => ({ id: c.id, title: c.title }));
    return {
      ...toGroupView(g), people: members, competencies, municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
      quality: {
        addressedShare: members.length ? members.filter((p) => p.deficits.length > 0).length / members.length : 1,
        meanSimilarity: evaluation.meanSimilarity,
        municipalities: municipalities.length,
        nonNeighbour: componentsOf(municipalities.map((m) => m.id), neighbours) > 1,
      },
    };
  }
}
