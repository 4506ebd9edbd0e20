// A school's climate as a table to download: one row per shown scale; a hidden group or scale is a row with no figure.
import type { Cell, Sheet } from "../../shared/spreadsheet.js";
import type { ClimateGroup } from "./climate-results.js";
import { AUDIENCE_TITLES } from "./climate-rounds.service.js";
import type { SchoolClimate } from "./climate-summary.js";

const BAND_LABELS = { favourable: "благоприятно", partly: "частично благоприятно", unfavourable: "неблагоприятно" } as const;

export function hiddenNote(reason: "small" | "complementary" | undefined, threshold: number): string {
  return reason === "complementary"
    ? "Скрыто, чтобы по итогам и другим группам нельзя было вычислить малую группу"
    : `Меньше ${threshold} ответов — результаты скрыты, чтобы сохранить анонимность`;
}

/** Rows of one group: its shown scales with the region's figure beside, or one row saying why there is no figure. */
function groupRows(g: ClimateGroup, threshold: number): Array<Record<string, Cell>> {
  const base = { audience: AUDIENCE_TITLES[g.audience], className: g.className ?? "", respondents: g.respondents };
  if (g.suppressed) return [{ ...base, note: hiddenNote(g.reason, threshold) }];
  return [
    ...g.scales.map((s) => ({
      ...base, scale: s.title, score: s.score, band: BAND_LABELS[s.band], scaleRespondents: s.respondents,
      regionScore: s.region?.score ?? null, regionBand: s.region ? BAND_LABELS[s.region.band] : "",
    })),
    ...g.hiddenScales.map((h) => ({ ...base, scale: h.title, note: hiddenNote(h.reason, threshold) })),
  ];
}

export function climateSheet(climate: SchoolClimate, schoolName: string): Sheet {
  const groups = [...climate.groups, ...(climate.classGroups ?? [])];
  return {
    name: "Климат школы",
    columns: [
      { header: "Школа", key: "school", width: 36 }, { header: "Кампания", key: "campaign", width: 36 },
      { header: "Группа", key: "audience", width: 14 }, { header: "Класс", key: "className", width: 8 },
      { header: "Ответили", key: "respondents", width: 10 }, { header: "Шкала", key: "scale", width: 40 },
      { header: "Балл школы (0–100)", key: "score", width: 14 }, { header: "Уровень", key: "band", width: 22 },
      { header: "Ответили по шкале", key: "scaleRespondents", width: 12 }, { header: "Балл региона", key: "regionScore", width: 12 },
      { header: "Уровень в регионе", key: "regionBand", width: 22 }, { header: "Примечание", key: "note", width: 60 },
    ],
    rows: groups.flatMap((g) => groupRows(g, climate.threshold)).map((r) => ({ school: schoolName, campaign: climate.campaign?.title ?? "", ...r })),
  };
}
