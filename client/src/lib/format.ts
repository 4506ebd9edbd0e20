// Formatting for people: Russian dates, percents, plural forms, and the words for levels and formats.
import type { Level } from "./api";

const dateFormat = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric" });
const dayFormat = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("ru-RU", { hour: "2-digit", minute: "2-digit" });

/** A moment in the viewer's time zone; a calendar day ("2026-10-01") as that day wherever the viewer is. */
export const formatDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayFormat.format(new Date(`${iso}T00:00:00Z`)) : dateFormat.format(new Date(iso)));
export const formatTime = (date: Date) => timeFormat.format(date);
export const formatPercent = (value: number) => `${Math.round(value)}%`;
/** Points: whole numbers as they are, partial credit to one decimal with a comma (6,7). */
export const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(".", ","));

/** plural(5, ["вопрос", "вопроса", "вопросов"]) → "вопросов" */
export function plural(n: number, forms: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

export const LEVEL_LABELS: Record<Level, string> = {
  deficit: "Дефицит",
  partial: "Частично освоено",
  proficient: "Освоено",
};

export const LEVEL_COLORS: Record<Level, string> = {
  deficit: "#b3361f",
  partial: "#b7791f",
  proficient: "#2f7d4f",
};

export const FORMAT_LABELS: Record<string, string> = {
  "in-person": "очно",
  distance: "дистанционно",
  blended: "смешанный формат",
  internship: "стажировка",
};

export const WAVE_LABELS: Record<string, string> = {
  input: "входная диагностика",
  intermediate: "промежуточная диагностика",
  final: "итоговая диагностика",
};

/** "1:05:09" or "05:09" from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** A CSV file people open in Excel: UTF-8 with BOM, semicolons, quoted cells. */
export function downloadCsv(fileName: string, rows: Array<Array<string | number>>): void {
  // Text starting with = + - @ would run as a formula in a spreadsheet: an apostrophe keeps it text
  // (numbers, negative ones included, stay numbers).
  const cell = (v: string | number) => {
    const text = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return `"${text.replace(/"/g, '""')}"`;
  };
  const text = "\ufeff" + rows.map((r) => r.map(cell).join(";")).join("\r\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
