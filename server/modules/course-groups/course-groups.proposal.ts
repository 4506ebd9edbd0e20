// A proposal for one course: candidates from the database, groups and bound from the pure modules, quality in words.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Course, SubjectCode } from "../instruments/instrument.types.js";
import { eligibleCourses } from "../profiles/recommend.js";
import { boundSummary, groupingBound } from "./grouping-bound.js";
import { greedyGroups } from "./grouping-greedy.js";
import { neighbourMap, type GroupingCandidate } from "./grouping-model.js";
import { proposeGroups } from "./grouping.js";
import * as people from "./candidates.repository.js";
import { countCourseGroups } from "./course-groups.repository.js";
import type { LeftOutReason, PersonView, ProposalView } from "./course-groups.schemas.js";

export const LEFT_OUT_LABELS: Record<LeftOutReason, string> = {
  already_grouped: "Уже в группе этого курса",
  busy: "В утверждённой группе другого курса в те же даты",
  seats: "Не хватило мест на курсе (меньший приоритет)",
  sizes: "Не складывается в группу допустимого размера",
};

/** Candidates are teachers, principals and mentors; staff roles never make someone a course participant. */
const PARTICIPANT_ROLES = new Set(["teacher", "principal", "mentor"]);

export function fitsCourse(p: Pick<people.PersonRecord, "roles" | "subjects">, course: people.CourseRecord): boolean {
  const asCatalogue = { ...course, format: course.format as Course["format"], subjects: course.subjects as SubjectCode[] };
  return eligibleCourses({ roles: p.roles.filter((r) => PARTICIPANT_ROLES.has(r)), subjects: p.subjects }, [asCatalogue]).length > 0;
}

export const priorityOf = (p: Pick<people.PersonRecord, "low_results" | "unfavourable">) => Number(p.low_results) + Number(p.unfavourable);

export function toPersonView(p: people.PersonRecord, course: people.CourseRecord): PersonView {
  return {
    id: p.id, name: p.full_name, ...(p.position ? { position: p.position } : {}), ...(p.email ? { email: p.email } : {}),
    schoolId: p.school_id, schoolName: p.school_name, municipalityId: p.municipality_id, municipalityName: p.municipality_name,
    subjects: p.subjects, lowResults: p.low_results, unfavourable: p.unfavourable, priority: priorityOf(p),
    deficits: p.deficits.filter((d) => course.competencies.includes(d)),
  };
}

export interface ProposalOptions {
  minSize: number;
  maxSize: number;
  municipalityIds?: readonly string[] | null | undefined;
  competencyId?: string | undefined;
  seats?: number | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
}

