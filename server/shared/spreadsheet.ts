// Tables people download: XLSX through exceljs, CSV that Excel opens (UTF-8 BOM, semicolons), sent as files.
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

export type Cell = string | number | boolean | null | undefined | Date;

export interface SheetColumn { header: string; key: string; width?: number }
export interface Sheet { name: string; columns: SheetColumn[]; rows: Array<Record<string, Cell>> }

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** A workbook with one sheet per table: bold frozen header, column widths, autofilter. */
export async function xlsxBuffer(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Ориентир";
  for (const sheet of sheets) {
    // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.min(60, Math.max(10, c.header.length + 2)) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of sheet.rows) ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, row[c.key] ?? null])));
    if (sheet.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A cell that starts with = + - @ (or a tab or carriage return) is a formula to a spreadsheet:
 * prefixed with an apostrophe so that a name in a downloaded list can never run as one.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvText(sheet: Sheet): string {
  const cell = (v: Cell) => {
    if (v === null || v === undefined) return "";
    const text = v instanceof Date ? v.toISOString() : typeof v === "string" ? neutralizeFormula(v) : String(v);
    return `"${text.replace(/"/g, '""')}"`;
  };
  const lines = [sheet.columns.map((c) => cell(c.header)).join(";"), ...sheet.rows.map((r) => sheet.columns.map((c) => cell(r[c.key])).join(";"))];
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** Sends a file download with a Russian file name that every browser keeps. */
export function sendDownload(reply: FastifyReply, body: Buffer | string, fileName: string, contentType: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return reply
    .header("content-type", contentType)
    .header("content-disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

/** One table as the format asked for: XLSX (default) or CSV. */
export async function sendTable(reply: FastifyReply, sheet: Sheet, baseName: string, format: "xlsx" | "csv" = "xlsx") {
  if (format === "csv") return sendDownload(reply, csvText(sheet), `${baseName}.csv`, CSV_TYPE);
  return sendDownload(reply, await xlsxBuffer([sheet]), `${baseName}.xlsx`, XLSX_TYPE);
}
