// Reads an uploaded CSV or XLSX into a header and rows of trimmed text, numbered as Excel shows them. Pure.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { badRequest } from "../../shared/app-error.js";

export const MAX_ROWS = 100_000;

export interface SheetRow {
  /** The row number a person sees in Excel (the header is row 1 in a template). */
  row: number;
  cells: string[];
  /** Columns whose cell is a formula in the workbook (CSV has none: its text is checked instead). */
  formulas: ReadonlySet<number>;
}

export interface Sheet {
  format: "csv" | "xlsx";
  header: string[];
  rows: SheetRow[];
}

const NO_FORMULAS: ReadonlySet<number> = new Set();

const unsupported = (detail: string) =>
  badRequest(`${detail} Загрузите таблицу в формате XLSX или CSV (можно скачать шаблон).`, "unsupported_file");

/** What the bytes are, whatever the file is called: XLSX is a ZIP (PK), CSV is text. */
export function sniffFormat(bytes: Uint8Array): "xlsx" | "csv" {
  if (bytes.length === 0) throw badRequest("Файл пустой.", "empty_file");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw unsupported("Это файл Excel старого формата (XLS): откройте его в Excel и сохраните как «Книга Excel (XLSX)».");
  }
  if (startsWith(bytes, "%PDF")) throw unsupported("Это PDF-документ, а не таблица.");
  return "csv";
}

export async function readSpreadsheet(bytes: Uint8Array): Promise<Sheet> {
  const sheet = sniffFormat(bytes) === "xlsx" ? await readXlsx(bytes) : readCsv(decodeText(bytes));
  if (!sheet.header.some((h) => h !== "")) throw badRequest("В файле нет ни заголовков, ни данных.", "empty_file");
  if (sheet.rows.length === 0) throw badRequest("В файле только заголовки: нет ни одной строки с данными.", "empty_file");
  if (sheet.rows.length > MAX_ROWS) {
    throw badRequest(`В файле ${sheet.rows.length} строк, а за один раз можно загрузить не больше ${MAX_ROWS}: разделите файл на части.`, "too_many_rows");
  }
  return sheet;
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  return [...ascii].every((ch, i) => bytes[i] === ch.charCodeAt(0));
}

/**
 * Text of a CSV: UTF-8 (with or without BOM), UTF-16 as Excel's «Unicode text» saves it, or Windows-1251
 * as older Excel saves «CSV (разделители — запятые)». Anything with NUL bytes is not text.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw unsupported("Файл не похож на таблицу: в нём двоичные данные.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("windows-1251").decode(body);
  }
}

/** The delimiter the header line uses most, outside quotes: semicolon (Russian Excel), comma or tab. */
export function detectDelimiter(text: string): ";" | "," | "\t" {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (counts[";"] + counts[","] + counts["\t"] > 0) break;
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[";"] >= counts[","] && counts[";"] > 0 ? ";" : ",";
}

export const cleanCell = (value: string): string => value.replace(/\s+/g, " ").trim();

export function readCsv(text: string): Sheet {
  let records: string[][];
  try {
    records = parse(text.replace(/^\ufeff/, ""), {
      delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw unsupported(`Не удалось прочитать CSV${line ? ` (строка ${line})` : ""}: проверьте кавычки.`);
  }
  return toSheet("csv", records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell), formulas: NO_FORMULAS })));
}

/** The first non-empty row is the header; rows with no text at all are skipped but keep their numbers. */
function toSheet(format: Sheet["format"], all: SheetRow[]): Sheet {
  const filled = all.filter((r) => r.cells.some((c) => c !== ""));
  const [first, ...rows] = filled;
  return { format, header: first?.cells ?? [], rows };
}

type CellValue = ExcelJS.CellValue;

/** The text a person sees in a cell; a formula's cached result, rich text joined, a link's text. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "да" : "нет";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ("hyperlink" in value) return cellText((value as { text: CellValue }).text);
  if ("error" in value) return String(value.error);
  return "";
}

const isFormula = (value: CellValue): boolean =>
  typeof value === "object" && value !== null && !(value instanceof Date) && ("formula" in value || "sharedFormula" in value);

export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw unsupported("Не удалось открыть книгу Excel: файл повреждён или это не XLSX.");
  }
  // The template's second sheet explains the columns; the data is on the first other sheet.
  const ws = workbook.worksheets.find((w) => w.name.trim().toLowerCase() !== "инструкция");
  if (!ws) throw badRequest("В книге нет листа с данными.", "empty_file");
  if (ws.actualRowCount > MAX_ROWS + 1) {
    throw badRequest(`На листе ${ws.actualRowCount} строк, а за один раз можно загрузить не больше ${MAX_ROWS}: разделите файл на части.`, "too_many_rows");
  }
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const formulas = new Set<number>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cleanCell(cellText(cell.value));
      if (isFormula(cell.value)) formulas.add(column - 1);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    rows.push({ row: row.number, cells, formulas: formulas.size ? formulas : NO_FORMULAS });
  });
  return toSheet("xlsx", rows);
}
