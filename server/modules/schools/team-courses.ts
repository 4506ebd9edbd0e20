// Courses for a school's team: a greedy set cover over every teacher's deficits, each pick with how many it serves. Pure.
import type { Course } from "../instruments/instrument.types.js";
import { eligibleCourses } from "../profiles/recommend.js";

export interface TeamNeed {
  id: string;
  /** The subjects they teach (or were tested in): a subject course is for its subject's teachers only. */
  subjects: readonly string[];
  /** Competency ids at the deficit level. */
  deficits: readonly string[];
}

export interface TeamCourse {
  course: Course;
  /** Teachers whose deficits this course is the first pick to close. */
  teachers: string[];
  /** Per competency it closes: how many of those teachers have that deficit. */
  closes: Array<{ competencyId: string; teachers: number }>;
  reason: string;
}

export interface TeamCover {
  courses: TeamCourse[];
  /** Deficits no course the teacher may take addresses: the institute's catalogue has a gap there. */
  uncovered: Array<{ competencyId: string; teachers: number }>;
  /** Teacher-deficit pairs in all, and those the picked courses close. */
  pairs: number;
  covered: number;
}

/** «1 педагога», «3 педагогов», «21 педагога»: the genitive after «дефициты». */
export function teachersWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  return `${n} ${mod10 === 1 && mod100 !== 11 ? "педагога" : "педагогов"}`;
}

const pairKey = (teacher: string, competency: string) => `${teacher}\u0000${competency}`;

/**
 * Greedy set cover where the elements are (teacher, deficit) pairs and a course covers the pairs of
 * the teachers it is for (eligibleCourses: audience and subject) whose deficit it addresses. Each
 * step takes the course that closes the most open pairs; ties go to the one serving more teachers,
 * then the subject course, then the shorter, then by id. Greedy is within ln(pairs) of the fewest
 * courses and, unlike an exact cover, each pick explains itself: «закрывает дефициты N педагогов».
 */
export function teamCourses(team: readonly TeamNeed[], catalogue: readonly Course[], titleOf: (competencyId: string) => string): TeamCover {
  const open = new Map<string, { teacher: string; competency: string }>();
  const coverers = new Map<string, Set<string>>();
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  for (const t of team) {
    const eligible = eligibleCourses({ roles: ["teacher"], subjects: t.subjects }, catalogue);
    for (const d of new Set(t.deficits)) {
      open.set(pairKey(t.id, d), { teacher: t.id, competency: d });
      for (const c of eligible) {
        if (c.competencies.includes(d)) (coverers.get(c.id) ?? coverers.set(c.id, new Set()).get(c.id)!).add(pairKey(t.id, d));
      }
    }
  }
  const pairs = open.size;
  const picked: TeamCourse[] = [];
  for (;;) {
    let best: { course: Course; gain: string[]; teachers: number } | undefined;
    for (const [id, keys] of coverers) {
      const gain = [...keys].filter((k) => open.has(k));
      if (gain.length === 0) continue;
      const course = byId.get(id)!;
      const teachers = new Set(gain.map((k) => open.get(k)!.teacher)).size;
      if (!best || isBetter(course, gain.length, teachers, best.course, best.gain.length, best.teachers)) best = { course, gain, teachers };
    }
    if (!best) break;
    const closed = best.gain.map((k) => open.get(k)!);
    for (const k of best.gain) open.delete(k);
    coverers.delete(best.course.id);
    const perCompetency = new Map<string, number>();
    for (const p of closed) perCompetency.set(p.competency, (perCompetency.get(p.competency) ?? 0) + 1);
    const closes = [...perCompetency].map(([competencyId, teachers]) => ({ competencyId, teachers }))
      .sort((a, b) => b.teachers - a.teachers || a.competencyId.localeCompare(b.competencyId));
    const teachers = [...new Set(closed.map((p) => p.teacher))].sort();
    picked.push({
      course: best.course, teachers, closes,
      reason: reasonFor(teachers.length, closes, titleOf),
    });
  }
  const left = new Map<string, number>();
  for (const p of open.values()) left.set(p.competency, (left.get(p.competency) ?? 0) + 1);
  return {
    courses: picked,
    uncovered: [...left].map(([competencyId, teachers]) => ({ competencyId, teachers })).sort((a, b) => b.teachers - a.teachers || a.competencyId.localeCompare(b.competencyId)),
    pairs, covered: pairs - open.size,
  };
}

/** Named in the reason: the deficits it closes for the most teachers; the rest are counted. */
const NAMED = 3;

function reasonFor(teachers: number, closes: ReadonlyArray<{ competencyId: string; teachers: number }>, titleOf: (id: string) => string): string {
  const named = closes.slice(0, NAMED).map((c) => `«${titleOf(c.competencyId)}» (${c.teachers})`).join(", ");
  const rest = closes.length - NAMED;
  return `Закрывает дефициты ${teachersWord(teachers)}: ${named}${rest > 0 ? ` и ещё ${rest} ${themesWord(rest)}` : ""}`;
}

function themesWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return "тему";
  return mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "темы" : "тем";
}

function isBetter(course: Course, gain: number, teachers: number, other: Course, otherGain: number, otherTeachers: number): boolean {
  if (gain !== otherGain) return gain > otherGain;
  if (teachers !== otherTeachers) return teachers > otherTeachers;
  const specific = (c: Course) => (c.subjects?.length ? 1 : 0);
  if (specific(course) !== specific(other)) return specific(course) > specific(other);
  if (course.hours !== other.hours) return course.hours < other.hours;
  return course.id < other.id;
}
