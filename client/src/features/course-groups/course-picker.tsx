// Choosing what to group for: a course (searchable, with candidate counts) or a deficit and then a course that addresses it.
import { useId, useMemo, useState } from "react";
import { plural } from "../../lib/format";
import type { CourseChoice } from "./course-groups-api";

export interface Pick { courseId: string; competencyId?: string | undefined }

const people = (n: number) => `${n} ${plural(n, ["кандидат", "кандидата", "кандидатов"])}`;

function matches(text: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hay = text.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function CoursePicker({ choice, value, onChange }: { choice: CourseChoice; value: Pick | null; onChange: (pick: Pick) => void }) {
  const [mode, setMode] = useState<"course" | "deficit">("course");
  const [query, setQuery] = useState("");
  const [showEmpty, setShowEmpty] = useState(false);
  const [deficit, setDeficit] = useState<string | null>(value?.competencyId ?? null);
  const id = useId();

  const titles = useMemo(() => new Map(choice.competencies.map((c) => [c.id, c.title])), [choice]);
  const courses = useMemo(() => {
    const list = choice.courses
      .filter((c) => (mode === "deficit" ? deficit !== null && c.competencies.includes(deficit) : true))
      .filter((c) => showEmpty || c.candidates > 0)
      .filter((c) => mode === "deficit" || matches(`${c.title} ${c.competencies.map((x) => titles.get(x) ?? "").join(" ")}`, query));
    return list.sort((a, b) => b.candidates - a.candidates || a.title.localeCompare(b.title, "ru"));
  }, [choice, mode, deficit, showEmpty, query, titles]);
  const deficits = useMemo(() => choice.competencies.filter((c) => c.people > 0 && matches(c.title, query))
    .sort((a, b) => b.people - a.people), [choice, query]);

  return (
    <div className="course-picker">
      <fieldset className="picker-mode">
        <legend>Подбирать</legend>
        <label><input type="radio" name={`${id}-mode`} checked={mode === "course"} onChange={() => { setMode("course"); setQuery(""); }} /> по курсу</label>
        <label><input type="radio" name={`${id}-mode`} checked={mode === "deficit"} onChange={() => { setMode("deficit"); setQuery(""); }} /> по дефициту</label>
      </fieldset>
      <div className="toolbar">
        <label className="field picker-search">
          <span>{mode === "course" ? "Поиск курса" : "Поиск дефицита"}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={mode === "course" ? "Название или тема" : "Например, «уравнения»"} />
        </label>
        <label className="picker-empty"><input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} /> показывать курсы без кандидатов</label>
      </div>

      {mode === "deficit" && (
        <fieldset className="checks checks-scroll picker-list">
          <legend>Дефицит</legend>
          {deficits.length === 0 && <p className="muted">Нет педагогов с такими дефицитами.</p>}
          {deficits.map((d) => (
            <label key={d.id}>
              <input type="radio" name={`${id}-deficit`} checked={deficit === d.id} onChange={() => setDeficit(d.id)} />
              <span className="picker-title">{d.title}</span>
              <span className="muted picker-count">{d.people} чел.</span>
            </label>
          ))}
        </fieldset>
      )}

      {(mode === "course" || deficit) && (
        <fieldset className="checks checks-scroll picker-list">
          <legend>{mode === "deficit" ? "Курсы, которые закрывают этот дефицит" : "Курс"}</legend>
          {courses.length === 0 && <p className="muted">Подходящих курсов нет.</p>}
          {courses.map((c) => (
            <label key={c.id}>
              <input type="radio" name={`${id}-course`} checked={value?.courseId === c.id}
                onChange={() => onChange({ courseId: c.id, competencyId: mode === "deficit" ? deficit ?? undefined : undefined })} />
              <span className="picker-title">{c.title} <span className="muted">· {c.hours} ч</span></span>
              <span className="picker-count">
                {people(c.candidates)}
                {c.grouped > 0 && <span className="muted"> · в группах {c.grouped}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
