// A synthetic country for the matching benchmark: municipalities on a map, schools with the programme's flags, teachers, mentors.
import type { MatchingInstance, MenteeInput, MentorInput } from "../server/modules/mentoring/matching-model.js";
import { demoNeighbours, Rng } from "../server/modules/demo/demo-region.js";
import { SUBJECT_CODES } from "../server/modules/instruments/instrument.types.js";

const METHOD = ["method.lesson-design", "method.assessment", "method.differentiation", "method.functional-literacy", "method.digital"];
/** Seven topics per subject, as in the catalogue; the method topics are measured by every subject test. */
const TOPICS: Record<string, string[]> = Object.fromEntries(SUBJECT_CODES.map((s) => [s, Array.from({ length: 7 }, (_, k) => `${s}.t${k + 1}`)]));
/** How often a subject is taught, roughly as in a school's timetable. */
const SUBJECT_WEIGHTS: Record<string, number> = {
  russian: 16, literature: 6, math: 17, physics: 6, chemistry: 5, biology: 6, geography: 5, history: 7, social: 5, informatics: 5, english: 12,
};
const PAIRED: Record<string, string> = { russian: "literature", physics: "informatics", history: "social", chemistry: "biology", geography: "biology" };

export interface CountryOptions { teachers: number; seed?: number; teachersPerMunicipality?: number }

/**
 * About 420 teachers a municipality (a real district's scale), 25 a school; one school in five with
 * low results, one in seven unfavourable, one in eight with high results. Strong teachers of
 * high-result schools (and a few others) are mentors with 1–5 places. A teacher's chance of a
 * deficit on each topic follows their ability, as in the demo region's simulation.
 */
export function syntheticCountry(options: CountryOptions): MatchingInstance & { teachers: number } {
  const rng = new Rng(options.seed ?? 6_100_000);
  const perMunicipality = options.teachersPerMunicipality ?? 420;
  const count = Math.max(1, Math.round(options.teachers / perMunicipality));
  const width = Math.max(1, Math.round(Math.sqrt(count)));
  const municipalities = Array.from({ length: count }, (_, i) => `c-m${i}`);
  const neighbours = demoNeighbours(municipalities, width).map((p) => [p.municipality_id, p.neighbour_id] as const);
  const subjects = Object.entries(SUBJECT_WEIGHTS);
  const totalWeight = subjects.reduce((s, [, w]) => s + w, 0);
  const pickSubject = () => {
    let r = rng.float() * totalWeight;
    for (const [s, w] of subjects) if ((r -= w) < 0) return s;
    return "math";
  };

  const mentees: MenteeInput[] = [];
  const mentors: MentorInput[] = [];
  let teacher = 0, school = 0;
  let current = { id: "", municipalityId: "", low: false, unfavourable: false, high: false, left: 0 };
  while (teacher < options.teachers) {
    if (current.left <= 0) {
      const low = rng.chance(0.2);
      const unfavourable = rng.chance(low ? 0.5 : 0.08);
      current = {
        id: `c-s${school++}`, municipalityId: municipalities[Math.min(count - 1, Math.floor((teacher / options.teachers) * count))]!,
        low, unfavourable, high: !low && !unfavourable && rng.chance(0.16), left: rng.int(12, 38),
      };
    }
    current.left--;
    const id = `c-t${teacher++}`;
    const first = pickSubject();
    const taught = PAIRED[first] && rng.chance(0.3) ? [first, PAIRED[first]!] : [first];
    const ability = (current.low ? -0.55 : current.unfavourable ? -0.25 : current.high ? 0.75 : 0.1) + rng.normal() * 0.8;
    const levels = (topics: string[]) => topics.map((t) => [t, ability + rng.normal() * 0.7] as const);
    const measured = taught.map((s) => [s, levels([...TOPICS[s]!, ...METHOD])] as const);
    const mentor = ability > 0.9 && rng.chance(current.high ? 0.5 : 0.05);
    if (mentor) {
      mentors.push({
        id, municipalityId: current.municipalityId, schoolId: current.id, highResults: current.high, subjects: taught,
        proficient: [...new Set(measured.flatMap(([, ls]) => ls.filter(([, v]) => v > 0.4).map(([t]) => t)))],
        capacity: rng.chance(0.7) ? 3 : rng.int(1, 5),
      });
      continue;
    }
    const deficits = Object.fromEntries(measured.map(([s, ls]) => [s, ls.filter(([, v]) => v < -0.6).map(([t]) => t)]));
    if (Object.values(deficits).some((d) => d.length)) {
      mentees.push({ id, municipalityId: current.municipalityId, schoolId: current.id, lowResults: current.low, unfavourable: current.unfavourable, deficits });
    }
  }
  return { mentees, mentors, neighbours, teachers: teacher };
}
