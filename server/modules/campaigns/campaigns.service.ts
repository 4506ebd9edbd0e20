// Campaign use cases: plan, open (assigning everyone it covers), close, and read coverage within one's scope.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, conflict, notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import { changeScope, reaches, staffScope, type StaffScope } from "../auth/staff-scope.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import type { CampaignView, CreateCampaign, InstrumentOption, UpdateCampaign } from "./campaigns.schemas.js";
import * as repo from "./campaigns.repository.js";
import * as coverage from "./coverage.repository.js";
import { isUniqueViolation } from "../../db/errors.js";
import { isoDay, ruDate } from "../../shared/dates.js";

export function toCampaignView(c: repo.CampaignRecord): CampaignView {
  return {
    id: c.id, title: c.title, wave: c.wave, status: c.status, instrumentIds: c.instrument_ids,
    startsOn: c.starts_on, endsOn: c.ends_on, municipalityIds: c.municipality_ids, schoolIds: c.school_ids,
    targets: {
      ...(c.target_teachers !== null ? { teachers: c.target_teachers } : {}),
      ...(c.target_principals !== null ? { principals: c.target_principals } : {}),
      ...(c.target_school_share !== null ? { schoolShare: c.target_school_share } : {}),
    },
    inWindow: c.in_window,
    ...(c.opened_at ? { openedAt: c.opened_at.toISOString() } : {}),
    ...(c.closed_at ? { closedAt: c.closed_at.toISOString() } : {}),
    createdAt: c.created_at.toISOString(),
  };
}

