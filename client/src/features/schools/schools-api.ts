// Typed calls of the school pages: a school's profile and the region registry with its export; the words they show.
import type { Static } from "@sinclair/typebox";
import type { RegistrySchema, SchoolProfileSchema } from "../../../../server/modules/schools/school-profile.schemas";
import { apiDownload, apiRequest } from "../../lib/api";

export type SchoolProfile = Static<typeof SchoolProfileSchema>;
export type Registry = Static<typeof RegistrySchema>;
export type RegistryRow = Registry["schools"][number];
export type RiskLevel = SchoolProfile["risks"][number]["level"];
export type ClimateGroup = SchoolProfile["climate"][number];

export interface RegistryFilters { municipalityId: string; cluster: string; risk: string; level: string }
export const NO_FILTERS: RegistryFilters = { municipalityId: "", cluster: "", risk: "", level: "" };
const KEYS = ["municipalityId", "cluster", "risk", "level"] as const;

export function filtersFromSearch(search: string): RegistryFilters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as RegistryFilters;
}

/** The query string of the filters that are set, in a fixed order (equal filters load once). */
export function searchOf(filters: RegistryFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filters[k]) params.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export const schoolsApi = {
  profile: (schoolId: string) => apiRequest<SchoolProfile>("GET", `/api/schools/${encodeURIComponent(schoolId)}/profile`),
  registry: (filters: RegistryFilters) => apiRequest<Registry>("GET", `/api/schools/registry${searchOf(filters) ? `?${searchOf(filters)}` : ""}`),
  exportRegistry: (filters: RegistryFilters) => apiDownload(`/api/schools/registry/export?${searchOf(filters, { format: "xlsx" })}`),
  municipalities: () => apiRequest<Array<{ id: string; name: string }>>("GET", "/api/municipalities"),
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: "Высокий", medium: "Средний", low: "Низкий", unknown: "Нет данных" };
export const AUDIENCE_LABELS: Record<ClimateGroup["audience"], string> = { teacher: "Педагоги", student: "Обучающиеся", parent: "Родители" };
export const BAND_LABELS: Record<string, string> = { favourable: "Благоприятно", partly: "Частично благоприятно", unfavourable: "Неблагоприятно" };
export const BAND_COLORS: Record<string, string> = { favourable: "#2f7d4f", partly: "#b7791f", unfavourable: "#b3361f" };

/** 12.3 → «12,3»; negative numbers with a proper minus. */
export const decimal = (n: number, digits = 1) => n.toFixed(digits).replace(".", ",").replace("-", "−");

export function hiddenText(reason: "small" | "complementary" | undefined, threshold: number, respondents: number): string {
  if (respondents === 0) return "Ответов пока нет.";
  return reason === "complementary"
    ? "Результаты скрыты, чтобы по итогам региона и других школ нельзя было вычислить ответы малой группы."
    : `Меньше ${threshold} ответов — результаты скрыты, чтобы сохранить анонимность.`;
}
