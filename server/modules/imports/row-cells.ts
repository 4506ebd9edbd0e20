// One row of an import file as the validators read it: cells by column key, the generic checks applied once. Pure.
import { COLUMNS, headerOf, type ColumnMap, type ImportKind } from "./import-columns.js";
import { cellProblem, type RowError, type RowErrorCode } from "./row-rules.js";
import type { Sheet, SheetRow } from "./spreadsheet-reader.js";

export class RowCells {
  constructor(
    private readonly kind: ImportKind,
    private readonly columns: ColumnMap,
    private readonly sheetRow: SheetRow,
    private readonly errors: RowError[],
  ) {}

  get row(): number { return this.sheetRow.row; }

  /** Whether the file has this column at all (an absent optional column leaves the stored value alone). */
  has(key: string): boolean { return this.columns.has(key); }

  /**
   * The cell's text once it passed the checks every cell obeys: "" when empty or absent, undefined
   * when it failed one (the error is already recorded). A required empty cell is an error too.
   */
  text(key: string, options: { required?: boolean; allowPhone?: boolean } = {}): string | undefined {
    const index = this.columns.get(key);
    const text = index === undefined ? "" : this.sheetRow.cells[index] ?? "";
    const problem = cellProblem(text, index !== undefined && this.sheetRow.formulas.has(index), options.allowPhone);
    if (problem) {
      this.fail(key, problem.code, problem.message);
      return undefined;
    }
    if (text === "" && options.required) {
      this.fail(key, "missing_field", `Не заполнено обязательное поле «${headerOf(this.kind, key)}»`);
      return undefined;
    }
    return text;
  }

  fail(key: string, code: RowErrorCode, message: string): void {
    this.errors.push({ row: this.sheetRow.row, field: headerOf(this.kind, key), code, message });
  }
}

export interface Parsed<R> { records: R[]; errors: RowError[] }

/** Runs `read` over every row of the sheet, collecting every error of every row. */
export function parseRows<R>(kind: ImportKind, sheet: Sheet, columns: ColumnMap, read: (cells: RowCells) => R): Parsed<R> {
  const errors: RowError[] = [];
  const records = sheet.rows.map((r) => read(new RowCells(kind, columns, r, errors)));
  return { records, errors };
}

/** Errors as a person fixes them: row by row, and within a row from left to right as the template orders the columns. */
export function sortErrors(kind: ImportKind, errors: RowError[]): RowError[] {
  const order = new Map(COLUMNS[kind].map((c, i) => [c.header, i]));
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.field ?? "") ?? -1) - (order.get(b.field ?? "") ?? -1));
}