export class CampaignsService {
  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry) {}

  async list(principal: Principal): Promise<CampaignView[]> {
    const scope = staffScope(principal);
    return (await repo.listCampaigns(this.db, scope.regionId, scope.municipalityId)).map(toCampaignView);
  }

  /** The instruments a campaign may include, in the order the campaign form groups them. */
  instruments(principal: Principal): InstrumentOption[] {
    staffScope(principal);
    const order = ["subject-test", "leader", "conditions", "climate"];
    return this.registry.all().map(({ definition: d }) => ({
      id: d.id, kind: d.kind, ...(d.subject ? { subject: d.subject } : {}), title: d.title, audience: [...d.audience], anonymous: d.anonymous === true,
    })).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.title.localeCompare(b.title, "ru"));
  }

  async get(principal: Principal, id: string): Promise<CampaignView> {
    return toCampaignView(await this.visible(staffScope(principal), id));
  }

  async create(principal: Principal, body: CreateCampaign): Promise<CampaignView> {
    const scope = changeScope(principal);
    const values = await this.checked(scope, body);
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, id, scope.regionId, (principal as { id: string }).id, values);
      await repo.replaceScope(trx, id, body.instrumentIds, body.municipalityIds ?? [], body.schoolIds ?? []);
    });
    return this.get(principal, id);
  }

  /** A planned campaign may still change; a running or closed one is history in the making. */
  async update(principal: Principal, id: string, body: UpdateCampaign): Promise<CampaignView> {
    const scope = changeScope(principal);
    const current = await this.visible(scope, id);
    if (current.status !== "planned") throw conflict("Изменить можно только запланированную кампанию", "campaign_not_planned");
    const merged: CreateCampaign = {
      title: body.title ?? current.title, wave: body.wave ?? current.wave, instrumentIds: body.instrumentIds ?? current.instrument_ids,
      startsOn: body.startsOn ?? current.starts_on, endsOn: body.endsOn ?? current.ends_on,
      municipalityIds: body.municipalityIds ?? current.municipality_ids, schoolIds: body.schoolIds ?? current.school_ids,
      targets: body.targets ?? toCampaignView(current).targets,
    };
    const values = await this.checked(scope, merged);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateCampaign(trx, id, values);
      await repo.replaceScope(trx, id, merged.instrumentIds, merged.municipalityIds ?? [], merged.schoolIds ?? []);
    });
    return this.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const scope = changeScope(principal);
    const current = await this.visible(scope, id);
    if (current.status !== "planned" || (await repo.countCampaignAttempts(this.db, id)) > 0) {
      throw conflict("Удалить можно только запланированную кампанию без ответов; открытую кампанию закройте", "campaign_not_planned");
    }
    await repo.deleteCampaign(this.db, id);
  }

  /**
   * Opens a planned campaign and assigns, in the same transaction, everyone it covers. Refused when
   * its window is already over, or when someone it covers holds one of its instruments in another
   * running campaign (the message names that campaign and how many people).
   */
  async open(principal: Principal, id: string): Promise<CampaignView> {
    const scope = changeScope(principal);
    const current = await this.visible(scope, id);
    if (current.status !== "planned") {
      throw conflict(current.status === "active" ? "Кампания уже открыта" : "Закрытую кампанию открыть повторно нельзя: создайте новую", "campaign_not_planned");
    }
    if (current.ends_on < isoDay()) throw conflict(`Окно кампании закончилось ${ruDate(current.ends_on)}: измените даты`, "window_over");
    try {
      await this.db.transaction().execute(async (trx) => {
        // Opens in a region take turns, so two campaigns over the same people cannot both pass the check.
        await repo.lockRegionCampaigns(trx, current.region_id);
        if (!(await repo.setStatus(trx, id, "planned", "active"))) throw conflict("Кампания уже открыта", "campaign_not_planned");
        await repo.assignEligible(trx, id);
        // Checked after assigning: anyone skipped because another running campaign holds their instrument
        // (including people an import added meanwhile) makes the whole opening roll back.
        const clashes = await repo.findAssignmentConflicts(trx, id);
        if (clashes.length) {
          const list = clashes.map((c) => `«${c.title}» (${c.people} чел.)`).join(", ");
          throw conflict(`Часть участников уже проходит те же инструменты в открытой кампании ${list}. Закройте её или сузьте охват.`, "assignment_conflict");
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("Часть участников уже назначена на те же инструменты в другой открытой кампании", "assignment_conflict");
      throw error;
    }
    return this.get(principal, id);
  }

  /** Closes a running campaign: no new answers, and every answer given so far is kept. */
  async close(principal: Principal, id: string): Promise<CampaignView> {
    const scope = changeScope(principal);
    const current = await this.visible(scope, id);
    if (current.status !== "active") throw conflict(current.status === "planned" ? "Кампания ещё не открыта" : "Кампания уже закрыта", "campaign_not_active");
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.setStatus(trx, id, "active", "closed"))) throw conflict("Кампания уже закрыта", "campaign_not_active");
      await repo.deactivateAssignments(trx, id);
    });
    return this.get(principal, id);
  }

  async coverage(principal: Principal, id: string, municipalityId: string | undefined) {
    const scope = staffScope(principal);
    const campaign = await this.visible(scope, id);
    const filter = { municipalityId: this.narrowed(scope, municipalityId) };
    const [totals, municipalities, instruments] = await Promise.all([
      coverage.coverageTotals(this.db, id, filter),
      coverage.coverageByMunicipality(this.db, id, filter),
      coverage.coverageByInstrument(this.db, id, filter),
    ]);
    return {
      campaignId: id,
      ...countsOf(totals),
      targets: toCampaignView(campaign).targets,
      municipalities: municipalities.map((m) => ({ id: m.municipality_id, name: m.name, ...countsOf(m) })),
      instruments: instruments.map((i) => ({
        id: i.id, title: this.registry.get(i.id)?.definition.title ?? i.title, kind: i.kind, anonymous: i.anonymous,
        assigned: i.assigned, started: i.started, submitted: i.submitted,
      })),
    };
  }

  async schoolsCoverage(principal: Principal, id: string, municipalityId: string | undefined) {
    const scope = staffScope(principal);
    await this.visible(scope, id);
    const rows = await coverage.coverageBySchool(this.db, id, { municipalityId: this.narrowed(scope, municipalityId) });
    return rows.map((s) => ({
      id: s.id, name: s.name, shortName: s.short_name, municipalityId: s.municipality_id, municipalityName: s.municipality_name,
      ...(s.phone ? { phone: s.phone } : {}), lowResults: s.low_results, unfavourable: s.unfavourable,
      assigned: s.assigned, started: s.started, submitted: s.submitted,
    }));
  }

  /** Those still to test, a page at a time (limit null: all of them, for an export). */
  async pending(principal: Principal, id: string, q: { municipalityId?: string | undefined; schoolId?: string | undefined }, limit: number | null, offset = 0) {
    const scope = staffScope(principal);
    const campaign = await this.visible(scope, id);
    const filter = { municipalityId: this.narrowed(scope, q.municipalityId), schoolId: q.schoolId };
    const [rows, total] = await Promise.all([
      coverage.listPending(this.db, id, filter, limit, offset),
      limit === null ? Promise.resolve(-1) : coverage.countPending(this.db, id, filter),
    ]);
    return {
      campaign,
      total: total < 0 ? rows.length : total,
      rows: rows.map((r) => ({
        userId: r.user_id, name: r.full_name, ...(r.position ? { position: r.position } : {}), ...(r.email ? { email: r.email } : {}),
        schoolId: r.school_id, schoolName: r.school_name, ...(r.school_phone ? { schoolPhone: r.school_phone } : {}),
        municipalityId: r.municipality_id, municipalityName: r.municipality_name,
        instrumentId: r.instrument_id, instrumentTitle: this.registry.get(r.instrument_id)?.definition.title ?? r.instrument_title, state: r.state,
      })),
    };
  }

  /** What a person has been assigned, in running and closed campaigns, with their attempt in each. */
  async assignmentsOf(userId: string) {
    const rows = await repo.listPersonAssignments(this.db, userId);
    return rows.map((r) => ({
      campaign: { id: r.campaign_id, title: r.campaign_title, wave: r.wave, status: r.campaign_status, startsOn: r.starts_on, endsOn: r.ends_on, inWindow: r.in_window },
      instrumentId: r.instrument_id,
      instrumentTitle: this.registry.get(r.instrument_id)?.definition.title ?? r.instrument_title,
      ...(r.attempt_id && r.attempt_status ? {
        attempt: {
          id: r.attempt_id, status: r.attempt_status,
          ...(r.submitted_at ? { submittedAt: r.submitted_at.toISOString() } : {}),
          ...(r.percent !== null ? { percent: r.percent } : {}),
        },
      } : {}),
    }));
  }

  /** A campaign of the viewer's region that the viewer may see; anything else does not exist for them. */
  private async visible(scope: StaffScope, id: string): Promise<repo.CampaignRecord> {
    const campaign = await repo.findCampaign(this.db, id);
    const seen = campaign && campaign.region_id === scope.regionId &&
      (scope.municipalityId === null || (await repo.campaignCoversMunicipality(this.db, id, scope.municipalityId)));
    if (!campaign || !seen) throw notFound("Кампания не найдена", "campaign_not_found");
    return campaign;
  }

  /** A coordinator's filter is always their municipality; asking for another one finds nothing. */
  private narrowed(scope: StaffScope, municipalityId: string | undefined): string | undefined {
    if (scope.municipalityId === null) return municipalityId;
    if (municipalityId && !reaches(scope, municipalityId)) throw notFound("Муниципалитет не найден", "municipality_not_found");
    return scope.municipalityId;
  }

  private async checked(scope: StaffScope, body: CreateCampaign): Promise<repo.CampaignValues> {
    if (body.startsOn > body.endsOn) throw badRequest("Дата начала позже даты окончания", "invalid_dates");
    const unknownInstruments = body.instrumentIds.filter((i) => !this.registry.get(i));
    if (unknownInstruments.length) throw badRequest(`Нет таких инструментов: ${unknownInstruments.join(", ")}`, "unknown_instrument");
    const [municipalities, schools] = await Promise.all([
      repo.unknownMunicipalities(this.db, scope.regionId, body.municipalityIds ?? []),
      repo.unknownSchools(this.db, scope.regionId, body.schoolIds ?? []),
    ]);
    if (municipalities.length) throw badRequest(`Нет таких муниципалитетов в регионе: ${municipalities.slice(0, 10).join(", ")}`, "unknown_municipality");
    if (schools.length) throw badRequest(`Нет таких школ в регионе: ${schools.slice(0, 10).join(", ")}`, "unknown_school");
    return { title: body.title.trim(), wave: body.wave, startsOn: body.startsOn, endsOn: body.endsOn, targets: body.targets ?? {} };
  }
}

function countsOf(r: coverage.CountsRow) {
  return {
    assigned: r.assigned, started: r.started, submitted: r.submitted,
    roles: {
      teachers: { assigned: r.t_assigned, started: r.t_started, submitted: r.t_submitted },
      principals: { assigned: r.p_assigned, started: r.p_started, submitted: r.p_submitted },
    },
    schools: { total: r.schools_total, covered: r.schools_covered },
  };
}
