// The region registry's rows from the region's view, its filters, and its table for download. Pure.
import { CLUSTERS, clusterTitle } from "../../shared/labels.js";
import type { Sheet } from "../../shared/spreadsheet.js";
import type { ClimateGroup as ClimateView } from "../climate/climate-results.js";
import type { FactsSchool, SchoolFacts } from "./region-facts.js";
import { RISK_FACTORS } from "./risk-profile.js";
import { registryClimate } from "./school-climate.js";
import type { RegistryFilter, RegistryRow } from "./school-profile.schemas.js";

export interface RegistrySource {
  schools: ReadonlyArray<FactsSchool & { municipalityName: string }>;
  facts: ReadonlyMap<string, SchoolFacts>;
  climate: ReadonlyMap<string, readonly ClimateView[]>;
  coverage: ReadonlyMap<string, { assigned: number; started: number; submitted: number }>;
}

export function registryRows(source: RegistrySource): RegistryRow[] {
  return source.schools.map((s) => {
    const f = source.facts.get(s.id);
    const c = source.coverage.get(s.id);
    return {
      schoolId: s.id, name: s.name, shortName: s.shortName, municipalityId: s.municipalityId, municipalityName: s.municipalityName,
      index: f?.index ? { value: f.index.value, rank: f.index.rank, of: f.index.of, scaled: f.index.scaled } : null,
      clusters: f?.clusters.map((x) => x.code) ?? [],
      risks: f?.risks.map((r) => ({ id: r.id, level: r.level })) ?? [],
      coverage: { assigned: c?.assigned ?? 0, started: c?.started ?? 0, submitted: c?.submitted ?? 0 },
      climate: registryClimate(source.climate.get(s.id) ?? []),
    };
  });
}

/**
 * `risk` alone: schools where that factor is medium or high; with `level`: at exactly that level;
 * `level` alone: schools with any factor at that level.
 */
export function filterRegistry(rows: readonly RegistryRow[], f: Omit<RegistryFilter, "municipalityId"> & { municipalityId?: string | null }): RegistryRow[] {
  return rows.filter((r) => {
    if (f.municipalityId && r.municipalityId !== f.municipalityId) return false;
    if (f.cluster && !r.clusters.includes(f.cluster)) return false;
    if (f.risk) {
      const level = r.risks.find((x) => x.id === f.risk)?.level;
      return f.level ? level === f.level : level === "medium" || level === "high";
    }
    return !f.level || r.risks.some((x) => x.level === f.level);
  });
}

const collator = new Intl.Collator("ru", { numeric: true });
/** Ranked schools first (rank 1 = the most favourable conditions), then those without an index by municipality and name. */
export function sortRegistry(rows: readonly RegistryRow[]): RegistryRow[] {
  return [...rows].sort((a, b) => (a.index && b.index ? a.index.rank - b.index.rank || collator.compare(a.name, b.name)
    : a.index ? -1 : b.index ? 1 : collator.compare(a.municipalityName, b.municipalityName) || collator.compare(a.name, b.name)));
}

export const LEVEL_WORDS: Record<string, string> = { low: "низкий", medium: "средний", high: "высокий", unknown: "нет данных" };
const AUDIENCE_WORDS: Record<string, string> = { teacher: "педагоги", student: "обучающиеся", parent: "родители" };

/**
 * The registry as a table. Climate: respondents per audience and the favourable share of the shown
 * scales; a group below the threshold (or hidden as a complement) has only its count and «скрыто».
 */
export function registrySheet(rows: readonly RegistryRow[], threshold: number): Sheet {
  const columns = [
    { header: "Муниципалитет", key: "municipality", width: 26 }, { header: "Школа", key: "name", width: 44 },
    { header: "Индекс благополучия", key: "index", width: 12 }, { header: "Место в регионе", key: "rank", width: 10 },
    { header: "Кластеры", key: "clusters", width: 50 },
    ...RISK_FACTORS.map((r) => ({ header: r.title, key: `risk:${r.id}`, width: 16 })),
    { header: "Назначено диагностик (человек)", key: "assigned", width: 14 }, { header: "Прошли все", key: "submitted", width: 12 },
    ...(["teacher", "student", "parent"] as const).map((a) => ({ header: `Климат: ответили (${AUDIENCE_WORDS[a]})`, key: `climate:${a}`, width: 14 })),
    { header: "Климат: доля благоприятных шкал, %", key: "favourable", width: 16 },
    { header: "Примечание о климате", key: "note", width: 60 },
  ];
  return {
    name: "Реестр школ",
    columns,
    rows: rows.map((r) => {
      const hidden = r.climate.audiences.filter((a) => a.suppressed && a.respondents > 0).map((a) => AUDIENCE_WORDS[a.audience]);
      return {
        municipality: r.municipalityName, name: r.name,
        index: r.index?.value ?? null, rank: r.index ? `${r.index.rank} из ${r.index.of}` : "",
        clusters: r.clusters.map(clusterTitle).join("; "),
        ...Object.fromEntries(RISK_FACTORS.map((f) => [`risk:${f.id}`, LEVEL_WORDS[r.risks.find((x) => x.id === f.id)?.level ?? "unknown"]])),
        assigned: r.coverage.assigned, submitted: r.coverage.submitted,
        ...Object.fromEntries(r.climate.audiences.map((a) => [`climate:${a.audience}`, a.respondents])),
        // Only shown scales count; a row with none shows no figure at all.
        favourable: r.climate.favourableShare,
        note: hidden.length ? `Результаты скрыты (${hidden.join(", ")}): меньше ${threshold} ответов или скрыто, чтобы малую группу нельзя было вычислить` : "",
      };
    }),
  };
}

export const CLUSTER_OPTIONS = CLUSTERS.map((c) => ({ code: c.code, title: c.title }));
export const RISK_OPTIONS = RISK_FACTORS.map((r) => ({ id: r.id, title: r.title }));
