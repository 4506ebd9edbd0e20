// Rows of a schools file: code, municipality, names, locality, size, the programme's flags, clusters, contacts. Pure.
import type { ColumnMap } from "./import-columns.js";
import type { ExistingSchool, Known, References } from "./import-rows.js";
import { parseRows, type Parsed, type RowCells } from "./row-cells.js";
import { CLUSTERS, clusterCode, isCode, isEmail, LOCALITIES, parseYesNo, quote, splitList, wordKey, type RowError } from "./row-rules.js";
import type { Sheet } from "./spreadsheet-reader.js";

type Locality = "city" | "town" | "rural";

/** What a row says; an undefined optional value means an empty cell: the stored value stays (a new school gets the default). */
export interface SchoolRecord {
  row: number;
  code?: string | undefined;
  municipality?: string | undefined;
  name?: string | undefined;
  shortName?: string | undefined;
  locality?: Locality | undefined;
  students?: number | undefined;
  lowResults?: boolean | undefined;
  unfavourable?: boolean | undefined;
  highResults?: boolean | undefined;
  clusters?: string[] | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

function flag(cells: RowCells, key: string, title: string): boolean | undefined {
  const text = cells.text(key);
  if (!text) return undefined;
  const value = parseYesNo(text);
  if (value === null) cells.fail(key, "invalid_value", `В столбце «${title}» ожидается «да» или «нет», а не ${quote(text)}`);
  return value ?? undefined;
}

export function parseSchools(sheet: Sheet, columns: ColumnMap): Parsed<SchoolRecord> {
  const firstRow = new Map<string, number>();
  return parseRows("schools", sheet, columns, (cells) => {
    let code = cells.text("code", { required: true }) || undefined;
    if (code && !isCode(code)) {
      cells.fail("code", "invalid_value", `Код ${quote(code)} может содержать только латинские буквы, цифры и знаки - _ . :`);
      code = undefined;
    }
    if (code) {
      const first = firstRow.get(code.toLowerCase());
      if (first !== undefined) {
        cells.fail("code", "duplicate_code", `Школа с кодом ${quote(code)} уже есть в строке ${first}`);
        code = undefined;
      } else firstRow.set(code.toLowerCase(), cells.row);
    }
    const municipality = cells.text("municipality", { required: true }) || undefined;
    const name = cells.text("name", { required: true }) || undefined;
    const shortName = cells.text("shortName") || undefined;

    const localityText = cells.text("locality");
    const locality = localityText ? LOCALITIES[wordKey(localityText)] : undefined;
    if (localityText && !locality) cells.fail("locality", "invalid_value", `Тип местности ${quote(localityText)} не распознан: укажите «город», «посёлок» или «село»`);

    const studentsText = cells.text("students");
    let students: number | undefined;
    if (studentsText) {
      const digits = studentsText.replace(/[\s\u00a0\u202f]/g, "");
      if (/^\d{1,7}$/.test(digits)) students = Number(digits);
      else cells.fail("students", "invalid_value", `Число обучающихся должно быть целым неотрицательным числом, а не ${quote(studentsText)}`);
    }

    const lowResults = flag(cells, "lowResults", "ШНОР");
    const unfavourable = flag(cells, "unfavourable", "ССУ");
    const highResults = flag(cells, "highResults", "Высокие результаты");
    if (lowResults && highResults) {
      cells.fail("highResults", "invalid_value", "Школа не может быть одновременно ШНОР и школой с высокими результатами");
    }

    const clusterText = cells.text("clusters");
    let clusters: string[] | undefined;
    if (clusterText) {
      const words = splitList(clusterText);
      const unknown = words.filter((w) => !clusterCode(w));
      if (unknown.length) {
        cells.fail("clusters", "invalid_value", `Неизвестные кластеры: ${unknown.map(quote).join(", ")}. Допустимы: ${Object.values(CLUSTERS).join("; ")}`);
      }
      clusters = [...new Set(words.map(clusterCode).filter((c): c is string => !!c))].sort();
    }

    const phone = cells.text("phone", { allowPhone: true }) || undefined;
    const emailText = cells.text("email");
    const email = emailText ? emailText.toLowerCase() : undefined;
    if (email && !isEmail(email)) cells.fail("email", "malformed_email", `Неверный адрес e-mail ${quote(emailText!)}`);

    return { row: cells.row, code, municipality, name, shortName, locality, students, lowResults, unfavourable, highResults, clusters, phone, email };
  });
}

export function schoolReferences(records: SchoolRecord[]): References {
  const municipalities = new Set(records.map((r) => r.municipality).filter((c): c is string => !!c));
  const schools = new Set(records.map((r) => r.code).filter((c): c is string => !!c));
  return { municipalities: [...municipalities], schools: [...schools], emails: [] };
}

export function checkSchools(records: SchoolRecord[], known: Known): RowError[] {
  const errors: RowError[] = [];
  for (const r of records) {
    if (r.municipality && !known.municipalities.has(r.municipality)) {
      errors.push({ row: r.row, field: "Код муниципалитета", code: "unknown_municipality", message: `Муниципалитет с кодом ${quote(r.municipality)} не найден в регионе` });
    }
    if (!r.code) continue;
    if (known.foreignSchools.has(r.code)) {
      errors.push({ row: r.row, field: "Код", code: "taken_code", message: `Код ${quote(r.code)} уже занят школой другого региона: выберите другой` });
      continue;
    }
    // Flags the file leaves empty keep their stored value: the result must still obey the rule.
    const existing = known.schools.get(r.code);
    const low = r.lowResults ?? existing?.lowResults ?? false;
    const high = r.highResults ?? existing?.highResults ?? false;
    if (low && high && !(r.lowResults && r.highResults)) {
      errors.push({
        row: r.row, field: r.highResults ? "Высокие результаты" : "ШНОР", code: "invalid_value",
        message: `Школа ${quote(r.code)} стала бы одновременно ШНОР и школой с высокими результатами: укажите «нет» в одном из столбцов`,
      });
    }
  }
  return errors;
}

/** The row as it will be stored: what the file says, else what is stored, else the default of a new school. */
export function mergeSchool(r: SchoolRecord, existing: ExistingSchool | undefined) {
  return {
    id: r.code!, municipality_id: r.municipality!, name: r.name!,
    short_name: r.shortName ?? existing?.shortName ?? r.name!,
    locality: r.locality ?? existing?.locality ?? "city",
    students: r.students ?? existing?.students ?? null,
    low_results: r.lowResults ?? existing?.lowResults ?? false,
    unfavourable: r.unfavourable ?? existing?.unfavourable ?? false,
    high_results: r.highResults ?? existing?.highResults ?? false,
    clusters: r.clusters ?? existing?.clusters ?? [],
    phone: r.phone ?? existing?.phone ?? null,
    email: r.email ?? existing?.email ?? null,
  };
}
