// Generates the demo region: municipalities, schools with the programme's flags, and their staff. Pure.
import type { Role } from "../../db/schema.js";
import type { SubjectCode } from "../instruments/instrument.types.js";
import { mulberry32 } from "../../shared/random.js";
import { FEMALE_NAMES, MALE_NAMES, MUNICIPALITIES, SURNAMES, VILLAGE_SCHOOL_ADJECTIVES, feminineSurname } from "./demo-names.js";

export const DEMO_REGION = { id: "demo", name: "Демонстрационная область" };

export interface DemoSchool {
  id: string;
  municipalityId: string;
  name: string;
  shortName: string;
  locality: "city" | "town" | "rural";
  students: number;
  lowResults: boolean;
  unfavourable: boolean;
  highResults: boolean;
  clusters: string[];
}

export interface DemoPerson {
  id: string;
  login: string | null;
  name: string;
  position: string;
  roles: Role[];
  subjects: SubjectCode[];
  schoolId: string | null;
  municipalityId: string | null;
  /** Relative ability for simulated answers: negative weaker, positive stronger. */
  ability: number;
}

export interface DemoRegion {
  municipalities: Array<{ id: string; name: string }>;
  schools: DemoSchool[];
  people: DemoPerson[];
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) { this.next = mulberry32(seed); }
  float(): number { return this.next(); }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)] as T; }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** A v4-shaped UUID from the generator, so the same seed gives the same ids. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = "4";
    hex[16] = "89ab"[Math.floor(this.next() * 4)] as string;
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

export const SUBJECT_TITLES: Record<SubjectCode, string> = {
  russian: "русского языка", literature: "литературы", math: "математики", physics: "физики", chemistry: "химии",
  biology: "биологии", geography: "географии", history: "истории", social: "обществознания", informatics: "информатики",
  english: "английского языка",
};

/**
 * Subject posts of a programme school: a small school combines subjects in one teacher, as rural
 * schools do (russian with literature, history with social studies, chemistry with biology…).
 */
function staffPosts(rng: Rng, large: boolean): SubjectCode[][] {
  const posts: SubjectCode[][] = [];
  const times = (n: number, subjects: SubjectCode[]) => { for (let i = 0; i < n; i++) posts.push([...subjects]); };
  times(large ? rng.int(2, 3) : 1, ["math"]);
  if (large) times(rng.int(1, 2), ["russian", "literature"]);
  else times(1, ["russian", "literature"]);
  times(large ? 2 : 1, ["english"]);
  times(1, rng.chance(large ? 0.2 : 0.75) ? ["history", "social"] : ["history"]);
  if (posts.at(-1)?.length === 1) times(1, ["social"]);
  times(1, rng.chance(large ? 0.3 : 0.6) ? ["physics", "informatics"] : ["physics"]);
  if (posts.at(-1)?.length === 1) times(1, ["informatics"]);
  times(1, rng.chance(large ? 0.25 : 0.7) ? ["chemistry", "biology"] : ["chemistry"]);
  if (posts.at(-1)?.length === 1) times(1, ["biology"]);
  times(1, rng.chance(large ? 0.1 : 0.4) ? ["geography", "biology"] : ["geography"]);
  return posts;
}

function personName(rng: Rng, female: boolean): string {
  const surname = rng.pick(SURNAMES);
  const father = rng.pick(MALE_NAMES);
  if (female) return `${feminineSurname(surname)} ${rng.pick(FEMALE_NAMES)} ${father[2]}`;
  return `${surname} ${rng.pick(MALE_NAMES)[0]} ${father[1]}`;
}

