// Recommends courses for a deficit profile: the fewest courses that close the most severe deficits. Pure.
import type { Course } from "../instruments/instrument.types.js";
import type { Level } from "../scoring/scorer.js";

export interface MeasuredCompetency {
  id: string;
  title: string;
  percent: number;
  level: Level;
}

export interface RecommendationInput {
  roles: readonly string[];
  subjects: readonly string[];
  competencies: readonly MeasuredCompetency[];
}

export interface Recommendation {
  course: Course;
  /** The measured competencies (deficits, or partial ones when there are no deficits) the course addresses. */
  addresses: string[];
  reason: string;
}

/** Without deficits, a profile still gets a short list for its weakest partial competencies. */
const MAX_FOR_PARTIAL = 2;

/** Which course audiences serve a role: a mentor is a teacher too. */
const AUDIENCES_OF_ROLE: Record<string, string[]> = {
  teacher: ["teacher"], mentor: ["teacher", "mentor"], principal: ["principal"],
  methodologist: ["methodologist"], municipal: ["methodologist", "principal"], admin: [],
};

export function eligibleCourses(input: Pick<RecommendationInput, "roles" | "subjects">, courses: readonly Course[]): Course[] {
  const audiences = new Set(input.roles.flatMap((r) => AUDIENCES_OF_ROLE[r] ?? []));
  return courses.filter((c) =>
    c.audience.some((a) => audiences.has(a)) &&
    (!c.subjects?.length || c.subjects.some((s) => input.subjects.includes(s))));
}

/**
 * Greedy weighted set cover: take the course that closes the most (and the most severe) uncovered
 * targets, until every target some course can close is closed. Greedy is within ln(n) of the optimum
 * and, unlike an exact cover, explains itself: each pick has a reason a teacher can read.
 */
export function recommendCourses(input: RecommendationInput, courses: readonly Course[]): Recommendation[] {
  // A methodological competency is measured by every subject test a teacher takes: count it once, at its weakest.
  const measured = weakestOfEach(input.competencies);
  const deficits = measured.filter((c) => c.level === "deficit");
  const targets = deficits.length ? deficits : measured.filter((c) => c.level === "partial");
  if (targets.length === 0) return [];
  const limit = deficits.length ? Infinity : MAX_FOR_PARTIAL;
  // Lower results weigh more; every target weighs something so that it is still worth covering.
  const weight = new Map(targets.map((t) => [t.id, 101 - Math.max(0, Math.min(100, t.percent))]));
  const candidates = eligibleCourses(input, courses).filter((c) => c.competencies.some((id) => weight.has(id)));
  const uncovered = new Set(targets.map((t) => t.id));
  const picked: Recommendation[] = [];

  while (uncovered.size > 0 && picked.length < limit) {
    let best: { course: Course; gain: number } | undefined;
    for (const course of candidates) {
      if (picked.some((p) => p.course.id === course.id)) continue;
      const gain = course.competencies.filter((id) => uncovered.has(id)).reduce((sum, id) => sum + (weight.get(id) ?? 0), 0);
      if (gain > 0 && (!best || isBetter(course, gain, best.course, best.gain))) best = { course, gain };
    }
    if (!best) break;
    const addresses = targets.filter((t) => best.course.competencies.includes(t.id));
    for (const t of addresses) uncovered.delete(t.id);
    picked.push({ course: best.course, addresses: addresses.map((t) => t.id), reason: reasonFor(addresses, deficits.length > 0) });
  }
  return picked;
}

function weakestOfEach(competencies: readonly MeasuredCompetency[]): MeasuredCompetency[] {
  const byId = new Map<string, MeasuredCompetency>();
  for (const c of competencies) {
    const seen = byId.get(c.id);
    if (!seen || c.percent < seen.percent) byId.set(c.id, c);
  }
  return [...byId.values()];
}

/** More gain first; then a course made for the subject; then the shorter one; then by id, for determinism. */
function isBetter(course: Course, gain: number, other: Course, otherGain: number): boolean {
  if (gain !== otherGain) return gain > otherGain;
  const specific = (c: Course) => (c.subjects?.length ? 1 : 0);
  if (specific(course) !== specific(other)) return specific(course) > specific(other);
  if (course.hours !== other.hours) return course.hours < other.hours;
  return course.id < other.id;
}

function reasonFor(addresses: MeasuredCompetency[], areDeficits: boolean): string {
  const list = [...addresses].sort((a, b) => a.percent - b.percent)
    .map((c) => `«${c.title}» (${Math.round(c.percent)}%)`).join(", ");
  if (!areDeficits) return `Поможет укрепить: ${list}`;
  return addresses.length === 1 ? `Закрывает дефицит: ${list}` : `Закрывает дефициты: ${list}`;
}
