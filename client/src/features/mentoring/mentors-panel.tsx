// The mentor pool: places and load of every mentor, places editable (methodologists, admins).
import { useMemo, useState } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { mentoringApi, type Mentor } from "./mentoring-api";
import { subjectsText } from "./mentoring-labels";

function CapacityEditor({ mentor, onSaved }: { mentor: Mentor; onSaved: (m: Mentor) => void }) {
  const [value, setValue] = useState(String(mentor.capacity));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 30) { setError("От 0 до 30"); return; }
    setBusy(true);
    setError(null);
    try {
      onSaved(await mentoringApi.setCapacity(mentor.id, n));
    } catch (e) {
      setError(e instanceof Error ? e.message : "Не сохранено");
    } finally {
      setBusy(false);
    }
  };
  const id = `capacity-${mentor.id}`;
  return (
    <form className="capacity-editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label htmlFor={id} className="visually-hidden">Мест у наставника {mentor.name}</label>
      <input id={id} type="number" min={0} max={30} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} />
      <button type="submit" className="button button-ghost-dark button-small" disabled={busy || value === String(mentor.capacity)}>Сохранить</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </form>
  );
}

export function MentorsPanel({ mentors, error, reload, onSaved }: { mentors: Mentor[] | null; error: unknown; reload: () => void; onSaved: (m: Mentor) => void }) {
  const columns = useMemo<Array<Column<Mentor>>>(() => [
    { key: "name", header: "Наставник", value: (m) => m.name, render: (m) => <>{m.name}{!m.active && <span className="tag tag-risk">не работает</span>}</> },
    { key: "subjects", header: "Предметы", value: (m) => subjectsText(m.subjects) },
    { key: "school", header: "Школа", value: (m) => m.schoolName, render: (m) => <>{m.schoolName ?? "—"}{m.highResults && <><br /><span className="tag">высокие результаты</span></>}</> },
    { key: "municipality", header: "Муниципалитет", value: (m) => m.municipalityName },
    { key: "load", header: "Наставляемых", value: (m) => m.load, numeric: true, render: (m) => `${m.load} из ${m.capacity}` },
    { key: "free", header: "Свободно", value: (m) => Math.max(0, m.capacity - m.load), numeric: true },
    { key: "capacity", header: "Мест", value: (m) => m.capacity, sortable: false, render: (m) => <CapacityEditor key={`${m.id}-${m.capacity}`} mentor={m} onSaved={onSaved} /> },
  ], [onSaved]);
  return (
    <Panel id="mentors" title="Пул наставников">
      <p className="muted">Наставник берёт до 3 наставляемых, если не задано иное. Число мест нельзя сделать меньше числа текущих пар.</p>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !mentors ? <Loading /> : (
        <DataTable rows={mentors} columns={columns} rowKey={(m) => m.id} caption="Пул наставников" exportName="nastavniki.csv"
          initialSort={{ key: "free", direction: "desc" }} pageSize={25} emptyText="В пуле нет наставников: назначьте роль «наставник» при импорте сотрудников." />
      )}
    </Panel>
  );
}
