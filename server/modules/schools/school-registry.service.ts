// The region registry: every school in the viewer's reach with its index, clusters, risks, coverage and climate; its export.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Sheet } from "../../shared/spreadsheet.js";
import type { Principal } from "../auth/principal.js";
import { reaches, staffScope } from "../auth/staff-scope.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { regionView } from "./region-view.js";
import { CLUSTER_OPTIONS, filterRegistry, registryRows, registrySheet, RISK_OPTIONS, sortRegistry } from "./registry-rows.js";
import { findMunicipality } from "./school-facts.repository.js";
import { runningCoverage } from "./school-profile.repository.js";
import type { Registry, RegistryFilter } from "./school-profile.schemas.js";

export class SchoolRegistryService {
  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry, private readonly threshold: number) {}

  /** Methodologists and admins: the region (or a municipality of it); a coordinator: their municipality only (another is 404). */
  async list(principal: Principal | null, filter: RegistryFilter): Promise<Registry> {
    const scope = staffScope(principal);
    if (filter.municipalityId) {
      const m = await findMunicipality(this.db, filter.municipalityId);
      if (!m || m.region_id !== scope.regionId || !reaches(scope, filter.municipalityId)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    }
    const [view, coverage] = await Promise.all([
      regionView(this.db, this.registry, scope.regionId, this.threshold),
      runningCoverage(this.db, scope.regionId),
    ]);
    // Suppression was decided over the whole region (climate module): the same whichever part is shown.
    const climate = new Map(view.climate.schools.map((s) => [s.schoolId, s.groups]));
    const rows = registryRows({ schools: view.schools, facts: view.facts, climate, coverage: coverage.schools });
    const municipalityId = filter.municipalityId ?? scope.municipalityId;
    return {
      regionSchools: view.schools.length,
      threshold: view.climate.threshold,
      computedAt: view.computedAt.toISOString(),
      campaigns: coverage.campaigns,
      climateCampaign: view.climate.campaign ? { id: view.climate.campaign.id, title: view.climate.campaign.title } : null,
      clusters: CLUSTER_OPTIONS,
      risks: RISK_OPTIONS,
      schools: sortRegistry(filterRegistry(rows, { ...filter, municipalityId })),
    };
  }

  async export(principal: Principal | null, filter: RegistryFilter): Promise<{ sheet: Sheet; baseName: string }> {
    const registry = await this.list(principal, filter);
    const scope = staffScope(principal);
    const where = filter.municipalityId ?? scope.municipalityId;
    const name = where ? registry.schools[0]?.municipalityName ?? (await findMunicipality(this.db, where))?.name : null;
    return { sheet: registrySheet(registry.schools, registry.threshold), baseName: name ? `Реестр школ — ${name}` : "Реестр школ" };
  }
}
