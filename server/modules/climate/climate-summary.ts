// What other modules call: a school's climate, every school's in a region (the registry), and α per scale. No scope checks here.
import type { Kysely } from "kysely";
import type { Audience, Database } from "../../db/schema.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { classClimate, regionClimate, type AudienceSums, type ClimateGroup, type Figure, type RegionAudience } from "./climate-results.js";
import * as repo from "./climate-results.repository.js";
import { audienceSums, AUDIENCES, climateInstruments } from "./climate-sums.js";
import { effectiveThreshold } from "./suppression.js";
import { sortClasses } from "./round-codes.js";

export interface ClimateCampaign { id: string; title: string; wave: string; startsOn: string; endsOn: string }
export interface ClassCount { className: string; respondents: number; suppressed: boolean }

export interface SchoolClimate {
  schoolId: string;
  campaign: ClimateCampaign | null;
  threshold: number;
  /** One group per audience asked for (all three by default), or the one class asked for. */
  groups: ClimateGroup[];
  /** The school's students' classes with their answers (counts only), when students are in view. */
  classes: ClassCount[];
  /** The region's figures beside the school's, per audience. */
  region: RegionAudience[];
  /** Every class's group, when asked for with `withClasses` (exports). */
  classGroups?: ClimateGroup[];
}

export interface ClimateFilter {
  audience?: Audience;
  /** Students only: the class, as normalizeClassName writes it. */
  className?: string;
  campaignId?: string;
  /** Treat a school's figures of one scale over all its audiences as a published total (see docs/climate.md). */
  acrossAudiences?: boolean;
  withClasses?: boolean;
}

const toCampaign = (c: { id: string; title: string; wave: string; starts_on: string; ends_on: string }): ClimateCampaign =>
  ({ id: c.id, title: c.title, wave: c.wave, startsOn: c.starts_on, endsOn: c.ends_on });

const emptyGroup = (audience: Audience, className?: string): ClimateGroup =>
  ({ audience, ...(className ? { className } : {}), respondents: 0, suppressed: true, reason: "small", scales: [], hiddenScales: [] });

async function regionInputs(db: Kysely<Database>, registry: InstrumentRegistry, campaignId: string): Promise<AudienceSums[]> {
  const loaded = await Promise.all(AUDIENCES.map((a) => audienceSums(db, registry, campaignId, a)));
  return loaded.filter((x): x is AudienceSums => x !== undefined);
}

const instrumentIds = (registry: InstrumentRegistry) => [...climateInstruments(registry).values()].map((i) => i.definition.id);

/**
 * A school's climate in a campaign (by default the latest in which it had a round or answers):
 * each audience's respondents and scale figures beside the region's, with every group or scale
 * below the threshold, or hidden as a complement anywhere in the region, left without a figure.
 * Undefined for a school that does not exist.
 */
export async function climateOfSchool(db: Kysely<Database>, registry: InstrumentRegistry, schoolId: string, threshold: number, filter: ClimateFilter = {}): Promise<SchoolClimate | undefined> {
  const t = effectiveThreshold(threshold);
  const regionId = await repo.schoolRegion(db, schoolId);
  if (!regionId) return undefined;
  const campaign = filter.campaignId
    ? await repo.findCampaignInRegion(db, filter.campaignId, regionId)
    : await repo.latestSchoolCampaign(db, schoolId, instrumentIds(registry));
  const audiences = filter.audience ? [filter.audience] : [...AUDIENCES];
  if (!campaign) {
    return { schoolId, campaign: null, threshold: t, groups: audiences.map((a) => emptyGroup(a, filter.className)), classes: [], region: [] };
  }

  const inputs = await regionInputs(db, registry, campaign.id);
  const region = regionClimate(inputs, t, { acrossAudiences: filter.acrossAudiences ?? false });
  const mine = region.schools.get(schoolId) ?? [];
  const groupOf = (a: Audience) => mine.find((g) => g.audience === a) ?? emptyGroup(a);
  let groups = audiences.map(groupOf);

  let classes: ClassCount[] = [];
  let classGroups: ClimateGroup[] = [];
  const studentInput = inputs.find((i) => i.audience === "student");
  if (audiences.includes("student") && studentInput) {
    const perClass = await audienceSums(db, registry, campaign.id, "student", schoolId);
    const regionFigure = (scale: string): Figure | undefined => region.audiences.find((r) => r.audience === "student")?.scales.find((s) => s.id === scale)?.region;
    const views = classClimate(studentInput, groupOf("student"), perClass?.groups ?? [], t, regionFigure);
    classes = sortClasses(views.map((v) => v.className!)).map((name) => {
      const v = views.find((x) => x.className === name)!;
      return { className: name, respondents: v.respondents, suppressed: v.suppressed };
    });
    if (filter.className) groups = [views.find((v) => v.className === filter.className) ?? emptyGroup("student", filter.className)];
    if (filter.withClasses) classGroups = classes.map((c) => views.find((v) => v.className === c.className)!);
  }
  return {
    schoolId, campaign: toCampaign(campaign), threshold: t, groups, classes, region: region.audiences.filter((r) => audiences.includes(r.audience)),
    ...(filter.withClasses ? { classGroups } : {}),
  };
}

