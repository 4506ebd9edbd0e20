// A searchable multi-select of checkboxes (municipalities, schools): chosen items as removable chips, long lists cut short.
import { useId, useMemo, useState, type ReactNode } from "react";

export interface PickerOption { id: string; label: string; hint?: string }

const SHOWN = 200;

export function MultiPicker(props: {
  legend: string;
  options: readonly PickerOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  /** More filters beside the search (a municipality for schools, say), already applied to `options`. */
  filters?: ReactNode;
  loading?: boolean;
}) {
  const { options, selected, onChange } = props;
  const id = useId();
  const [search, setSearch] = useState("");
  const chosen = useMemo(() => new Set(selected), [selected]);
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const found = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return options;
    return options.filter((o) => {
      const text = `${o.label} ${o.hint ?? ""}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [options, search]);
  const shown = found.slice(0, SHOWN);

  const toggle = (key: string) => onChange(chosen.has(key) ? selected.filter((s) => s !== key) : [...selected, key]);
  const addFound = () => onChange([...new Set([...selected, ...found.map((o) => o.id)])]);

  return (
    <fieldset className="checks picker" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {selected.length > 0 && (
        <ul className="picker-chosen" aria-label={`Выбрано: ${selected.length}`}>
          {selected.map((key) => {
            const label = byId.get(key)?.label ?? key;
            return (
              <li key={key} className="tag picker-chip">
                {label}
                <button type="button" className="picker-remove" onClick={() => toggle(key)} aria-label={`Убрать «${label}»`}>×</button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="picker-filters">
        <label className="field">
          <span>Поиск</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Начните вводить название" />
        </label>
        {props.filters}
      </div>
      {props.loading ? <p className="muted">Загрузка списка…</p> : (
        <>
          <div className="checks-scroll" role="group" aria-label={`${props.legend}: найдено ${found.length}`}>
            {shown.length === 0 && <p className="muted">Ничего не найдено</p>}
            {shown.map((o) => (
              <label key={o.id}>
                <input type="checkbox" checked={chosen.has(o.id)} onChange={() => toggle(o.id)} />
                <span>{o.label}{o.hint && <small className="muted"> · {o.hint}</small>}</span>
              </label>
            ))}
          </div>
          <div className="picker-actions">
            {found.length > SHOWN && <span className="muted">Показаны первые {SHOWN} из {found.length}: уточните поиск</span>}
            {found.length > 0 && found.length <= 1000 && (
              <button type="button" className="button button-ghost-dark" onClick={addFound}>
                {search.trim() ? `Выбрать найденные (${found.length})` : `Выбрать все (${found.length})`}
              </button>
            )}
            {selected.length > 0 && <button type="button" className="button button-ghost-dark" onClick={() => onChange([])}>Снять выбор</button>}
          </div>
        </>
      )}
      {props.error && <p className="field-error" id={`${id}-error`}>{props.error}</p>}
    </fieldset>
  );
}
