// Climate results for the people allowed to see them: a school's figures, the region overview, α; scope checked here.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, notFound } from "../../shared/app-error.js";
import type { Sheet } from "../../shared/spreadsheet.js";
import type { Principal } from "../auth/principal.js";
import { reaches, staffScope } from "../auth/staff-scope.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { schoolInReach } from "./climate-access.js";
import { climateSheet } from "./climate-export.js";
import * as repo from "./climate-results.repository.js";
import type { SchoolClimateFilter } from "./climate-results.schemas.js";
import { climateByRegion, climateOfSchool, climateReliability, type Reliability, type SchoolClimate } from "./climate-summary.js";
import { normalizeClassName } from "./round-codes.js";

export class ClimateResultsService {
  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry, private readonly threshold: number) {}

  async school(principal: Principal, schoolId: string, query: SchoolClimateFilter): Promise<SchoolClimate & { school: { id: string; name: string; shortName: string; municipalityId: string } }> {
    const school = await schoolInReach(this.db, principal, schoolId, "read");
    let className: string | undefined;
    if (query.class !== undefined) {
      if (query.audience && query.audience !== "student") throw badRequest("Класс указывается только для анкеты обучающихся", "class_not_allowed");
      className = normalizeClassName(query.class) ?? undefined;
      if (!className) throw badRequest(`«${query.class}» — не класс: напишите номер с 5 по 11 и букву, например «7А»`, "invalid_class");
    }
    await this.checkCampaign(query.campaignId, school.region_id);
    const audience = className ? "student" : query.audience;
    const climate = (await climateOfSchool(this.db, this.registry, school.id, this.threshold, {
      ...(audience ? { audience } : {}), ...(className ? { className } : {}), ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    }))!;
    return { ...climate, school: { id: school.id, name: school.name, shortName: school.short_name, municipalityId: school.municipality_id } };
  }

  /** Everything the page shows, classes included, as one table; hidden groups carry no figure here either. */
  async export(principal: Principal, schoolId: string, campaignId: string | undefined): Promise<{ sheet: Sheet; baseName: string }> {
    const school = await schoolInReach(this.db, principal, schoolId, "read");
    await this.checkCampaign(campaignId, school.region_id);
    const climate = (await climateOfSchool(this.db, this.registry, school.id, this.threshold, { withClasses: true, ...(campaignId ? { campaignId } : {}) }))!;
    return { sheet: climateSheet(climate, school.name), baseName: `Климат — ${school.short_name}` };
  }

  /** Every school of the region (a coordinator: of their municipality) with answers and suppression per audience. */
  async region(principal: Principal, municipalityId: string | undefined, campaignId: string | undefined) {
    const scope = staffScope(principal);
    const wanted = municipalityId ?? scope.municipalityId ?? undefined;
    if (wanted && !reaches(scope, wanted)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    if (wanted && !(await repo.municipalityInRegion(this.db, scope.regionId, wanted))) throw notFound("Муниципалитет не найден", "municipality_not_found");
    await this.checkCampaign(campaignId, scope.regionId);
    const view = await climateByRegion(this.db, this.registry, scope.regionId, this.threshold, {
      ...(wanted ? { municipalityId: wanted } : {}), ...(campaignId ? { campaignId } : {}),
    });
    const collator = new Intl.Collator("ru", { numeric: true });
    return {
      campaign: view.campaign, threshold: view.threshold, audiences: view.audiences,
      schools: view.schools.map(({ groups, ...place }) => ({
        ...place,
        groups: groups.map((g) => ({
          audience: g.audience, respondents: g.respondents, suppressed: g.suppressed,
          favourable: g.scales.filter((x) => x.band === "favourable").length, scales: g.scales.length,
        })),
      })).sort((a, b) => collator.compare(a.municipalityName, b.municipalityName) || collator.compare(a.name, b.name)),
    };
  }

  async reliability(principal: Principal, campaignId: string | undefined): Promise<Reliability> {
    const scope = staffScope(principal);
    await this.checkCampaign(campaignId, scope.regionId);
    return climateReliability(this.db, this.registry, scope.regionId, { threshold: this.threshold, ...(campaignId ? { campaignId } : {}) });
  }

  private async checkCampaign(campaignId: string | undefined, regionId: string): Promise<void> {
    if (campaignId && !(await repo.findCampaignInRegion(this.db, campaignId, regionId))) throw notFound("Кампания не найдена", "campaign_not_found");
  }
}
