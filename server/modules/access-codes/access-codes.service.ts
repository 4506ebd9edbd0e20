// Personal access codes: who holds one, per school; issuing codes and printing them in the same transaction.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, conflict, notFound } from "../../shared/app-error.js";
import { ruDate, isoDay } from "../../shared/dates.js";
import { xlsxBuffer, XLSX_TYPE } from "../../shared/spreadsheet.js";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../auth/access-codes.js";
import type { Principal } from "../auth/principal.js";
import { changeScope } from "../auth/staff-scope.js";
import type { Issue, SchoolCodes } from "./access-codes.schemas.js";
import * as repo from "./access-codes.repository.js";
import { codeSheetPdf, type SchoolSlips } from "./code-sheet-pdf.js";

export const CODE_VALID_DAYS = 365;
/** One request prints at most this many codes: a municipality at a time for a big region. */
export const MAX_CODES_PER_REQUEST = 20_000;

export interface IssuedFile { body: Buffer; fileName: string; contentType: string; issued: number }

export class AccessCodesService {
  constructor(private readonly db: Kysely<Database>) {}

  async schools(principal: Principal, municipalityId: string | undefined): Promise<SchoolCodes[]> {
    const scope = changeScope(principal);
    if (municipalityId && !(await repo.municipalityInRegion(this.db, scope.regionId, municipalityId))) {
      throw notFound("Муниципалитет не найден", "municipality_not_found");
    }
    const rows = await repo.schoolCounts(this.db, scope.regionId, municipalityId);
    return rows.map((r) => ({
      schoolId: r.id, schoolName: r.name, shortName: r.short_name, municipalityId: r.municipality_id, municipalityName: r.municipality_name,
      people: r.people, withCode: r.with_code, withoutCode: r.people - r.with_code,
    }));
  }

  /**
   * Issues codes to the selected schools' staff (those without a valid code, or everyone with
   * `reissue`, whose old codes stop working) and builds the file in the same transaction: if the file
   * cannot be built, no code was issued. The codes exist in clear only in this file.
   */
  async issue(principal: Principal, body: Issue, siteAddress: string): Promise<IssuedFile> {
    const scope = changeScope(principal);
    const schoolIds = await this.selectedSchools(scope.regionId, body);
    const reissue = body.reissue ?? false;
    const expiresAt = new Date(Date.now() + CODE_VALID_DAYS * 86_400_000);
    return this.db.transaction().execute(async (trx) => {
      const holders = await repo.holdersToIssue(trx, schoolIds, reissue);
      if (holders.length === 0) {
        throw conflict(reissue
          ? "В выбранных школах нет сотрудников"
          : "У всех сотрудников выбранных школ уже есть действующие коды. Чтобы напечатать коды заново, перевыпустите их (старые перестанут действовать).", "nothing_to_issue");
      }
      if (holders.length > MAX_CODES_PER_REQUEST) {
        throw badRequest(`За один раз можно выдать не больше ${MAX_CODES_PER_REQUEST} кодов, а выбрано ${holders.length} сотрудников: выберите меньше школ`, "too_many_people");
      }
      const issued = holders.map((h) => ({ ...h, code: generateAccessCode() }));
      // Old codes go (on reissue) along with expired ones: a person holds one working code at most.
      await repo.deletePersonCodes(trx, issued.map((h) => h.id));
      await repo.insertPersonCodes(trx, issued.map((h) => ({ codeHash: accessCodeDigest(normalizeAccessCode(h.code)!), userId: h.id, schoolId: h.school_id })), expiresAt);
      const day = isoDay();
      if (body.format === "xlsx") {
        const file = await xlsxBuffer([{
          name: "Коды доступа",
          columns: [
            { header: "Муниципалитет", key: "municipality", width: 30 }, { header: "Школа", key: "school", width: 44 },
            { header: "ФИО", key: "name", width: 34 }, { header: "Должность", key: "position", width: 28 },
            { header: "E-mail", key: "email", width: 30 }, { header: "Код", key: "code", width: 24 },
          ],
          rows: issued.map((h) => ({ municipality: h.municipality_name, school: h.school_name, name: h.full_name, position: h.position ?? "", email: h.email ?? "", code: h.code })),
        }]);
        return { body: file, fileName: `Коды доступа ${day}.xlsx`, contentType: XLSX_TYPE, issued: issued.length };
      }
      const pdf = await codeSheetPdf(groupBySchool(issued), {
        siteAddress, issuedOn: ruDate(day), validUntil: ruDate(isoDay(0, expiresAt.getTime())),
      });
      return { body: pdf, fileName: `Коды доступа ${day}.pdf`, contentType: "application/pdf", issued: issued.length };
    });
  }

  /** The schools a request names, all within the region (and the municipality, when it names one too). */
  private async selectedSchools(regionId: string, body: Issue): Promise<string[]> {
    if (body.municipalityId && !(await repo.municipalityInRegion(this.db, regionId, body.municipalityId))) {
      throw badRequest(`Нет такого муниципалитета в регионе: ${body.municipalityId}`, "unknown_municipality");
    }
    if (!body.schoolIds) return repo.schoolIdsOf(this.db, regionId, body.municipalityId);
    const found = await repo.schoolsInScope(this.db, regionId, body.schoolIds);
    const unknown = body.schoolIds.filter((id) => !found.has(id));
    if (unknown.length) throw badRequest(`Нет таких школ в регионе: ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ` и ещё ${unknown.length - 10}` : ""}`, "unknown_school");
    const elsewhere = body.municipalityId ? body.schoolIds.filter((id) => found.get(id) !== body.municipalityId) : [];
    if (elsewhere.length) throw badRequest(`Школы не из выбранного муниципалитета: ${elsewhere.slice(0, 10).join(", ")}`, "unknown_school");
    return body.schoolIds;
  }
}

function groupBySchool(issued: Array<repo.CodeHolder & { code: string }>): SchoolSlips[] {
  const bySchool = new Map<string, SchoolSlips>();
  for (const h of issued) {
    let school = bySchool.get(h.school_id);
    if (!school) bySchool.set(h.school_id, school = { schoolName: h.school_name, shortName: h.short_name, municipalityName: h.municipality_name, slips: [] });
    school.slips.push({ fullName: h.full_name, position: h.position ?? "Сотрудник", code: h.code });
  }
  return [...bySchool.values()];
}
