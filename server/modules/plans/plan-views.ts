// Rows of plans as the API shows them: one mapping per row type, and the rule of when an item may be deleted.
import type { EvidenceRow } from "./evidence.repository.js";
import type { PlanMode } from "./plan-access.js";
import type { ItemRow } from "./plans.repository.js";
import type { EvidenceView, PlanItemView } from "./plans.schemas.js";

const opt = <K extends string, V>(key: K, value: V | null | undefined) => (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
const person = (id: string | null, name: string | null) => (id && name ? { id, name } : undefined);
const iso = (d: Date | string) => new Date(d).toISOString();

export function toEvidenceView(r: EvidenceRow): EvidenceView {
  return {
    id: r.id, kind: r.kind, ...opt("note", r.note), ...opt("url", r.url), ...opt("fileName", r.file_name),
    ...opt("contentType", r.content_type), ...opt("size", r.size), ...opt("createdBy", person(r.created_by, r.created_by_name)),
    createdAt: iso(r.created_at),
  };
}

/**
 * An item may be deleted only as the undoing of one's own fresh entry: by its author, while it is
 * planned, has no evidence and nobody else has changed it. Anything else is marked dropped, so the
 * plan's history keeps it.
 */
export function mayDelete(r: Pick<ItemRow, "created_by" | "status" | "has_evidence" | "touched_by_others">, viewerId: string, mode: PlanMode): boolean {
  return (mode === "own" || mode === "mentor") && r.created_by === viewerId && r.status === "planned" && !r.has_evidence && !r.touched_by_others;
}

export const isOverdue = (dueOn: string | null, status: string, today: string): boolean =>
  dueOn !== null && dueOn < today && (status === "planned" || status === "in-progress");

export function toItemView(r: ItemRow, evidence: EvidenceRow[], viewerId: string, mode: PlanMode, today: string): PlanItemView {
  return {
    id: r.id, ...opt("competencyId", r.competency_id), kind: r.kind, title: r.title, ...opt("dueOn", r.due_on), status: r.status,
    ...opt("competencyTitle", r.competency_title), overdue: isOverdue(r.due_on, r.status, today),
    ...opt("courseId", r.course_id), ...opt("addresses", r.course_competencies),
    ...(r.group_id && r.group_title ? { group: { id: r.group_id, title: r.group_title, ...opt("startsOn", r.group_starts_on), ...opt("endsOn", r.group_ends_on) } } : {}),
    ...opt("resourceUrl", r.resource_url),
    ...opt("createdBy", person(r.created_by, r.created_by_name)), createdAt: iso(r.created_at),
    ...opt("updatedBy", person(r.updated_by, r.updated_by_name)), updatedAt: iso(r.updated_at),
    mayDelete: mayDelete(r, viewerId, mode),
    evidence: evidence.filter((e) => e.item_id === r.id).map(toEvidenceView),
  };
}