export function generateDemoRegion(seed: number): DemoRegion {
  const rng = new Rng(seed);
  const municipalities = MUNICIPALITIES.map((m, i) => ({ id: `demo-m${String(i + 1).padStart(2, "0")}`, name: m.name }));
  const schools: DemoSchool[] = [];
  const people: DemoPerson[] = [];
  const villages = [...VILLAGE_SCHOOL_ADJECTIVES];

  MUNICIPALITIES.forEach((m, mi) => {
    const municipalityId = municipalities[mi]!.id;
    const count = m.city ? rng.int(17, 24) : rng.int(9, 13);
    const town = m.name.split(" ")[0]!.replace(/ский$|ской$|ный$/, "");
    for (let s = 1; s <= count; s++) {
      const locality = m.city ? "city" : s <= 3 ? "town" : "rural";
      const village = locality === "rural" ? villages[(mi * 7 + s) % villages.length]! : "";
      const shortName = locality === "rural" ? `${village} СОШ` : `СОШ № ${s}`;
      const name = locality === "rural"
        ? `МБОУ «${village} средняя общеобразовательная школа»`
        : `МБОУ «Средняя общеобразовательная школа № ${s}»${locality === "town" ? ` (${town})` : ""}`;
      // Rural and small-town schools carry more of the programme's risks, as in the seeds' registers.
      const risk = locality === "rural" ? 0.55 : locality === "town" ? 0.4 : 0.25;
      const lowResults = rng.chance(risk * 0.75);
      const unfavourable = rng.chance(lowResults ? 0.55 : risk * 0.3);
      const highResults = !lowResults && !unfavourable && rng.chance(locality === "city" ? 0.3 : 0.08);
      const clusters: string[] = [];
      if (lowResults) clusters.push("low-results");
      if (unfavourable) clusters.push("unfavourable");
      if ((lowResults || unfavourable) && rng.chance(0.3)) clusters.push("special-needs");
      if ((lowResults || unfavourable) && rng.chance(0.15)) clusters.push("non-native");
      if (lowResults && rng.chance(0.45)) clusters.push("math-teaching");
      if (lowResults && rng.chance(0.4)) clusters.push("russian-teaching");
      schools.push({
        id: `${municipalityId}-s${String(s).padStart(2, "0")}`, municipalityId, name, shortName, locality,
        students: locality === "rural" ? rng.int(45, 320) : locality === "town" ? rng.int(250, 700) : rng.int(450, 1350),
        lowResults, unfavourable, highResults, clusters,
      });
    }
  });

  for (const school of schools) {
    const inProgramme = school.lowResults || school.unfavourable;
    if (!inProgramme && !school.highResults) continue;
    const base = school.lowResults ? -0.55 : school.unfavourable ? -0.25 : 0.75;
    if (inProgramme) {
      const female = rng.chance(0.75);
      people.push({
        id: rng.uuid(), login: null, name: personName(rng, female), position: "Директор",
        roles: ["principal"], subjects: [], schoolId: school.id, municipalityId: school.municipalityId, ability: base + rng.normal() * 0.6,
      });
    }
    const posts = inProgramme ? staffPosts(rng, school.students > 400) : staffPosts(rng, true).filter(() => rng.chance(0.55));
    for (const subjects of posts) {
      const ability = base + rng.normal() * 0.8;
      // Strong teachers of high-result schools are the region's mentor pool: large enough, at three
      // mentees each, for about a third of the programme's teachers with deficits.
      const mentor = school.highResults && ability > 0.2 && rng.chance(0.9);
      people.push({
        id: rng.uuid(), login: null, name: personName(rng, rng.chance(0.86)),
        position: `Учитель ${subjects.map((s) => SUBJECT_TITLES[s]).join(" и ")}`,
        roles: mentor ? ["teacher", "mentor"] : ["teacher"], subjects, schoolId: school.id, municipalityId: school.municipalityId, ability,
      });
    }
  }
  return { municipalities, schools, people };
}


/**
 * Borders of the demo map: the municipalities laid out row by row on a grid five wide, each
 * bordering those beside, above and below it, and one diagonal neighbour, as districts on a real map
 * do. Symmetric: both directions are listed.
 */
export function demoNeighbours(ids: readonly string[], width = 5): Array<{ municipality_id: string; neighbour_id: string }> {
  const pairs = new Set<string>();
  const link = (a: number, b: number) => {
    if (b < 0 || b >= ids.length || a === b) return;
    pairs.add(`${ids[a]}|${ids[b]}`);
    pairs.add(`${ids[b]}|${ids[a]}`);
  };
  ids.forEach((_, i) => {
    const column = i % width;
    if (column < width - 1) link(i, i + 1);
    link(i, i + width);
    if (column < width - 1 && (i + Math.floor(i / width)) % 2 === 0) link(i, i + width + 1);
  });
  return [...pairs].sort().map((p) => {
    const [municipality_id, neighbour_id] = p.split("|") as [string, string];
    return { municipality_id, neighbour_id };
  });
}
