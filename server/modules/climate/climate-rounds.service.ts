// Climate rounds: open one for a school and an audience, issue codes (shown once: JSON, PDF slips or XLSX), list, close.
import type { Kysely } from "kysely";
import type { Audience, Database } from "../../db/schema.js";
import { badRequest, conflict, notFound } from "../../shared/app-error.js";
import { isoDay, ruDate } from "../../shared/dates.js";
import { XLSX_TYPE, xlsxBuffer } from "../../shared/spreadsheet.js";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../auth/access-codes.js";
import type { Principal } from "../auth/principal.js";
import { findActiveCampaignForSchool } from "../campaigns/campaigns.repository.js";
import type { InstrumentRegistry, LoadedInstrument } from "../instruments/registry.js";
import { schoolInReach } from "./climate-access.js";
import type { Issued, MoreCodes, OpenRound, RoundView } from "./climate-rounds.schemas.js";
import * as repo from "./climate-rounds.repository.js";
import { codeSlipsPdf, signInLink, type RoundSlip } from "./code-slips-pdf.js";
import { planCodes, type CodeRequest } from "./round-codes.js";
import { climateInstruments } from "./climate-sums.js";

export const AUDIENCE_FOR: Record<Audience, string> = { teacher: "для педагогов", student: "для обучающихся", parent: "для родителей" };
export const AUDIENCE_TITLES: Record<Audience, string> = { teacher: "Педагоги", student: "Обучающиеся", parent: "Родители" };

export interface IssuedFile { body: Buffer; fileName: string; contentType: string; roundId: string; issued: number }
type Format = "pdf" | "xlsx";


export class ClimateRoundsService {
  constructor(private readonly db: Kysely<Database>, private readonly registry: InstrumentRegistry, private readonly threshold: number) {}

