// Drafts a plan from the profile and the teacher's course groups, skipping what the plan already has. Pure.
import type { PlanItemKind, PlanItemStatus } from "../../db/schema.js";

export interface DraftCompetency { id: string; title: string; percent: number }

export interface DraftInput {
  /** The person's current deficits (each competency once, at its weakest). */
  deficits: readonly DraftCompetency[];
  /** Every measured competency with its weakest percent: recommendations may address partial ones. */
  measured: ReadonlyMap<string, number>;
  /** The profile's recommended courses, in the profile's order, with the competencies each addresses. */
  recommendations: ReadonlyArray<{ courseId: string; title: string; addresses: readonly string[] }>;
  /** Confirmed course groups the person is a member of. */
  groups: ReadonlyArray<{ groupId: string; courseId: string; courseTitle: string; startsOn: string | null; endsOn: string | null }>;
  /** The catalogue: which competencies each course addresses. */
  courseCompetencies: ReadonlyMap<string, readonly string[]>;
  existing: ReadonlyArray<ExistingItem>;
}

export interface ExistingItem {
  id: string;
  kind: PlanItemKind;
  competencyId: string | null;
  courseId: string | null;
  groupId: string | null;
  dueOn: string | null;
  status: PlanItemStatus;
}

export interface DraftItem {
  kind: PlanItemKind;
  title: string;
  competencyId: string | null;
  courseId: string | null;
  groupId: string | null;
  dueOn: string | null;
}

/** An existing course item that the draft ties to the teacher's group of that course, taking the group's end as due. */
export interface DraftLink { itemId: string; groupId: string; dueOn: string | null }

export interface Draft { create: DraftItem[]; link: DraftLink[] }

const TITLE_MAX = 300;
const clip = (text: string) => (text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text);

/**
 * The rules, in order (each item is skipped when the plan already has it, in any status: a dropped
 * course stays dropped, so drafting again changes nothing):
 * 1. each confirmed group the teacher is in: a course item with the group's end as due date; an open
 *    course item of that course without a group is tied to the group instead of repeated;
 * 2. each recommended course not in the plan;
 * 3. each deficit still without any item (no course in the catalogue addresses it): self-study.
 * An item is filed under the weakest competency its course addresses.
 */
export function draftPlan(input: DraftInput): Draft {
  const create: DraftItem[] = [];
  const link: DraftLink[] = [];
  const courses = new Set(input.existing.flatMap((i) => (i.courseId ? [i.courseId] : [])));
  const groups = new Set(input.existing.flatMap((i) => (i.groupId ? [i.groupId] : [])));
  const linked = new Set<string>();
  const weakest = (ids: readonly string[]): string | null => {
    let best: string | null = null;
    for (const id of ids) {
      const p = input.measured.get(id);
      if (p !== undefined && (best === null || p < input.measured.get(best)! || (p === input.measured.get(best)! && id < best))) best = id;
    }
    return best;
  };

  const byStart = [...input.groups].sort((a, b) => (a.startsOn ?? "9999").localeCompare(b.startsOn ?? "9999") || a.groupId.localeCompare(b.groupId));
  for (const g of byStart) {
    if (groups.has(g.groupId)) continue;
    groups.add(g.groupId);
    if (courses.has(g.courseId)) {
      const open = input.existing.find((i) => i.courseId === g.courseId && i.groupId === null && !linked.has(i.id) && (i.status === "planned" || i.status === "in-progress"));
      if (open) {
        linked.add(open.id);
        link.push({ itemId: open.id, groupId: g.groupId, dueOn: g.endsOn ?? open.dueOn });
      }
      continue;
    }
    courses.add(g.courseId);
    create.push({
      kind: "course", title: clip(g.courseTitle), courseId: g.courseId, groupId: g.groupId, dueOn: g.endsOn,
      competencyId: weakest(input.courseCompetencies.get(g.courseId) ?? []),
    });
  }

  for (const r of input.recommendations) {
    if (courses.has(r.courseId)) continue;
    courses.add(r.courseId);
    create.push({ kind: "course", title: clip(r.title), courseId: r.courseId, groupId: null, dueOn: null, competencyId: weakest(r.addresses) });
  }

  const covered = new Set<string>();
  for (const i of [...input.existing, ...create]) {
    if (i.competencyId) covered.add(i.competencyId);
    if (i.courseId) for (const c of input.courseCompetencies.get(i.courseId) ?? []) covered.add(c);
  }
  const deficits = [...input.deficits].sort((a, b) => a.percent - b.percent || a.id.localeCompare(b.id));
  for (const d of deficits) {
    if (covered.has(d.id)) continue;
    covered.add(d.id);
    create.push({ kind: "self-study", title: clip(`Самостоятельное изучение: ${d.title}`), competencyId: d.id, courseId: null, groupId: null, dueOn: null });
  }
  return { create, link };
}
