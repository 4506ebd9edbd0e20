// School facts: a region's data in a few set-based queries, assembled by the pure rules; one school's facts; who may see them.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { reaches, staffScope } from "../auth/staff-scope.js";
import { climateOfSchool } from "../climate/climate-summary.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { regionFacts, type RegionData, type SchoolCard, type SchoolFacts } from "./region-facts.js";
import * as repo from "./school-facts.repository.js";
import type { IndexRanking } from "./school-facts.schemas.js";
import { COUNTED_METHODS } from "./risk-profile.js";
import { conditionsIndicators } from "./school-indicators.js";
import { SCHOOL_RULES } from "./school-thresholds.js";
import { maySeeSchool } from "./school-access.js";
import { shownClimate } from "./school-climate.js";
import type { ClimateGroup } from "./school-inputs.js";
import { INDEX_COMPONENTS } from "./wellbeing-index.js";

type Db = Kysely<Database>;

const idsOfKind = (registry: InstrumentRegistry, kind: string) => registry.all().filter((i) => i.definition.kind === kind).map((i) => i.definition.id);

/** Each school's latest card as indicators, read with the definition of the version it was answered on. */
async function loadCards(db: Db, registry: InstrumentRegistry, regionId: string): Promise<Map<string, SchoolCard>> {
  const rows = await repo.latestCards(db, regionId, idsOfKind(registry, "conditions"));
  const out = new Map<string, SchoolCard>();
  for (const r of rows) {
    const loaded = await registry.atVersion(db, r.instrument_id, r.version);
    if (!loaded) continue;
    out.set(r.school_id, { indicators: conditionsIndicators(loaded.definition, r.data ?? {}), submittedAt: new Date(r.submitted_at) });
  }
  return out;
}

/** The methodological competencies the risks read one by one, with the subject tests that measure each. */
function countedMethods(registry: InstrumentRegistry): repo.CountedMethod[] {
  return COUNTED_METHODS.map((id) => ({
    id, instruments: registry.all().filter((i) => i.definition.kind === "subject-test" && i.answerKey.competencies.some((c) => c.id === id)).map((i) => i.definition.id),
  }));
}

async function loadRegion(db: Db, registry: InstrumentRegistry, regionId: string, schoolId: string | null): Promise<RegionData> {
  const [schools, cards, exams, teachers, leaders] = await Promise.all([
    repo.listRegionSchools(db, regionId),
    loadCards(db, registry, regionId),
    repo.examRows(db, regionId),
    repo.teacherFigures(db, regionId, schoolId, SCHOOL_RULES.teachers.deficitTopics, countedMethods(registry)),
    repo.leaderResults(db, regionId, idsOfKind(registry, "leader"), schoolId),
  ]);
  return { schools, cards, exams, teachers, leaders };
}

/**
 * Every school's facts of a region. `climate` gives the shown (unsuppressed) climate groups per
 * school, as the climate module computes them; without it the climate-based risks say so.
 */
export async function regionSchoolFacts(
  db: Db, registry: InstrumentRegistry, regionId: string, climate?: ReadonlyMap<string, readonly ClimateGroup[]>,
): Promise<Map<string, SchoolFacts>> {
  return regionFacts(await loadRegion(db, registry, regionId, null), climate);
}

/** One school's facts: the region is read for the index and the quartiles, the teachers and the leader of this school only. */
export async function oneSchoolFacts(db: Db, registry: InstrumentRegistry, schoolId: string, climate?: readonly ClimateGroup[]): Promise<SchoolFacts | null> {
  const place = await repo.findSchoolPlace(db, schoolId);
  if (!place) return null;
  const data = await loadRegion(db, registry, place.region_id, schoolId);
  const facts = regionFacts(data, climate ? new Map([[schoolId, climate]]) : undefined, new Set([schoolId]));
  return facts.get(schoolId) ?? null;
}

/** The index of every school of a region, with what it needs only (schools and cards). */
export async function regionIndex(db: Db, registry: InstrumentRegistry, regionId: string) {
  const [schools, cards] = await Promise.all([repo.listRegionSchools(db, regionId), loadCards(db, registry, regionId)]);
  const facts = regionFacts({ schools, cards, exams: new Map(), teachers: new Map(), leaders: new Map() });
  return { schools, facts };
}

export class SchoolFactsService {
  /** `threshold`: the anonymity threshold the school's climate is read with (the climate-based risks read shown groups only). */
  constructor(private readonly db: Db, private readonly registry: InstrumentRegistry, private readonly threshold = 5) {}

  /** The school's principal, the coordinator of its municipality, the region's staff; 404 for anyone else. */
  async facts(principal: Principal | null, schoolId: string): Promise<SchoolFacts> {
    const place = await repo.findSchoolPlace(this.db, schoolId);
    if (!place || !maySeeSchool(principal, place)) throw notFound("Школа не найдена", "school_not_found");
    // The climate the school's page shows (its latest campaign with answers), suppressed groups left out.
    const climate = await climateOfSchool(this.db, this.registry, schoolId, this.threshold);
    const facts = await oneSchoolFacts(this.db, this.registry, schoolId, shownClimate(climate?.groups ?? []));
    if (!facts) throw notFound("Школа не найдена", "school_not_found");
    return facts;
  }

  /** The region's ranking by the index with its components; a coordinator sees their municipality's schools (ranked in the region). */
  async index(principal: Principal | null, municipalityId: string | undefined): Promise<IndexRanking> {
    const scope = staffScope(principal);
    if (municipalityId) {
      const m = await repo.findMunicipality(this.db, municipalityId);
      if (!m || m.region_id !== scope.regionId || !reaches(scope, municipalityId)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    }
    const only = municipalityId ?? scope.municipalityId;
    const { schools, facts } = await regionIndex(this.db, this.registry, scope.regionId);
    const rows = schools.filter((s) => !only || s.municipalityId === only).map((s) => {
      const f = facts.get(s.id)!;
      return { schoolId: s.id, name: s.name, shortName: s.shortName, municipalityId: s.municipalityId, municipalityName: s.municipalityName, index: f.index, reason: f.indexReason };
    });
    rows.sort((a, b) => (a.index && b.index ? a.index.rank - b.index.rank : a.index ? -1 : b.index ? 1 : a.name.localeCompare(b.name, "ru")));
    const withIndex = [...facts.values()].filter((f) => f.index !== null).length;
    return {
      regionSchools: schools.length, withIndex,
      components: INDEX_COMPONENTS.map((c) => ({ id: c.id, title: c.title, ...(c.unit ? { unit: c.unit } : {}), direction: c.direction })),
      schools: rows,
    };
  }
}