  async open(principal: Principal, body: OpenRound, site: string): Promise<Issued | IssuedFile> {
    const school = await schoolInReach(this.db, principal, body.schoolId, "write");
    const instrument = climateInstruments(this.registry).get(body.audience);
    if (!instrument) throw conflict("В библиотеке нет анкеты климата для этой группы", "no_instrument");
    const plan = this.plan(body, body.audience);
    const campaign = await this.campaignFor(body.campaignId, instrument, school);
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertRound(trx, {
        schoolId: school.id, campaignId: campaign.id, instrumentId: instrument.definition.id, audience: body.audience,
        classes: plan.parts.flatMap((p) => (p.className ? [p.className] : [])),
      });
      const round = (await repo.findRound(trx, id))!;
      return this.issue(trx, round, school.short_name, plan.parts, body.format, site);
    });
  }

  async more(principal: Principal, roundId: string, body: MoreCodes, site: string): Promise<Issued | IssuedFile> {
    const { round, school } = await this.roundInReach(principal, roundId, "write");
    const plan = this.plan(body, round.audience);
    return this.db.transaction().execute(async (trx) => {
      const locked = (await repo.findRound(trx, roundId, true))!;
      this.refuseUnlessOpen(locked);
      return this.issue(trx, locked, school.short_name, plan.parts, body.format, site);
    });
  }

  /** The sheet of codes just issued (the caller holds them in clear); only unused codes of this round print. */
  async sheet(principal: Principal, roundId: string, codes: string[], format: Format, site: string): Promise<IssuedFile> {
    const { round, school } = await this.roundInReach(principal, roundId, "write");
    const normalized = codes.map((c) => normalizeAccessCode(c));
    const malformed = normalized.filter((c) => c === null).length;
    if (malformed) throw badRequest(`Не похоже на код доступа: ${malformed} из ${codes.length}`, "invalid_code");
    const hashes = normalized.map((c) => accessCodeDigest(c!));
    const found = await repo.findUnusedCodes(this.db, roundId, hashes);
    const missing = hashes.filter((h) => !found.has(h)).length;
    if (missing) throw badRequest(`Кодов не из этого опроса, уже использованных или истёкших: ${missing}. Напечатать можно только действующие коды этого опроса.`, "unknown_codes");
    const slips = normalized.map((c, i) => ({ code: c!.match(/.{4}/g)!.join("-"), className: found.get(hashes[i]!) ?? null }));
    return this.file(round, school.short_name, slips, format, site);
  }

  async list(principal: Principal, schoolId: string): Promise<RoundView[]> {
    const school = await schoolInReach(this.db, principal, schoolId, "read");
    return (await repo.listRounds(this.db, { schoolId: school.id })).map(toRoundView);
  }

  /** Closes the round: its unused codes stop working; answers already given stay. Closing twice changes nothing. */
  async close(principal: Principal, roundId: string): Promise<RoundView> {
    await this.roundInReach(principal, roundId, "write");
    await this.db.transaction().execute(async (trx) => {
      const locked = (await repo.findRound(trx, roundId, true))!;
      if (!locked.closed_at) await repo.closeRound(trx, roundId);
    });
    return toRoundView((await repo.listRounds(this.db, { roundId }))[0]!);
  }

  private plan(request: CodeRequest, audience: Audience) {
    const plan = planCodes(request, audience === "student");
    if (!plan.ok) throw badRequest(plan.message, "invalid_codes");
    return plan;
  }

  private async roundInReach(principal: Principal, roundId: string, mode: "read" | "write") {
    const round = await repo.findRound(this.db, roundId);
    // A round of a school out of reach does not exist for this person.
    if (!round) throw notFound("Опрос не найден", "round_not_found");
    const school = await schoolInReach(this.db, principal, round.school_id, mode).catch((error: unknown) => {
      throw (error as { statusCode?: number }).statusCode === 404 ? notFound("Опрос не найден", "round_not_found") : error;
    });
    return { round, school };
  }

  private refuseUnlessOpen(round: repo.RoundRow): void {
    if (round.closed_at) throw conflict("Опрос закрыт: новые коды для него не выдаются. Откройте новый опрос.", "round_closed");
    if (!round.campaign_running) throw conflict(`Кампания «${round.campaign_title}» завершена: новые коды не выдаются`, "campaign_not_running");
  }

  /** The campaign asked for, checked; or the running one that includes the questionnaire and covers the school. */
  private async campaignFor(campaignId: string | undefined, instrument: LoadedInstrument, school: repo.SchoolRef): Promise<{ id: string }> {
    const title = instrument.definition.title;
    if (!campaignId) {
      const found = await findActiveCampaignForSchool(this.db, school.id, instrument.definition.id);
      if (!found || isoDay() > found.ends_on) {
        throw conflict(`Сейчас нет идущей кампании, в которую входит «${title}» и которая охватывает эту школу. Коды можно будет выдать, когда институт откроет такую кампанию.`, "no_active_campaign");
      }
      return found;
    }
    const c = await repo.checkCampaign(this.db, campaignId, instrument.definition.id, school.id);
    if (!c || c.region_id !== school.region_id) throw notFound("Кампания не найдена", "campaign_not_found");
    if (c.status !== "active" || !c.running) throw conflict(`Кампания «${c.title}» сейчас не идёт: коды выдаются только на время идущей кампании`, "campaign_not_running");
    if (!c.includes) throw conflict(`В кампанию «${c.title}» не входит «${title}»`, "instrument_not_in_campaign");
    if (!c.covers) throw conflict(`Кампания «${c.title}» не охватывает эту школу`, "school_not_in_campaign");
    return c;
  }

  /** Issues the codes (digests stored) and answers with them once: as JSON, or as the file, built in the same transaction. */
  private async issue(db: Kysely<Database>, round: repo.RoundRow, shortName: string, parts: Array<{ className: string | null; count: number }>, format: Format | undefined, site: string) {
    const slips: RoundSlip[] = parts.flatMap((p) => Array.from({ length: p.count }, () => ({ code: generateAccessCode(), className: p.className })));
    await repo.insertCodes(db, round, slips.map((s) => ({ codeHash: accessCodeDigest(normalizeAccessCode(s.code)!), className: s.className })));
    if (format) return this.file(round, shortName, slips, format, site);
    return { id: round.id, codes: slips.map((s) => s.code), slips: slips.map((s) => ({ code: s.code, ...(s.className ? { className: s.className } : {}) })) };
  }

  private async file(round: repo.RoundRow, shortName: string, slips: RoundSlip[], format: Format, site: string): Promise<IssuedFile> {
    const base = `Коды опроса ${AUDIENCE_FOR[round.audience]} — ${shortName} — ${isoDay()}`;
    if (format === "xlsx") {
      const body = await xlsxBuffer([{
        name: "Коды",
        columns: [
          { header: "№", key: "n", width: 6 }, { header: "Класс", key: "className", width: 10 },
          { header: "Код", key: "code", width: 24 }, { header: "Ссылка", key: "link", width: 64 },
        ],
        rows: slips.map((s, i) => ({ n: i + 1, className: s.className ?? "", code: s.code, link: site.startsWith("http") ? signInLink(site, s.code) : "" })),
      }]);
      return { body, fileName: `${base}.xlsx`, contentType: XLSX_TYPE, roundId: round.id, issued: slips.length };
    }
    const body = await codeSlipsPdf({
      schoolShortName: shortName, audienceLabel: AUDIENCE_FOR[round.audience], siteAddress: site,
      validUntil: ruDate(round.ends_on), threshold: this.threshold, slips,
    });
    return { body, fileName: `${base}.pdf`, contentType: "application/pdf", roundId: round.id, issued: slips.length };
  }
}

export function toRoundView(r: repo.RoundCounts): RoundView {
  return {
    id: r.id, schoolId: r.school_id, campaignId: r.campaign_id, campaignTitle: r.campaign_title, instrumentId: r.instrument_id,
    audience: r.audience, classes: r.classes, openedOn: r.opened_on, ...(r.closed_on ? { closedOn: r.closed_on } : {}),
    status: r.closed_at || !r.campaign_running ? "closed" : "open",
    codesIssued: r.codes_issued, codesUsed: r.codes_used, answersStarted: r.started, answersSubmitted: r.submitted, validUntil: r.ends_on,
  };
}
