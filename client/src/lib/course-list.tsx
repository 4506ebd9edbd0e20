// Recommended courses: what each is, how long, in what format, and in words why it is recommended.
import { FORMAT_LABELS, plural } from "./format";

export interface CourseItem { id: string; title: string; hours: number; format: string; reason: string; description?: string }

export function CourseList({ courses }: { courses: CourseItem[] }) {
  if (courses.length === 0) return <p className="muted">Рекомендованных курсов нет: дефицитов не выявлено.</p>;
  return (
    <ul className="course-list">
      {courses.map((c) => (
        <li key={c.id} className="course">
          <h3>{c.title}</h3>
          <p className="course-meta">{c.hours} {plural(c.hours, ["час", "часа", "часов"])} · {FORMAT_LABELS[c.format] ?? c.format}</p>
          <p className="course-reason">{c.reason}</p>
          {c.description && <p className="course-description">{c.description}</p>}
        </li>
      ))}
    </ul>
  );
}
