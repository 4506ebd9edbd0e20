// The effect report as one downloadable table: a row per group and area, hidden figures left empty with the reason. Pure.
import type { Sheet } from "../../shared/spreadsheet.js";
import type { EffectReport } from "./effect.schemas.js";

const BREAKDOWNS = [
  { key: "total", title: "Итого" },
  { key: "byCourse", title: "По курсам" },
  { key: "byMentoring", title: "Наставничество" },
  { key: "byMunicipality", title: "По муниципалитетам" },
] as const;

const oneDecimal = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
const percentOf = (share: number | undefined) => (share === undefined ? null : Math.round(share * 1000) / 10);

export function effectSheet(report: EffectReport): Sheet {
  const areaTitle = new Map(report.areas.map((a) => [a.id, a.title]));
  const rows = BREAKDOWNS.flatMap(({ key, title }) => {
    const list = key === "total" ? [report.total] : report[key];
    return list.flatMap((row) => row.cells.map((cell) => ({
      breakdown: title,
      group: row.title,
      area: areaTitle.get(cell.area) ?? cell.area,
      n: cell.suppressed ? null : cell.n ?? 0,
      mean: oneDecimal(cell.mean),
      low: oneDecimal(cell.low),
      high: oneDecimal(cell.high),
      growth: percentOf(cell.growthShare),
      decline: percentOf(cell.declineShare),
      note: cell.suppressed
        ? cell.reason === "small" ? `Скрыто: меньше ${report.threshold} человек` : "Скрыто, чтобы группу нельзя было вычислить вычитанием"
        : cell.n === 0 ? "Нет участников обеих волн" : cell.n !== undefined && cell.low === undefined ? "Один человек: интервала нет" : "",
    })));
  });
  return {
    name: "Эффект между волнами",
    columns: [
      { header: "Разрез", key: "breakdown", width: 20 },
      { header: "Группа", key: "group", width: 48 },
      { header: "Компетенции", key: "area", width: 20 },
      { header: "Человек", key: "n", width: 10 },
      { header: "Среднее изменение, п. п.", key: "mean", width: 16 },
      { header: "95% ДИ: от", key: "low", width: 12 },
      { header: "95% ДИ: до", key: "high", width: 12 },
      { header: "Надёжный рост, %", key: "growth", width: 14 },
      { header: "Надёжное снижение, %", key: "decline", width: 16 },
      { header: "Примечание", key: "note", width: 44 },
    ],
    rows,
  };
}

/** «effekt-<from>-<to>»: ids are ASCII already. */
export const effectFileName = (report: EffectReport) => `effekt-${report.from.id}-${report.to.id}`;
