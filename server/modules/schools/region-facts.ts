// Every school's facts from the region's data: indicators, the index (standardised over the region), clusters, risks, exams. Pure.
import { summarizeExams, type ExamRow, type ExamSummary } from "./exam-summary.js";
import { riskProfile, type RiskFactor } from "./risk-profile.js";
import { schoolClusters, type AssignedCluster, type ClusterRegion } from "./school-clusters.js";
import { indicatorValues, type SchoolIndicator } from "./school-indicators.js";
import { NO_TEACHERS, type ClimateGroup, type LeaderResults, type TeacherFigures } from "./school-inputs.js";
import { computeIndex, type SchoolIndex } from "./wellbeing-index.js";

export interface FactsSchool {
  id: string;
  name: string;
  shortName: string;
  municipalityId: string;
  locality: "city" | "town" | "rural";
  students: number | null;
  lowResults: boolean;
  unfavourable: boolean;
  highResults: boolean;
  clusters: string[];
}

export interface SchoolCard { indicators: SchoolIndicator[]; submittedAt: Date }

/** What the repository reads for a region; teachers and leaders may be loaded for some schools only. */
export interface RegionData {
  schools: readonly FactsSchool[];
  cards: ReadonlyMap<string, SchoolCard>;
  exams: ReadonlyMap<string, readonly ExamRow[]>;
  teachers: ReadonlyMap<string, TeacherFigures>;
  leaders: ReadonlyMap<string, LeaderResults>;
}

export interface SchoolFacts {
  schoolId: string;
  name: string;
  shortName: string;
  municipalityId: string;
  /** The card the indicators come from: the latest submitted one; null when none is. */
  conditions: { submittedOn: string } | null;
  indicators: SchoolIndicator[];
  index: SchoolIndex | null;
  /** Why there is no index; null when there is one. */
  indexReason: string | null;
  clusters: AssignedCluster[];
  risks: RiskFactor[];
  exams: ExamSummary;
  teachers: { total: number; tested: number; withSubjectDeficits: number; withMethodDeficits: number };
  leaderAssessed: boolean;
  /** Whether climate figures were given to the risk rules (a suppressed group is never among them). */
  climateGiven: boolean;
}

/** The imported locality on the card's scale, for a card that does not say it. */
const LOCALITY_SCALE: Record<FactsSchool["locality"], number> = { city: 0, town: 0.5, rural: 1 };

export function regionFacts(
  data: RegionData,
  climate?: ReadonlyMap<string, readonly ClimateGroup[]>,
  targets?: ReadonlySet<string>,
): Map<string, SchoolFacts> {
  const values = new Map(data.schools.map((s) => {
    const card = data.cards.get(s.id);
    const v = card ? indicatorValues(card.indicators) : new Map<string, number | null>();
    // A card without the location answer takes the imported locality; a school without a card stays
    // out of every component, so that all of them compare the same schools: those with a card.
    if (card && (v.get("rural") ?? null) === null) v.set("rural", LOCALITY_SCALE[s.locality]);
    return [s.id, v] as const;
  }));
  const index = computeIndex(data.schools.map((s) => ({ schoolId: s.id, values: values.get(s.id)!, hasCard: data.cards.has(s.id) })));
  const exams = new Map(data.schools.map((s) => [s.id, summarizeExams(data.exams.get(s.id) ?? [])]));

  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  const region: ClusterRegion = {
    failShares: {
      math: ascending([...exams.values()].flatMap((e) => e.failShares.filter((f) => f.subject === "math").map((f) => f.share))),
      russian: ascending([...exams.values()].flatMap((e) => e.failShares.filter((f) => f.subject === "russian").map((f) => f.share))),
    },
    indexValues: ascending([...index.values()].flatMap((o) => (o.index ? [o.index.value] : []))),
  };

  const out = new Map<string, SchoolFacts>();
  for (const s of data.schools) {
    if (targets && !targets.has(s.id)) continue;
    const card = data.cards.get(s.id);
    const cardValues = card ? values.get(s.id)! : null;
    const outcome = index.get(s.id)!;
    const teachers = data.teachers.get(s.id) ?? NO_TEACHERS;
    const leader = data.leaders.get(s.id) ?? null;
    const groups = climate?.get(s.id) ?? null;
    const summary = exams.get(s.id)!;
    out.set(s.id, {
      schoolId: s.id, name: s.name, shortName: s.shortName, municipalityId: s.municipalityId,
      conditions: card ? { submittedOn: card.submittedAt.toISOString().slice(0, 10) } : null,
      indicators: card?.indicators ?? [],
      index: outcome.index, indexReason: outcome.reason,
      clusters: schoolClusters({ school: s, indicators: cardValues, exams: summary, index: outcome.index, teachers }, region),
      risks: riskProfile({ indicators: cardValues, exams: summary, teachers, leader, climate: groups }),
      exams: summary,
      teachers: { total: teachers.total, tested: teachers.tested, withSubjectDeficits: teachers.subjectDeficit, withMethodDeficits: teachers.methodDeficit },
      leaderAssessed: leader !== null,
      climateGiven: (groups?.length ?? 0) > 0,
    });
  }
  return out;
}
