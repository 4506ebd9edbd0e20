// Rows of a municipalities file: code, name, neighbours (symmetric, in the region or in the file). Pure.
import type { ColumnMap } from "./import-columns.js";
import type { Known, References } from "./import-rows.js";
import { parseRows, type Parsed } from "./row-cells.js";
import { isCode, quote, splitList, type RowError } from "./row-rules.js";
import type { Sheet } from "./spreadsheet-reader.js";

export interface MunicipalityRecord {
  row: number;
  code?: string | undefined;
  name?: string | undefined;
  /** Undefined: the cell is empty (or the column absent) and the stored neighbours stay as they are. */
  neighbours?: string[] | undefined;
}

export function parseMunicipalities(sheet: Sheet, columns: ColumnMap): Parsed<MunicipalityRecord> {
  const firstRow = new Map<string, number>();
  return parseRows("municipalities", sheet, columns, (cells) => {
    let code = cells.text("code", { required: true });
    if (code && !isCode(code)) {
      cells.fail("code", "invalid_value", `Код ${quote(code)} может содержать только латинские буквы, цифры и знаки - _ . :`);
      code = undefined;
    }
    if (code) {
      const first = firstRow.get(code.toLowerCase());
      if (first !== undefined) {
        cells.fail("code", "duplicate_code", `Код ${quote(code)} уже встречается в строке ${first}`);
        code = undefined;
      } else firstRow.set(code.toLowerCase(), cells.row);
    }
    const name = cells.text("name", { required: true }) || undefined;
    const list = cells.text("neighbours");
    let neighbours = list ? splitList(list) : undefined;
    if (neighbours) {
      const bad = neighbours.filter((n) => !isCode(n));
      if (bad.length) cells.fail("neighbours", "invalid_value", `Не коды муниципалитетов: ${bad.map(quote).join(", ")}. Перечислите коды через «;»`);
      if (code && neighbours.includes(code)) cells.fail("neighbours", "invalid_value", `Муниципалитет ${quote(code)} не может быть соседом самому себе`);
      neighbours = neighbours.filter((n) => isCode(n) && n !== code);
    }
    return { row: cells.row, code, name, neighbours };
  });
}

export function municipalityReferences(records: MunicipalityRecord[]): References {
  const codes = new Set<string>();
  for (const r of records) {
    if (r.code) codes.add(r.code);
    for (const n of r.neighbours ?? []) codes.add(n);
  }
  return { municipalities: [...codes], schools: [], emails: [] };
}

/** A code another region holds cannot be taken over; a neighbour must exist in the region or arrive with the file. */
export function checkMunicipalities(records: MunicipalityRecord[], known: Known): RowError[] {
  const errors: RowError[] = [];
  const inFile = new Set(records.map((r) => r.code).filter((c): c is string => !!c));
  for (const r of records) {
    if (r.code && known.foreignMunicipalities.has(r.code)) {
      errors.push({ row: r.row, field: "Код", code: "taken_code", message: `Код ${quote(r.code)} уже занят муниципалитетом другого региона: выберите другой` });
    }
    const unknown = (r.neighbours ?? []).filter((n) => !inFile.has(n) && !known.municipalities.has(n));
    if (unknown.length) {
      errors.push({
        row: r.row, field: "Соседи", code: "unknown_municipality",
        message: `${unknown.length === 1 ? "Муниципалитет" : "Муниципалитеты"} ${unknown.map(quote).join(", ")} не ${unknown.length === 1 ? "найден" : "найдены"} ни в регионе, ни в этом файле`,
      });
    }
  }
  return errors;
}

/** Every pair the file states, in both directions: a border has two sides. */
export function neighbourPairs(records: MunicipalityRecord[]): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const r of records) {
    for (const n of r.neighbours ?? []) {
      pairs.set(`${r.code}|${n}`, [r.code!, n]);
      pairs.set(`${n}|${r.code}`, [n, r.code!]);
    }
  }
  return [...pairs.values()];
}
