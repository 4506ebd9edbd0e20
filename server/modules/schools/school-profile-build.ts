// The school profile assembled from what the service loaded: facts, team, leader, climate, partners, courses. Pure.
import type { ClimateGroup as ClimateView } from "../climate/climate-results.js";
import type { Course } from "../instruments/instrument.types.js";
import { recommendCourses } from "../profiles/recommend.js";
import type { CoreSubject } from "./exam-summary.js";
import { proposePartners, type PartnerSchool } from "./partner-schools.js";
import type { FactsSchool, SchoolFacts } from "./region-facts.js";
import { profileClimate } from "./school-climate.js";
import type { SchoolProfile } from "./school-profile.schemas.js";
import { teamCourses } from "./team-courses.js";
import { teamSummary, type TeamMember, type TeamResult } from "./team-deficits.js";

export interface LeaderInput {
  principal: { id: string; name: string } | null;
  measuredAt: Date | null;
  competencies: Array<{ id: string; title: string; percent: number; level: "deficit" | "partial" | "proficient" }>;
}

export interface ProfileInput {
  school: { id: string; municipalityId: string; municipalityName: string };
  facts: SchoolFacts;
  climate: { threshold: number; campaign: { id: string; title: string; startsOn: string; endsOn: string } | null; groups: readonly ClimateView[] };
  members: readonly TeamMember[];
  results: readonly TeamResult[];
  leader: LeaderInput;
  /** The region's schools and their facts (cached view): the partners are chosen among them. */
  region: { schools: ReadonlyArray<FactsSchool & { municipalityName: string }>; facts: ReadonlyMap<string, SchoolFacts>; neighbours: ReadonlySet<string> };
  courses: readonly Course[];
  titleOf: (competencyId: string) => string;
  /** Whether the viewer may open the teachers' profiles (the principal of the school, staff). */
  withTeacherList: boolean;
}

/** A school of the region as the partner choice reads it. */
export function partnerSchool(s: FactsSchool & { municipalityName: string }, f: SchoolFacts | undefined): PartnerSchool {
  return {
    schoolId: s.id, name: s.name, shortName: s.shortName, municipalityId: s.municipalityId, municipalityName: s.municipalityName,
    highResults: s.highResults, clusters: f?.clusters.map((c) => c.code) ?? [],
    index: f?.index ? { value: f.index.value, components: f.index.components.map((c) => ({ id: c.id, title: c.title, z: c.z })) } : null,
    failShares: f?.exams.failShares ?? [],
  };
}

function regionFailShares(facts: ReadonlyMap<string, SchoolFacts>): Record<CoreSubject, number[]> {
  const out: Record<CoreSubject, number[]> = { math: [], russian: [] };
  for (const f of facts.values()) for (const s of f.exams.failShares) out[s.subject].push(s.share);
  out.math.sort((a, b) => a - b);
  out.russian.sort((a, b) => a - b);
  return out;
}

export function buildProfile(input: ProfileInput): SchoolProfile {
  const { facts, school } = input;
  const team = teamSummary(input.members, input.results);
  const cover = teamCourses(
    team.people.filter((p) => p.deficits.length > 0).map((p) => ({ id: p.id, subjects: [...new Set([...p.subjects, ...p.tested])], deficits: p.deficits })),
    input.courses, input.titleOf,
  );
  const leaderCourses = input.leader.competencies.length
    ? recommendCourses({ roles: ["principal"], subjects: [], competencies: input.leader.competencies }, input.courses) : [];
  // The school itself as the partner choice reads it: from its fresh facts (the candidates come from the cached view).
  const target: PartnerSchool = {
    schoolId: school.id, name: facts.name, shortName: facts.shortName, municipalityId: school.municipalityId, municipalityName: school.municipalityName,
    highResults: false, clusters: facts.clusters.map((c) => c.code), failShares: facts.exams.failShares,
    index: facts.index ? { value: facts.index.value, components: facts.index.components.map((c) => ({ id: c.id, title: c.title, z: c.z })) } : null,
  };
  const partners = proposePartners(target, input.region.schools.map((s) => partnerSchool(s, input.region.facts.get(s.id))), {
    neighbours: input.region.neighbours, regionFailShares: regionFailShares(input.region.facts),
  });

  return {
    schoolId: facts.schoolId, name: facts.name, municipalityId: facts.municipalityId,
    ...(facts.index ? { wellbeingIndex: facts.index.value } : {}),
    clusters: facts.clusters.map((c) => c.code),
    risks: facts.risks.map((r) => ({ id: r.id, title: r.title, level: r.level, reasons: r.reasons, indicators: r.indicators })),
    climate: profileClimate(input.climate.groups),
    teachers: { tested: team.tested, total: team.total, deficitShare: team.deficitShare, withDeficits: team.withDeficits },
    shortName: facts.shortName, municipalityName: school.municipalityName,
    index: facts.index, indexReason: facts.indexReason,
    clusterDetails: facts.clusters,
    conditions: { submittedOn: facts.conditions?.submittedOn ?? null, indicators: facts.indicators },
    climateInfo: { threshold: input.climate.threshold, campaign: input.climate.campaign },
    deficits: { bySubject: team.bySubject, methods: team.methods, frequent: team.frequent },
    leader: {
      principal: input.leader.principal,
      measuredAt: input.leader.measuredAt?.toISOString() ?? null,
      competencies: input.leader.competencies,
      courses: leaderCourses.map((r) => ({ id: r.course.id, title: r.course.title, hours: r.course.hours, format: r.course.format, reason: r.reason })),
    },
    actions: {
      courses: cover.courses.map((c) => ({
        id: c.course.id, title: c.course.title, hours: c.course.hours, format: c.course.format, reason: c.reason, teachers: c.teachers.length,
        closes: c.closes.map((x) => ({ competencyId: x.competencyId, title: input.titleOf(x.competencyId), teachers: x.teachers })),
      })),
      uncovered: cover.uncovered.map((u) => ({ ...u, title: input.titleOf(u.competencyId) })),
      partners: partners.map((p) => ({
        schoolId: p.schoolId, name: p.name, shortName: p.shortName, municipalityId: p.municipalityId, municipalityName: p.municipalityName,
        place: p.place, distance: p.distance, closest: p.closest, reason: p.reason,
      })),
    },
    ...(input.withTeacherList ? {
      teacherList: team.people.map((p) => ({
        id: p.id, name: p.name, position: p.position, subjects: p.subjects, tested: p.tested, deficits: p.deficits.length, measuredAt: p.measuredAt,
      })),
    } : {}),
  };
}
