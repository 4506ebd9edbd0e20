// Typed calls of the climate section: rounds and their codes (shown once), a school's results, the region's overview and α.
import type { Static } from "@sinclair/typebox";
import type { IssuedSchema, MoreCodesBody, OpenRoundBody, RoundSchema } from "../../../../server/modules/climate/climate-rounds.schemas";
import type { RegionOverviewSchema, ReliabilitySchema, SchoolClimateSchema } from "../../../../server/modules/climate/climate-results.schemas";
import { apiDownload, apiRequest } from "../../lib/api";

export type Round = Static<typeof RoundSchema>;
export type Issued = Static<typeof IssuedSchema>;
export type OpenRound = Static<typeof OpenRoundBody>;
export type MoreCodes = Static<typeof MoreCodesBody>;
export type SchoolClimate = Static<typeof SchoolClimateSchema>;
export type ClimateGroup = SchoolClimate["groups"][number];
export type RegionOverview = Static<typeof RegionOverviewSchema>;
export type Reliability = Static<typeof ReliabilitySchema>;
export type Audience = Round["audience"];
export type Band = ClimateGroup["scales"][number]["band"];

export const AUDIENCES: Audience[] = ["teacher", "student", "parent"];
export const AUDIENCE_LABELS: Record<Audience, string> = { teacher: "Педагоги", student: "Обучающиеся", parent: "Родители" };
export const AUDIENCE_FOR: Record<Audience, string> = { teacher: "для педагогов", student: "для обучающихся", parent: "для родителей" };
export const BAND_LABELS: Record<Band, string> = { favourable: "Благоприятно", partly: "Частично благоприятно", unfavourable: "Неблагоприятно" };
export const BAND_COLORS: Record<Band, string> = { favourable: "#2f7d4f", partly: "#b7791f", unfavourable: "#b3361f" };

const q = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  return search.size ? `?${search}` : "";
};

export const climateApi = {
  rounds: (schoolId: string) => apiRequest<Round[]>("GET", `/api/climate-rounds${q({ schoolId })}`),
  open: (body: OpenRound) => apiRequest<Issued>("POST", "/api/climate-rounds", body),
  more: (roundId: string, body: MoreCodes) => apiRequest<Issued>("POST", `/api/climate-rounds/${roundId}/codes`, body),
  close: (roundId: string) => apiRequest<Round>("POST", `/api/climate-rounds/${roundId}/close`),
  /** The codes just issued, as printable slips or a list: the server keeps no code in clear, so the page sends them back. */
  sheet: (roundId: string, codes: string[], format: "pdf" | "xlsx") => apiDownload(`/api/climate-rounds/${roundId}/sheet`, { codes, format }),
  school: (schoolId: string, filter: { audience?: Audience; className?: string } = {}) =>
    apiRequest<SchoolClimate>("GET", `/api/schools/${encodeURIComponent(schoolId)}/climate${q({ audience: filter.audience, class: filter.className })}`),
  exportSchool: (schoolId: string) => apiDownload(`/api/schools/${encodeURIComponent(schoolId)}/climate/export`),
  region: (municipalityId?: string) => apiRequest<RegionOverview>("GET", `/api/climate/schools${q({ municipalityId })}`),
  reliability: () => apiRequest<Reliability>("GET", "/api/climate/reliability"),
};

/** «Меньше 5 ответов — результаты скрыты…» or why a bigger group is hidden too. */
export function hiddenText(reason: "small" | "complementary" | undefined, threshold: number): string {
  return reason === "complementary"
    ? "Результаты скрыты, чтобы по итогам региона и других групп нельзя было вычислить ответы малой группы"
    : `Меньше ${threshold} ответов — результаты скрыты, чтобы сохранить анонимность`;
}
