// The school's people and what to do: the team's deficits, the leader's profile, courses and partner schools, the teachers.
import { useAuth } from "../../app/auth";
import { Link } from "../../app/router";
import { CompetencyChart } from "../../lib/competency-chart";
import { CourseList } from "../../lib/course-list";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate, formatPercent, plural } from "../../lib/format";
import { subjectsText, subjectTitle } from "../../lib/subjects";
import { Panel } from "../../lib/ui";
import type { SchoolProfile } from "./schools-api";

type SubjectRow = SchoolProfile["deficits"]["bySubject"][number];
type MethodRow = SchoolProfile["deficits"]["methods"][number];
type TeacherRow = NonNullable<SchoolProfile["teacherList"]>[number];

const share = (part: number, whole: number) => (whole ? formatPercent((100 * part) / whole) : "—");

const SUBJECT_COLUMNS: Array<Column<SubjectRow>> = [
  { key: "title", header: "Предмет", value: (r) => r.title },
  { key: "tested", header: "Прошли тест", value: (r) => r.tested, numeric: true },
  { key: "withDeficits", header: "С дефицитами", value: (r) => r.withDeficits, numeric: true, render: (r) => `${r.withDeficits} (${share(r.withDeficits, r.tested)})` },
  {
    key: "topics", header: "Самые частые темы", sortable: false,
    value: (r) => r.competencies.filter((c) => c.deficit > 0).slice(0, 3).map((c) => `${c.title} — ${c.deficit}`).join("; ") || "дефицитов нет",
  },
];
const METHOD_COLUMNS: Array<Column<MethodRow>> = [
  { key: "title", header: "Методическая компетенция", value: (r) => r.title },
  { key: "tested", header: "Измерено", value: (r) => r.tested, numeric: true },
  { key: "deficit", header: "Дефицит", value: (r) => r.deficit, numeric: true, render: (r) => `${r.deficit} (${share(r.deficit, r.tested)})` },
  { key: "partial", header: "Частично", value: (r) => r.partial, numeric: true },
];

export function DeficitsPanel({ profile }: { profile: SchoolProfile }) {
  const { teachers, deficits } = profile;
  return (
    <Panel id="deficits" title="Педагоги: дефициты по предметам и компетенциям">
      {teachers.tested === 0 ? <p className="muted">Педагоги школы ещё не проходили предметные тесты: сводки пока нет.</p> : (
        <>
          <p>Прошли диагностику <strong>{teachers.tested}</strong> из {teachers.total} {plural(teachers.total, ["педагога", "педагогов", "педагогов"])};
            хотя бы один дефицит — у {teachers.withDeficits} ({formatPercent(100 * teachers.deficitShare)}).</p>
          {deficits.frequent.length > 0 && (
            <>
              <h3>Самые частые дефициты</h3>
              <ol className="school-frequent">
                {deficits.frequent.map((f) => (
                  <li key={f.id}>«{f.title}»{f.subjectTitle ? ` (${f.subjectTitle.toLowerCase()})` : " (межпредметная)"} — {f.deficit} из {f.tested}</li>
                ))}
              </ol>
            </>
          )}
          <h3>По предметам</h3>
          <DataTable rows={deficits.bySubject} columns={SUBJECT_COLUMNS} rowKey={(r) => r.subject} caption="Дефициты по предметам" exportName="deficity-po-predmetam.csv" pageSize={20} />
          {deficits.methods.length > 0 && (
            <>
              <h3>Методические (межпредметные) компетенции</h3>
              <DataTable rows={deficits.methods} columns={METHOD_COLUMNS} rowKey={(r) => r.id} caption="Методические компетенции" exportName="metodicheskie-kompetencii.csv" pageSize={20} />
            </>
          )}
        </>
      )}
    </Panel>
  );
}

export function LeaderPanel({ profile }: { profile: SchoolProfile }) {
  const { user } = useAuth();
  const { leader } = profile;
  const own = leader.principal?.id === user?.id;
  const link = leader.principal && profile.teacherList !== undefined ? (own ? "/profile" : `/people/${leader.principal.id}`) : null;
  return (
    <Panel id="leader" title="Профиль руководителя">
      {leader.principal && (
        <p>{link ? <Link href={link}>{leader.principal.name}</Link> : leader.principal.name}
          {leader.measuredAt ? `, самооценка от ${formatDate(leader.measuredAt)}` : ""}</p>
      )}
      {leader.competencies.length === 0 ? <p className="muted">Руководитель ещё не прошёл диагностику управленческих компетенций.</p> : (
        <>
          <CompetencyChart rows={leader.competencies} label="Управленческие компетенции руководителя, процент" />
          <h3>Курсы для руководителя</h3>
          <CourseList courses={leader.courses} />
        </>
      )}
    </Panel>
  );
}

export function ActionsPanel({ profile, staff }: { profile: SchoolProfile; staff: boolean }) {
  const { courses, uncovered, partners } = profile.actions;
  return (
    <Panel id="actions" title="Рекомендации">
      <h3>Курсы для команды</h3>
      {courses.length === 0 ? <p className="muted">Курсы не нужны: у протестированных педагогов нет дефицитов{profile.teachers.tested ? "" : " (тесты ещё не пройдены)"}.</p> : (
        <>
          <p className="muted">Курсы, которые вместе закрывают дефициты педагогов школы: каждый следующий — тот, что закрывает больше всего оставшихся.</p>
          <CourseList courses={courses} />
        </>
      )}
      {uncovered.length > 0 && (
        <p className="muted">Курсов в каталоге нет для: {uncovered.map((u) => `«${u.title}» (${u.teachers})`).join(", ")} — здесь помогут наставник или методическое объединение.</p>
      )}
      <h3>Школы-партнёры</h3>
      {partners.length === 0 ? <p className="muted">Подходящих школ с высокими результатами в регионе не нашлось.</p> : (
        <ul className="school-list">
          {partners.map((p) => (
            <li key={p.schoolId}>
              <h4>{staff ? <Link href={`/schools/${encodeURIComponent(p.schoolId)}`}>{p.name}</Link> : p.name}</h4>
              <p className="muted">{p.municipalityName}</p>
              <p>{p.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

const TEACHER_COLUMNS: Array<Column<TeacherRow>> = [
  { key: "name", header: "Педагог", value: (r) => r.name, render: (r) => <Link href={`/people/${encodeURIComponent(r.id)}`}>{r.name}</Link> },
  { key: "subjects", header: "Предметы", value: (r) => subjectsText(r.subjects) || "—" },
  { key: "tested", header: "Прошёл тесты", value: (r) => (r.tested.length ? r.tested.map(subjectTitle).join(", ") : "ещё нет") },
  { key: "deficits", header: "Дефицитов", value: (r) => (r.tested.length ? r.deficits : null), numeric: true },
  { key: "measuredAt", header: "Последний тест", value: (r) => r.measuredAt, render: (r) => (r.measuredAt ? formatDate(r.measuredAt) : "—") },
];

export function TeachersPanel({ profile }: { profile: SchoolProfile }) {
  return (
    <Panel id="teachers" title="Педагоги школы">
      <p className="muted">Откройте профиль педагога, чтобы спланировать его развитие внутри школы.</p>
      <DataTable rows={profile.teacherList ?? []} columns={TEACHER_COLUMNS} rowKey={(r) => r.id} caption="Педагоги школы" exportName="pedagogi-shkoly.csv"
        initialSort={{ key: "name", direction: "asc" }} emptyText="В школе нет педагогов с учётной записью" />
    </Panel>
  );
}