/** Builds a proposal; reads only, so it may run inside a caller's transaction (the demo seed does). */
export async function buildProposal(db: Kysely<Database>, regionId: string, course: people.CourseRecord, o: ProposalOptions): Promise<ProposalView> {
  const started = performance.now();
  const found = await people.findPeople(db, regionId, { municipalityIds: o.municipalityIds, competencyIds: course.competencies, withDeficits: true });
  const candidates = found.filter((p) => fitsCourse(p, course) && (!o.competencyId || p.deficits.includes(o.competencyId)));
  const memberships = await people.findMemberships(db, course.id, candidates.map((c) => c.id));
  const busy = o.startsOn && o.endsOn ? await people.findBusy(db, regionId, course.id, o.startsOn, o.endsOn) : new Set<string>();
  const [pairs, municipalities, competencies, existing] = [
    await people.findNeighbours(db, regionId), await people.findMunicipalities(db, regionId),
    await people.listCompetencies(db), await countCourseGroups(db, regionId, course.id),
  ];

  const leftOut: ProposalView["leftOut"] = [];
  const pool: people.PersonRecord[] = [];
  for (const c of candidates) {
    const reason: LeftOutReason | null = memberships.has(c.id) ? "already_grouped" : busy.has(c.id) ? "busy" : null;
    if (reason) leftOut.push({ userId: c.id, reason, message: LEFT_OUT_LABELS[reason] });
    else pool.push(c);
  }
  const input: GroupingCandidate[] = pool.map((p) => ({ id: p.id, municipalityId: p.municipality_id, deficits: p.deficits, priority: priorityOf(p) }));
  const params = { minSize: o.minSize, maxSize: o.maxSize, seats: o.seats };
  const neighbours = neighbourMap(pairs);
  const groupingStart = performance.now();
  const result = proposeGroups(input, params, neighbours);
  const groupingMs = performance.now() - groupingStart;
  const boundStart = performance.now();
  const bound = groupingBound(input, result.placed, params, neighbours, result.evaluation, result.weights);
  const boundMs = performance.now() - boundStart;
  const baseline = greedyGroups(input, params, neighbours);
  for (const l of result.left) leftOut.push({ userId: pool[l.index]!.id, reason: l.reason, message: LEFT_OUT_LABELS[l.reason] });

  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  const groups = result.groups.map((g, i) => {
    const municipalityIds = [...new Set(g.map((p) => pool[p]!.municipality_id))].sort();
    return {
      title: groupTitle(existing + i + 1, municipalityIds.map((m) => names.get(m) ?? m)),
      members: g.map((p) => pool[p]!.id), municipalityIds, size: g.length,
      similarity: result.evaluation.perGroupSimilarity[i] ?? 1,
      priorityMembers: g.filter((p) => priorityOf(pool[p]!) > 0).length,
    };
  });
  const sizes = groups.map((g) => g.size);
  const perGroup = groups.map((g) => g.municipalityIds.length);
  const counted = (reason: LeftOutReason) => leftOut.filter((l) => l.reason === reason).length;
  const used = new Set(candidates.flatMap((c) => c.deficits.filter((d) => course.competencies.includes(d))));
  return {
    courseId: course.id, courseTitle: course.title, minSize: o.minSize, maxSize: o.maxSize,
    ...(o.seats !== undefined ? { seats: o.seats } : {}), ...(o.competencyId ? { competencyId: o.competencyId } : {}),
    ...(o.startsOn ? { startsOn: o.startsOn } : {}), ...(o.endsOn ? { endsOn: o.endsOn } : {}),
    candidates: candidates.length, candidateIds: candidates.map((c) => c.id),
    groups, unassigned: leftOut.map((l) => l.userId), leftOut,
    people: candidates.map((c) => toPersonView(c, course)),
    municipalities: municipalities.filter((m) => candidates.some((c) => c.municipality_id === m.id)),
    competencies: competencies.filter((c) => used.has(c.id) || course.competencies.includes(c.id)).map((c) => ({ id: c.id, title: c.title })),
    quality: {
      placed: result.placed.length, groups: groups.length,
      addressedShare: result.placed.length ? result.placed.filter((i) => input[i]!.deficits.length > 0).length / result.placed.length : 1,
      meanSimilarity: result.evaluation.meanSimilarity,
      municipalitiesPerGroup: { mean: mean(perGroup), max: Math.max(0, ...perGroup) },
      groupSizes: { min: sizes.length ? Math.min(...sizes) : 0, max: Math.max(0, ...sizes), mean: mean(sizes) },
      nonNeighbourGroups: result.evaluation.nonNeighbourGroups,
      leftOut: (Object.keys(LEFT_OUT_LABELS) as LeftOutReason[]).map((reason) => ({ reason, label: LEFT_OUT_LABELS[reason], count: counted(reason) })).filter((r) => r.count > 0),
      objective: { total: result.evaluation.objective, dissimilarity: result.evaluation.dissimilarity, geography: result.evaluation.geography, extraMunicipalities: result.evaluation.extraMunicipalities },
      baseline: { objective: baseline.evaluation.objective, meanSimilarity: baseline.evaluation.meanSimilarity, nonNeighbourGroups: baseline.evaluation.nonNeighbourGroups },
      construction: result.construction,
      bound: { ...bound, summary: boundSummary(bound) },
      timings: { totalMs: performance.now() - started, groupingMs, boundMs },
    },
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** "Группа 3 · Северный район, Озёрный район" (up to three names, then a count). */
export function groupTitle(n: number, municipalityNames: string[]): string {
  const shown = municipalityNames.slice(0, 3).join(", ");
  const more = municipalityNames.length > 3 ? ` и ещё ${municipalityNames.length - 3}` : "";
  return `Группа ${n}${shown ? ` · ${shown}${more}` : ""}`.slice(0, 200);
}
