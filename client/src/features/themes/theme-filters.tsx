// Filters of the training themes: campaign, subject, municipality (region-wide staff only) and cluster, kept in the address.
import type { Static } from "@sinclair/typebox";
import type { CampaignSchema } from "../../../../server/modules/campaigns/campaigns.schemas";
import { WAVE_LABELS } from "../../lib/format";

export type Campaign = Static<typeof CampaignSchema>;

export interface Filters { campaignId: string; subject: string; municipalityId: string; cluster: string }
export const NO_FILTERS: Filters = { campaignId: "", subject: "", municipalityId: "", cluster: "" };

const KEYS = ["campaignId", "subject", "municipalityId", "cluster"] as const;

export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as Filters;
}

/** The query string of the filters that are set, in a fixed order (so that equal filters load once). */
export function searchOf(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filters[k]) params.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

interface Option { code: string; title: string }

export function ThemeFilters(props: {
  filters: Filters;
  onChange: (next: Filters) => void;
  campaigns: Campaign[];
  subjects: Option[];
  clusters: Option[];
  /** Null for a municipal coordinator: their figures are their municipality's anyway. */
  municipalities: Array<{ id: string; name: string }> | null;
}) {
  const { filters, onChange } = props;
  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLSelectElement>) => onChange({ ...filters, [key]: e.target.value });
  return (
    <form className="form-grid themes-filters" aria-label="Фильтры тем обучения" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>Кампания</span>
        <select value={filters.campaignId} onChange={set("campaignId")}>
          <option value="">Последние результаты каждого</option>
          {props.campaigns.map((c) => <option key={c.id} value={c.id}>{c.title} ({WAVE_LABELS[c.wave] ?? c.wave})</option>)}
        </select>
      </label>
      <label className="field">
        <span>Предмет</span>
        <select value={filters.subject} onChange={set("subject")}>
          <option value="">Все предметы</option>
          {props.subjects.map((s) => <option key={s.code} value={s.code}>{s.title}</option>)}
        </select>
      </label>
      {props.municipalities && (
        <label className="field">
          <span>Муниципалитет</span>
          <select value={filters.municipalityId} onChange={set("municipalityId")}>
            <option value="">Весь регион</option>
            {props.municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      )}
      <label className="field">
        <span>Кластер школ</span>
        <select value={filters.cluster} onChange={set("cluster")}>
          <option value="">Все школы</option>
          {props.clusters.map((c) => <option key={c.code} value={c.code}>{c.title}</option>)}
        </select>
      </label>
      {KEYS.some((k) => filters[k]) && (
        <div className="field themes-reset">
          <button type="button" className="button button-ghost-dark" onClick={() => onChange({ ...filters, campaignId: "", subject: "", municipalityId: "", cluster: "" })}>
            Сбросить фильтры
          </button>
        </div>
      )}
    </form>
  );
}
