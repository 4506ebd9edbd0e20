// Analytics use cases: the region's training themes and the dashboard, always within the viewer's scope.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { reaches, staffScope, type StaffScope } from "../auth/staff-scope.js";
import { campaignCoversMunicipality, findCampaign, listCampaigns } from "../campaigns/campaigns.repository.js";
import { toCampaignView } from "../campaigns/campaigns.service.js";
import { coverageByMunicipality, coverageTotals } from "../campaigns/coverage.repository.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import type { Overview, ThemesFilter, ThemesReport } from "./analytics.schemas.js";
import * as repo from "./analytics.repository.js";
import { CLUSTERS, SUBJECTS } from "../../shared/labels.js";
import { buildThemes } from "./training-themes.js";

/** Enough for every list of the export: the catalogue has under a hundred competencies. */
const ALL = 1000;

export class AnalyticsService {
  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry) {}

  async themes(principal: Principal | null, q: ThemesFilter, top = q.top ?? 10): Promise<ThemesReport> {
    const scope = staffScope(principal);
    const filter = await this.filterOf(scope, q);
    const [municipalities, figures] = await Promise.all([
      repo.listMunicipalities(this.db, scope.regionId, filter.municipalityId),
      repo.themeFigures(this.db, filter, true),
    ]);
    const body = buildThemes({ municipalities, ...figures, courses: this.registry.catalogues.courses, subject: filter.subject, top });
    return {
      ...body,
      filters: {
        ...(q.campaignId ? { campaignId: q.campaignId } : {}), ...(q.subject ? { subject: q.subject } : {}),
        ...(filter.municipalityId ? { municipalityId: filter.municipalityId } : {}), ...(q.cluster ? { cluster: q.cluster } : {}),
      },
      options: { subjects: SUBJECTS.map((s) => ({ code: s.code, title: s.title })), clusters: CLUSTERS.map((c) => ({ code: c.code, title: c.title })) },
    };
  }

  /** Every theme, for a download. */
  async allThemes(principal: Principal | null, q: Omit<ThemesFilter, "top">): Promise<ThemesReport> {
    return this.themes(principal, q, ALL);
  }

  async overview(principal: Principal | null): Promise<Overview> {
    const scope = staffScope(principal);
    const municipalityId = scope.municipalityId;
    const filter: repo.ResultsFilter = { regionId: scope.regionId, municipalityId, campaignId: null, subject: null, cluster: null };
    const [campaigns, municipalities, figures, groups, pairs, latestImport] = await Promise.all([
      listCampaigns(this.db, scope.regionId, municipalityId),
      repo.listMunicipalities(this.db, scope.regionId, municipalityId),
      repo.themeFigures(this.db, filter, false),
      repo.countCourseGroups(this.db, scope.regionId, municipalityId),
      repo.countMentorPairs(this.db, scope.regionId, municipalityId),
      // Imports load the whole region: a coordinator, who cannot import, is not shown them.
      scope.mayChange ? repo.findLatestImport(this.db, scope.regionId) : Promise.resolve(undefined),
    ]);
    const themes = buildThemes({
      municipalities, byMunicipality: figures.byMunicipality, counts: figures.counts, courses: this.registry.catalogues.courses, subject: null, top: 5,
    });
    const { counts } = figures;
    const coverageFilter = { municipalityId };
    const running = await Promise.all(campaigns.filter((c) => c.status === "active").map(async (c) => {
      const [totals, rows] = await Promise.all([coverageTotals(this.db, c.id, coverageFilter), coverageByMunicipality(this.db, c.id, coverageFilter)]);
      const view = toCampaignView(c);
      return {
        id: c.id, title: c.title, wave: c.wave, startsOn: c.starts_on, endsOn: c.ends_on, inWindow: c.in_window, targets: view.targets,
        coverage: {
          assigned: totals.assigned, started: totals.started, submitted: totals.submitted,
          teachers: { assigned: totals.t_assigned, started: totals.t_started, submitted: totals.t_submitted },
          principals: { assigned: totals.p_assigned, started: totals.p_started, submitted: totals.p_submitted },
          schools: { total: totals.schools_total, covered: totals.schools_covered },
        },
        municipalities: rows.map((m) => ({ id: m.municipality_id, name: m.name, assigned: m.assigned, started: m.started, submitted: m.submitted })),
      };
    }));
    const own = municipalityId ? municipalities.find((m) => m.id === municipalityId) : undefined;
    return {
      ...(own ? { municipality: { id: own.id, name: own.name } } : {}),
      running,
      planned: campaigns.filter((c) => c.status === "planned")
        .map((c) => ({ id: c.id, title: c.title, wave: c.wave, startsOn: c.starts_on, endsOn: c.ends_on })),
      teachers: { tested: counts.teachers.tested, withDeficits: counts.teachers.withDeficits },
      topThemes: themes.top,
      courseGroups: { proposed: groups.proposed, confirmed: groups.confirmed, people: groups.people, confirmedPeople: groups.confirmed_people },
      mentoring: { pairs, withoutMentor: counts.teachers.withoutMentor },
      ...(latestImport ? {
        latestImport: {
          id: latestImport.id, kind: latestImport.kind, fileName: latestImport.file_name, rows: latestImport.rows,
          created: latestImport.created, updated: latestImport.updated, createdAt: latestImport.created_at.toISOString(),
          ...(latestImport.full_name ? { by: latestImport.full_name } : {}),
        },
      } : {}),
    };
  }

  /**
   * The filters as the queries take them. A coordinator's municipality is always theirs (asking for
   * another finds nothing); a campaign must be one the viewer sees; an unknown municipality is 404.
   */
  private async filterOf(scope: StaffScope, q: Omit<ThemesFilter, "top">): Promise<repo.ResultsFilter> {
    if (q.municipalityId && !reaches(scope, q.municipalityId)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    const municipalityId = scope.municipalityId ?? q.municipalityId ?? null;
    if (municipalityId && !(await repo.listMunicipalities(this.db, scope.regionId, municipalityId)).length) {
      throw notFound("Муниципалитет не найден", "municipality_not_found");
    }
    if (q.campaignId) {
      const campaign = await findCampaign(this.db, q.campaignId);
      const seen = campaign && campaign.region_id === scope.regionId &&
        (scope.municipalityId === null || (await campaignCoversMunicipality(this.db, campaign.id, scope.municipalityId)));
      if (!seen) throw notFound("Кампания не найдена", "campaign_not_found");
    }
    return { regionId: scope.regionId, municipalityId, campaignId: q.campaignId ?? null, subject: q.subject ?? null, cluster: q.cluster ?? null };
  }
}
