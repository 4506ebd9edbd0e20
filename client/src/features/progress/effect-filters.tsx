// Filters of the effect page: the two waves to compare, a subject, a municipality (region-wide staff only).
import type { Campaign, EffectFilters } from "./effect-search";
import { formatDate, WAVE_LABELS } from "../../lib/format";
import { SUBJECTS } from "../../lib/subjects";

const label = (c: Campaign) => `${c.title} — ${WAVE_LABELS[c.wave] ?? c.wave}, с ${formatDate(c.startsOn)}`;

export function EffectFiltersForm(props: {
  filters: EffectFilters;
  onChange: (next: EffectFilters) => void;
  campaigns: Campaign[];
  municipalities: Array<{ id: string; name: string }> | null;
}) {
  const { filters, onChange } = props;
  const set = (key: keyof EffectFilters) => (e: React.ChangeEvent<HTMLSelectElement>) => onChange({ ...filters, [key]: e.target.value });
  const usable = props.campaigns.filter((c) => c.status !== "planned").sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  return (
    <form className="form-grid effect-filters" aria-label="Условия сравнения волн" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>Первая волна</span>
        <select value={filters.from} onChange={set("from")} required>
          <option value="">Выберите кампанию</option>
          {usable.map((c) => <option key={c.id} value={c.id}>{label(c)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Вторая волна</span>
        <select value={filters.to} onChange={set("to")} required>
          <option value="">Выберите кампанию</option>
          {usable.map((c) => <option key={c.id} value={c.id} disabled={c.id === filters.from}>{label(c)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Предмет</span>
        <select value={filters.subject} onChange={set("subject")}>
          <option value="">Все предметы и управленческая диагностика</option>
          {SUBJECTS.map((s) => <option key={s.code} value={s.code}>{s.title}</option>)}
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
    </form>
  );
}
