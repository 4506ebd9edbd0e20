// The school profile: the scope check, and everything it reads (facts with the school's climate fed in, team, leader, region).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { climateOfSchool } from "../climate/climate-summary.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { regionView } from "./region-view.js";
import { mayListTeachers, maySeeSchool } from "./school-access.js";
import { shownClimate } from "./school-climate.js";
import { findMunicipality, findSchoolPlace } from "./school-facts.repository.js";
import { oneSchoolFacts } from "./school-facts.service.js";
import { buildProfile } from "./school-profile-build.js";
import * as repo from "./school-profile.repository.js";
import type { SchoolProfile } from "./school-profile.schemas.js";

type Db = Kysely<Database>;

export class SchoolProfileService {
  constructor(private readonly db: Db, private readonly registry: InstrumentRegistry, private readonly threshold: number) {}

  async profile(principal: Principal | null, schoolId: string): Promise<SchoolProfile> {
    const place = await findSchoolPlace(this.db, schoolId);
    if (!place || !maySeeSchool(principal, place)) throw notFound("Школа не найдена", "school_not_found");
    const leaderIds = this.registry.all().filter((i) => i.definition.kind === "leader").map((i) => i.definition.id);

    const [climate, members, results, leaderRows, head, view, municipality] = await Promise.all([
      climateOfSchool(this.db, this.registry, schoolId, this.threshold),
      repo.schoolTeachers(this.db, schoolId),
      repo.teamResults(this.db, schoolId),
      repo.leaderResults(this.db, schoolId, leaderIds),
      repo.schoolPrincipal(this.db, schoolId),
      regionView(this.db, this.registry, place.region_id, this.threshold),
      findMunicipality(this.db, place.municipality_id),
    ]);
    // The school's own facts are read fresh (a card submitted a moment ago shows), with the climate the school's page shows.
    const facts = await oneSchoolFacts(this.db, this.registry, schoolId, shownClimate(climate?.groups ?? []));
    if (!facts) throw notFound("Школа не найдена", "school_not_found");

    const titles = new Map(this.registry.catalogues.competencies.map((c) => [c.id, c.title]));
    const leaderPerson = leaderRows[0] ? { id: leaderRows[0].user_id, name: leaderRows[0].full_name } : head ? { id: head.id, name: head.full_name } : null;
    return buildProfile({
      school: { id: schoolId, municipalityId: place.municipality_id, municipalityName: municipality?.name ?? "" },
      facts,
      climate: {
        threshold: climate?.threshold ?? this.threshold,
        campaign: climate?.campaign ? { id: climate.campaign.id, title: climate.campaign.title, startsOn: climate.campaign.startsOn, endsOn: climate.campaign.endsOn } : null,
        groups: climate?.groups ?? [],
      },
      members: members.map((m) => ({ id: m.id, name: m.full_name, position: m.position, subjects: m.subjects })),
      results: results.map((r) => ({
        userId: r.user_id, testSubject: r.test_subject, competencyId: r.competency_id, title: r.title, area: r.area, subject: r.subject,
        level: r.level, percent: r.percent, measuredAt: r.submitted_at,
      })),
      leader: {
        principal: leaderPerson,
        measuredAt: leaderRows[0]?.submitted_at ?? null,
        competencies: leaderRows.map((r) => ({ id: r.competency_id, title: r.title, percent: Math.round(r.percent * 10) / 10, level: r.level })),
      },
      region: { schools: view.schools, facts: view.facts, neighbours: view.neighbours.get(place.municipality_id) ?? new Set() },
      courses: this.registry.catalogues.courses,
      titleOf: (id) => titles.get(id) ?? id,
      withTeacherList: mayListTeachers(principal, place),
    });
  }
}