export interface RegionSchoolClimate { schoolId: string; name: string; shortName: string; municipalityId: string; municipalityName: string; groups: ClimateGroup[] }
export interface RegionClimateView { regionId: string; campaign: ClimateCampaign | null; threshold: number; audiences: RegionAudience[]; schools: RegionSchoolClimate[] }

/**
 * Every school of a region (of one municipality, when asked: suppression is still decided over the
 * whole region, so that what one coordinator sees agrees with what everyone else sees), per audience.
 */
export async function climateByRegion(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string, threshold: number,
  options: { campaignId?: string; municipalityId?: string; acrossAudiences?: boolean } = {}): Promise<RegionClimateView> {
  const t = effectiveThreshold(threshold);
  const campaign = options.campaignId
    ? await repo.findCampaignInRegion(db, options.campaignId, regionId)
    : await repo.latestRegionCampaign(db, regionId, instrumentIds(registry));
  const schools = await repo.regionSchools(db, regionId, options.municipalityId);
  const place = (s: (typeof schools)[number]) => ({ schoolId: s.id, name: s.name, shortName: s.short_name, municipalityId: s.municipality_id, municipalityName: s.municipality_name });
  if (!campaign) return { regionId, campaign: null, threshold: t, audiences: [], schools: schools.map((s) => ({ ...place(s), groups: [] })) };
  const region = regionClimate(await regionInputs(db, registry, campaign.id), t, { acrossAudiences: options.acrossAudiences ?? false });
  return {
    regionId, campaign: toCampaign(campaign), threshold: t, audiences: region.audiences,
    schools: schools.map((s) => ({ ...place(s), groups: region.schools.get(s.id) ?? [] })),
  };
}

export interface ScaleReliability { id: string; title: string; items: number; alpha: number | null; respondents: number }
export interface Reliability { regionId: string; campaign: ClimateCampaign | null; audiences: Array<{ audience: Audience; instrumentId: string; version: number; scales: ScaleReliability[] }> }

/**
 * Cronbach's α of every scale over the region's complete answers (current version of each
 * questionnaire): null where fewer than max(3, threshold) answered every item, or nothing varies.
 */
export async function climateReliability(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string,
  options: { campaignId?: string; threshold?: number } = {}): Promise<Reliability> {
  const minimum = effectiveThreshold(options.threshold ?? 5);
  const campaign = options.campaignId
    ? await repo.findCampaignInRegion(db, options.campaignId, regionId)
    : await repo.latestRegionCampaign(db, regionId, instrumentIds(registry));
  if (!campaign) return { regionId, campaign: null, audiences: [] };
  const audiences: Reliability["audiences"] = [];
  for (const [audience, loaded] of climateInstruments(registry)) {
    const scales = loaded.definition.scales ?? [];
    const f = { campaignId: campaign.id, instrumentId: loaded.definition.id, version: loaded.definition.version };
    const { items, totals } = await repo.alphaSums(db, scales, f);
    audiences.push({
      audience, instrumentId: loaded.definition.id, version: loaded.definition.version,
      scales: scales.map((s) => {
        const total = totals.find((x) => x.scale === s.id);
        const n = total?.n ?? 0;
        return { id: s.id, title: s.title, items: s.items.length, respondents: n, alpha: n >= minimum ? alphaOf(s.items.length, items.filter((x) => x.scale === s.id), total!) : null };
      }),
    });
  }
  return { regionId, campaign: toCampaign(campaign), audiences };
}

/** α = k/(k−1) · (1 − Σ item variances / variance of the total), sample variances from sums. */
export function alphaOf(k: number, items: ReadonlyArray<{ n: number; sx: number; sxx: number }>, total: { n: number; st: number; stt: number }): number | null {
  const variance = (n: number, s: number, ss: number) => (ss - (s * s) / n) / (n - 1);
  if (k < 2 || total.n < 3 || items.length !== k) return null;
  const totalVariance = variance(total.n, total.st, total.stt);
  if (!(totalVariance > 1e-12)) return null;
  const itemVariance = items.reduce((sum, i) => sum + variance(i.n, i.sx, i.sxx), 0);
  return Math.round((k / (k - 1)) * (1 - itemVariance / totalVariance) * 1000) / 1000;
}
