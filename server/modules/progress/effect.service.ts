// The effect's use case: two waves within the viewer's scope, the reliabilities they need, the sums, the tables.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { staffScope, type StaffScope } from "../auth/staff-scope.js";
import { listMunicipalities } from "../analytics/analytics.repository.js";
import { campaignCoversMunicipality, findCampaign, type CampaignRecord } from "../campaigns/campaigns.repository.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { AREA_TITLES, buildEffect } from "./effect.js";
import { effectSums, versionsInCampaigns } from "./effect.repository.js";
import type { EffectFilterQuery, EffectReport } from "./effect.schemas.js";
import type { ReliabilityCache } from "./reliability-cache.js";

export class EffectService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: InstrumentRegistry,
    private readonly reliability: ReliabilityCache,
    private readonly threshold: number,
  ) {}

  async report(principal: Principal | null, q: EffectFilterQuery): Promise<EffectReport> {
    const scope = staffScope(principal);
    if (q.from === q.to) throw badRequest("Выберите две разные кампании: с какой волной сравнивать и какую", "same_campaign");
    const municipalities = await listMunicipalities(this.db, scope.regionId, null);
    const municipalityId = this.narrowed(scope, q.municipalityId, municipalities);
    const [from, to] = await Promise.all([this.visible(scope, q.from), this.visible(scope, q.to)]);
    if (from.starts_on > to.starts_on) {
      throw badRequest(`Первая волна должна начинаться не позже второй: «${from.title}» началась позже, чем «${to.title}». Поменяйте их местами`, "waves_out_of_order");
    }
    const versions = await versionsInCampaigns(this.db, [from.id, to.id]);
    const tables = await this.reliability.many(scope.regionId, versions.map((v) => ({ instrumentId: v.instrument_id, version: v.version })));
    const sems = versions.flatMap((v) => [...(tables.get(`${v.instrument_id}@${v.version}`) ?? new Map())]
      .map(([competency, r]) => ({ instrument_id: v.instrument_id, version: v.version, competency_id: competency, sem: r.sem })));
    const sums = await effectSums(this.db, {
      regionId: scope.regionId, fromId: from.id, toId: to.id, fromStartsOn: from.starts_on,
      subject: q.subject ?? null, municipalityId, sems,
    });
    const names = new Map(municipalities.map((m) => [m.id, m.name]));
    const courses = new Map(this.registry.catalogues.courses.map((c) => [c.id, c.title]));
    const built = buildEffect(sums, this.threshold, {
      course: (id) => courses.get(id) ?? id,
      municipality: (id) => names.get(id) ?? "Без муниципалитета",
    });
    return {
      from: ref(from), to: ref(to),
      filters: { ...(q.subject ? { subject: q.subject } : {}), ...(municipalityId ? { municipalityId } : {}) },
      threshold: this.threshold,
      provisional: to.status !== "closed",
      areas: built.areas.map((id) => ({ id, title: AREA_TITLES[id] })),
      total: built.total, byCourse: built.byCourse, byMentoring: built.byMentoring, byMunicipality: built.byMunicipality,
      notes: notes(this.threshold),
    };
  }

  /** A campaign of the viewer's region (for a coordinator, one covering their municipality); anything else does not exist for them. */
  private async visible(scope: StaffScope, id: string): Promise<CampaignRecord> {
    const campaign = await findCampaign(this.db, id);
    const seen = campaign && campaign.region_id === scope.regionId &&
      (scope.municipalityId === null || (await campaignCoversMunicipality(this.db, id, scope.municipalityId)));
    if (!campaign || !seen) throw notFound("Кампания не найдена", "campaign_not_found");
    return campaign;
  }

  /** A coordinator's figures are always their municipality's; another municipality, or one not in the region, is not found. */
  private narrowed(scope: StaffScope, asked: string | undefined, known: ReadonlyArray<{ id: string }>): string | null {
    if (asked && !known.some((m) => m.id === asked)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    if (scope.municipalityId === null) return asked ?? null;
    if (asked && asked !== scope.municipalityId) throw notFound("Муниципалитет не найден", "municipality_not_found");
    return scope.municipalityId;
  }
}

function ref(c: CampaignRecord) {
  return { id: c.id, title: c.title, wave: c.wave, status: c.status, startsOn: c.starts_on, endsOn: c.ends_on };
}

function notes(threshold: number): string[] {
  return [
    "Изменение человека — средняя по его компетенциям разница процентов выполнения между двумя волнами. Компетенции сравниваются и тогда, когда версия теста между волнами сменилась.",
    "Надёжный рост и надёжное снижение — изменение больше 1,96 стандартной ошибки разности (индекс надёжного изменения Якобсона — Труакса); погрешность каждой волны оценена по заданиям этой компетенции в регионе.",
    "Курс засчитан, если человек был в подтверждённой группе курса, которая началась не раньше первой волны и закончилась до его повторного теста. Наставник засчитан, если пара действовала больше половины времени между двумя тестами.",
    "Это наблюдение, а не эксперимент: на курсы и к наставникам направляют тех, у кого больше дефицитов, а у низких первых результатов сильнее возврат к среднему. Разница между группами — повод разобраться, а не доказательство действия курса или наставника.",
    `Группы меньше ${threshold} человек не показываются; чтобы такую группу нельзя было вычислить вычитанием из общего итога, скрывается и следующая по размеру.`,
  ];
}
