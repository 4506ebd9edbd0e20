// A school team's current results summed up: who is tested, deficits by subject and competency, the most frequent ones. Pure.
import { subjectName } from "../../shared/labels.js";
import { SUBJECT_CODES } from "../instruments/instrument.types.js";

export type ResultLevel = "deficit" | "partial" | "proficient";
const RANK: Record<ResultLevel, number> = { deficit: 0, partial: 1, proficient: 2 };

export interface TeamMember { id: string; name: string; position: string | null; subjects: readonly string[] }

/** One competency result of a teacher's latest attempt on a subject test. */
export interface TeamResult {
  userId: string;
  testSubject: string;
  competencyId: string;
  title: string;
  area: "subject" | "method" | "leadership";
  subject: string | null;
  level: ResultLevel;
  percent: number;
  measuredAt: Date;
}

export interface CompetencyCount { id: string; title: string; tested: number; deficit: number; partial: number; proficient: number }
export interface SubjectSummary { subject: string; title: string; tested: number; withDeficits: number; competencies: CompetencyCount[] }
export interface FrequentDeficit { id: string; title: string; area: string; subject: string | null; subjectTitle: string | null; deficit: number; tested: number; share: number }

export interface PersonSummary {
  id: string;
  name: string;
  position: string | null;
  subjects: string[];
  /** Subjects whose test they have taken. */
  tested: string[];
  /** Competencies at the deficit level (a methodological one counted once, at its weakest). */
  deficits: string[];
  measuredAt: string | null;
}

export interface TeamSummary {
  total: number;
  tested: number;
  withDeficits: number;
  /** withDeficits / tested, 0–1, three decimals; 0 when nobody is tested. */
  deficitShare: number;
  bySubject: SubjectSummary[];
  methods: CompetencyCount[];
  frequent: FrequentDeficit[];
  people: PersonSummary[];
}

const MAX_FREQUENT = 5;
const share3 = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 1000 : 0);
const subjectOrder = (code: string) => { const i = (SUBJECT_CODES as readonly string[]).indexOf(code); return i < 0 ? SUBJECT_CODES.length : i; };

/** Each person's result per competency at their weakest (a methodological competency is measured by every subject test). */
export function weakestResults(results: readonly TeamResult[]): Map<string, Map<string, TeamResult>> {
  const out = new Map<string, Map<string, TeamResult>>();
  for (const r of results) {
    const mine = out.get(r.userId) ?? out.set(r.userId, new Map()).get(r.userId)!;
    const seen = mine.get(r.competencyId);
    if (!seen || RANK[r.level] < RANK[seen.level] || (RANK[r.level] === RANK[seen.level] && r.percent < seen.percent)) mine.set(r.competencyId, r);
  }
  return out;
}

function count(into: Map<string, CompetencyCount>, r: TeamResult): void {
  const c = into.get(r.competencyId) ?? into.set(r.competencyId, { id: r.competencyId, title: r.title, tested: 0, deficit: 0, partial: 0, proficient: 0 }).get(r.competencyId)!;
  c.tested++;
  c[r.level]++;
}

const byDeficits = (a: CompetencyCount, b: CompetencyCount) => b.deficit - a.deficit || b.partial - a.partial || a.id.localeCompare(b.id);

export function teamSummary(members: readonly TeamMember[], results: readonly TeamResult[]): TeamSummary {
  const ids = new Set(members.map((m) => m.id));
  const mine = results.filter((r) => ids.has(r.userId));
  const weakest = weakestResults(mine);
  const testedIn = new Map<string, Set<string>>();
  const measured = new Map<string, Date>();
  for (const r of mine) {
    (testedIn.get(r.userId) ?? testedIn.set(r.userId, new Set()).get(r.userId)!).add(r.testSubject);
    if (!measured.has(r.userId) || r.measuredAt > measured.get(r.userId)!) measured.set(r.userId, r.measuredAt);
  }

  const subjects = new Map<string, { tested: Set<string>; deficit: Set<string>; competencies: Map<string, CompetencyCount> }>();
  const methods = new Map<string, CompetencyCount>();
  const all = new Map<string, { area: string; subject: string | null; title: string; deficit: number; tested: number }>();
  for (const [userId, subjectsTaken] of testedIn) {
    for (const s of subjectsTaken) {
      const entry = subjects.get(s) ?? subjects.set(s, { tested: new Set(), deficit: new Set(), competencies: new Map() }).get(s)!;
      entry.tested.add(userId);
    }
    for (const r of weakest.get(userId)?.values() ?? []) {
      const a = all.get(r.competencyId) ?? all.set(r.competencyId, { area: r.area, subject: r.subject, title: r.title, deficit: 0, tested: 0 }).get(r.competencyId)!;
      a.tested++;
      if (r.level === "deficit") a.deficit++;
      if (r.area === "subject" && r.subject) {
        const entry = subjects.get(r.subject) ?? subjects.set(r.subject, { tested: new Set([userId]), deficit: new Set(), competencies: new Map() }).get(r.subject)!;
        count(entry.competencies, r);
        if (r.level === "deficit") entry.deficit.add(userId);
      } else if (r.area === "method") count(methods, r);
    }
  }

  const people: PersonSummary[] = members.map((m) => {
    const own = [...(weakest.get(m.id)?.values() ?? [])];
    return {
      id: m.id, name: m.name, position: m.position, subjects: [...m.subjects],
      tested: [...(testedIn.get(m.id) ?? [])].sort((a, b) => subjectOrder(a) - subjectOrder(b)),
      deficits: own.filter((r) => r.level === "deficit").map((r) => r.competencyId).sort(),
      measuredAt: measured.get(m.id)?.toISOString() ?? null,
    };
  });
  const tested = people.filter((p) => p.tested.length > 0);
  const withDeficits = tested.filter((p) => p.deficits.length > 0).length;

  return {
    total: members.length, tested: tested.length, withDeficits, deficitShare: share3(withDeficits, tested.length),
    bySubject: [...subjects].sort((a, b) => subjectOrder(a[0]) - subjectOrder(b[0]) || a[0].localeCompare(b[0])).map(([subject, e]) => ({
      subject, title: subjectName(subject), tested: e.tested.size, withDeficits: e.deficit.size, competencies: [...e.competencies.values()].sort(byDeficits),
    })),
    methods: [...methods.values()].sort(byDeficits),
    frequent: [...all].filter(([, a]) => a.deficit > 0)
      .map(([id, a]) => ({ id, title: a.title, area: a.area, subject: a.subject, subjectTitle: a.subject ? subjectName(a.subject) : null, deficit: a.deficit, tested: a.tested, share: share3(a.deficit, a.tested) }))
      .sort((a, b) => b.deficit - a.deficit || b.share - a.share || a.id.localeCompare(b.id))
      .slice(0, MAX_FREQUENT),
    people,
  };
}
