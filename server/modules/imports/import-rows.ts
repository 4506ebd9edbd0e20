// Checking a whole import file: parse every row, then check what it refers to against what the region holds. Pure.
import { mapColumns, type ColumnMap, type ImportKind } from "./import-columns.js";
import { checkExams, examReferences, parseExams, recordKey, type ExamRecord } from "./exam-rows.js";
import { checkMunicipalities, municipalityReferences, parseMunicipalities, type MunicipalityRecord } from "./municipality-rows.js";
import { checkPeople, parsePeople, peopleReferences, type PersonRecord } from "./people-rows.js";
import { sortErrors } from "./row-cells.js";
import type { RowError } from "./row-rules.js";
import { checkSchools, parseSchools, schoolReferences, type SchoolRecord } from "./school-rows.js";
import type { Sheet } from "./spreadsheet-reader.js";

/** The codes and addresses a file mentions: what the service looks up, in a few set-based queries. */
export interface References {
  municipalities: string[];
  schools: string[];
  emails: string[];
  /** Schools whose stored exam results the file may update (exam results files only). */
  examSchools?: string[];
}

export interface ExistingSchool {
  municipalityId: string;
  shortName: string;
  locality: "city" | "town" | "rural";
  students: number | null;
  lowResults: boolean;
  unfavourable: boolean;
  highResults: boolean;
  clusters: string[];
  phone: string | null;
  email: string | null;
}

export interface ExistingPerson { id: string; regionId: string | null; staff: boolean }

/** What the database holds of the references, as the checks need it. */
export interface Known {
  regionId: string;
  /** Codes of the region's municipalities among those referenced. */
  municipalities: ReadonlySet<string>;
  /** Referenced codes that belong to municipalities of other regions. */
  foreignMunicipalities: ReadonlySet<string>;
  schools: ReadonlyMap<string, ExistingSchool>;
  foreignSchools: ReadonlySet<string>;
  /** By lower-case e-mail. */
  people: ReadonlyMap<string, ExistingPerson>;
  /** Keys of stored exam results of the referenced schools (see exam-rows.ts `examKey`). */
  exams?: ReadonlySet<string>;
  /** The calendar year now: exam results of later years cannot exist yet. */
  currentYear?: number;
}

export type ParsedImport =
  | { kind: "municipalities"; columns: ColumnMap; records: MunicipalityRecord[]; errors: RowError[] }
  | { kind: "schools"; columns: ColumnMap; records: SchoolRecord[]; errors: RowError[] }
  | { kind: "people"; columns: ColumnMap; records: PersonRecord[]; errors: RowError[] }
  | { kind: "exam-results"; columns: ColumnMap; records: ExamRecord[]; errors: RowError[] };

/** Step one, without the database: every cell of every row (a missing required column refuses the file). */
export function parseImport(kind: ImportKind, sheet: Sheet): ParsedImport {
  const columns = mapColumns(kind, sheet.header);
  switch (kind) {
    case "municipalities": return { kind, columns, ...parseMunicipalities(sheet, columns) };
    case "schools": return { kind, columns, ...parseSchools(sheet, columns) };
    case "people": return { kind, columns, ...parsePeople(sheet, columns) };
    case "exam-results": return { kind, columns, ...parseExams(sheet, columns) };
  }
}

export function referencesOf(parsed: ParsedImport): References {
  switch (parsed.kind) {
    case "municipalities": return municipalityReferences(parsed.records);
    case "schools": return schoolReferences(parsed.records);
    case "people": return peopleReferences(parsed.records);
    case "exam-results": return examReferences(parsed.records);
  }
}

export interface CheckResult {
  rows: number;
  /** Every error of every row, sorted by row and column. */
  errors: RowError[];
  /** For a file without errors: rows whose key is new, and rows whose key is stored already (both 0 otherwise). */
  wouldCreate: number;
  wouldUpdate: number;
}

/** Step two: references checked against what the region holds; counts of what an import would create and update. */
export function checkImport(parsed: ParsedImport, known: Known): CheckResult {
  let referenceErrors: RowError[];
  let keys: Array<string | undefined>;
  let exists: (key: string) => boolean;
  switch (parsed.kind) {
    case "municipalities":
      referenceErrors = checkMunicipalities(parsed.records, known);
      keys = parsed.records.map((r) => r.code);
      exists = (k) => known.municipalities.has(k);
      break;
    case "schools":
      referenceErrors = checkSchools(parsed.records, known);
      keys = parsed.records.map((r) => r.code);
      exists = (k) => known.schools.has(k);
      break;
    case "people":
      referenceErrors = checkPeople(parsed.records, known);
      keys = parsed.records.map((r) => r.email);
      exists = (k) => known.people.has(k);
      break;
    case "exam-results":
      referenceErrors = checkExams(parsed.records, known);
      keys = parsed.records.map(recordKey);
      exists = (k) => known.exams?.has(k) ?? false;
      break;
  }
  const errors = sortErrors(parsed.kind, [...parsed.errors, ...referenceErrors]);
  // A file with errors would do nothing at all: it is not imported.
  const present = errors.length ? [] : keys.filter((k): k is string => !!k);
  const wouldUpdate = present.filter(exists).length;
  return { rows: parsed.records.length, errors, wouldCreate: present.length - wouldUpdate, wouldUpdate };
}
