// Import use cases: check a file (nothing written), import it in one transaction, templates, the log of batches.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { conflict } from "../../shared/app-error.js";
import { CSV_TYPE, csvText, xlsxBuffer, XLSX_TYPE } from "../../shared/spreadsheet.js";
import type { Principal } from "../auth/principal.js";
import { changeScope } from "../auth/staff-scope.js";
import { assignEligibleInActiveCampaigns } from "../campaigns/campaigns.repository.js";
import { KIND_TITLES, type ImportKind } from "./import-columns.js";
import { checkImport, parseImport, referencesOf, type CheckResult, type Known, type ParsedImport } from "./import-rows.js";
import { templateSheets } from "./import-templates.js";
import type { ImportBatch, ImportResult } from "./imports.schemas.js";
import * as repo from "./imports.repository.js";
import { neighbourPairs } from "./municipality-rows.js";
import { mergeSchool } from "./school-rows.js";
import { examValues } from "./exam-rows.js";
import { readSpreadsheet } from "./spreadsheet-reader.js";
import type { Upload } from "./upload.js";

/** A file with every row wrong still answers quickly and in a size a browser shows; the total is given. */
export const MAX_ERRORS_SHOWN = 10_000;

type Db = Kysely<Database>;

function known(regionId: string, found: repo.Lookup, now = new Date()): Known {
  const municipalities = new Set<string>();
  const foreignMunicipalities = new Set<string>();
  for (const [id, region] of found.municipalities) (region === regionId ? municipalities : foreignMunicipalities).add(id);
  const schools = new Map([...found.schools].filter(([, s]) => s.regionId === regionId));
  const foreignSchools = new Set([...found.schools].filter(([, s]) => s.regionId !== regionId).map(([id]) => id));
  return { regionId, municipalities, foreignMunicipalities, schools, foreignSchools, people: found.people, exams: found.exams, currentYear: now.getUTCFullYear() };
}

export class ImportsService {
  constructor(private readonly db: Db) {}

  /**
   * Checks a file and, unless it is a dry run, imports it. Nothing is written while the file has a
   * single error; a clean file is written in one transaction, checked again inside it.
   */
  async run(principal: Principal, kind: ImportKind, upload: Upload, dryRun: boolean): Promise<ImportResult> {
    const scope = changeScope(principal);
    const sheet = await readSpreadsheet(upload.bytes);
    const parsed = parseImport(kind, sheet);
    const refs = referencesOf(parsed);
    if (dryRun) {
      const check = checkImport(parsed, known(scope.regionId, await repo.lookUp(this.db, refs)));
      return answer(kind, true, check);
    }
    return this.db.transaction().execute(async (trx) => {
      const found = await repo.lookUp(trx, refs);
      const k = known(scope.regionId, found);
      const check = checkImport(parsed, k);
      if (check.errors.length) return answer(kind, false, check);
      const written = await write(trx, scope.regionId, parsed, k, found, (principal as { id: string }).id);
      const batchId = await repo.insertBatch(trx, {
        regionId: scope.regionId, kind, fileName: upload.fileName, rows: check.rows, created: written.created, updated: written.updated,
        createdBy: (principal as { id: string }).id,
      });
      return { ...answer(kind, false, check), created: written.created, updated: written.updated, batchId, ...(kind === "people" ? { assigned: written.assigned } : {}) };
    });
  }

  async template(principal: Principal, kind: ImportKind, format: "xlsx" | "csv") {
    const scope = changeScope(principal);
    const sheets = templateSheets(kind, await repo.sampleCodes(this.db, scope.regionId));
    const base = `Шаблон импорта — ${KIND_TITLES[kind]}`;
    if (format === "csv") return { body: csvText(sheets[0]), fileName: `${base}.csv`, contentType: CSV_TYPE };
    return { body: await xlsxBuffer(sheets), fileName: `${base}.xlsx`, contentType: XLSX_TYPE };
  }

  async history(principal: Principal): Promise<ImportBatch[]> {
    const scope = changeScope(principal);
    const rows = await repo.listBatches(this.db, scope.regionId, 50);
    return rows.map((b) => ({
      id: b.id, kind: b.kind, fileName: b.file_name, rows: b.rows, created: b.created, updated: b.updated,
      createdAt: b.created_at.toISOString(), ...(b.created_by_name ? { createdBy: b.created_by_name } : {}),
    }));
  }
}

function answer(kind: ImportKind, dryRun: boolean, check: CheckResult): ImportResult {
  const valid = check.errors.length === 0;
  return {
    kind, dryRun, valid, rows: check.rows,
    errors: check.errors.slice(0, MAX_ERRORS_SHOWN), errorsTotal: check.errors.length,
    created: 0, updated: 0,
    wouldCreate: valid ? check.wouldCreate : 0, wouldUpdate: valid ? check.wouldUpdate : 0,
  };
}

/** Writes a clean file: set-based upserts in slices; for people, their school roles and places in running campaigns; exam results by their key. */
async function write(trx: Db, regionId: string, parsed: ParsedImport, k: Known, found: repo.Lookup, userId: string) {
  switch (parsed.kind) {
    case "municipalities": {
      const counts = await repo.upsertMunicipalities(trx, regionId, parsed.records.map((r) => ({ id: r.code!, name: r.name! })));
      const stated = parsed.records.filter((r) => r.neighbours !== undefined);
      if (stated.length) await repo.replaceNeighbours(trx, stated.map((r) => r.code!), neighbourPairs(stated));
      return { ...counts, assigned: 0 };
    }
    case "schools": {
      const counts = await repo.upsertSchools(trx, regionId, parsed.records.map((r) => mergeSchool(r, k.schools.get(r.code!))));
      return { ...counts, assigned: 0 };
    }
    case "people": {
      const values = parsed.records.map((r) => ({
        full_name: r.fullName!, position: r.position!, email: r.email!, region_id: regionId,
        municipality_id: k.schools.get(r.school!)!.municipalityId, school_id: r.school!,
        subjects: r.subjects ?? found.people.get(r.email!)?.subjects ?? [],
      }));
      const counts = await repo.upsertPeople(trx, regionId, values);
      // A row the upsert left alone (an address another region took meanwhile) undoes the whole import.
      if (counts.ids.size !== values.length) throw conflict("Данные изменились во время импорта: проверьте файл ещё раз", "import_conflict");
      await repo.replaceSchoolRoles(trx, parsed.records.flatMap((r) => r.roles!.map((role) => ({ user_id: counts.ids.get(r.email!)!, role }))));
      // Newcomers join the running campaigns that cover their schools, as if they had been there at the opening.
      const assigned = await assignEligibleInActiveCampaigns(trx, regionId);
      return { created: counts.created, updated: counts.updated, assigned };
    }
    case "exam-results": {
      const counts = await repo.upsertExamResults(trx, regionId, parsed.records.map((r) => examValues(r, userId)));
      if (counts.created + counts.updated !== parsed.records.length) throw conflict("Данные изменились во время импорта: проверьте файл ещё раз", "import_conflict");
      return { ...counts, assigned: 0 };
    }
  }
}
