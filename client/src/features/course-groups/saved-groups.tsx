// Saved groups: filtered by course and status, with rosters to download; opening one shows its members and actions.
import { useMemo, useState } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { dayText, groupsApi, STATUS_LABELS, type CourseOption, type SavedGroup } from "./course-groups-api";
import { GroupDetailView } from "./group-detail";

export function SavedGroups({ courses, initialCourse, canChange, onChanged }: {
  courses: CourseOption[]; initialCourse?: string | undefined; canChange: boolean; onChanged: () => void;
}) {
  const [courseId, setCourseId] = useState(initialCourse ?? "");
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const groups = useLoader(() => groupsApi.list(courseId || undefined, status || undefined), [courseId, status]);
  const withGroups = useMemo(() => courses.filter((c) => c.groups > 0 || c.id === courseId).sort((a, b) => a.title.localeCompare(b.title, "ru")), [courses, courseId]);

  const columns: Array<Column<SavedGroup>> = [
    {
      key: "title", header: "Группа", value: (g) => g.title,
      render: (g) => <button type="button" className="link-button" onClick={() => setOpen(g.id)}>{g.title}</button>,
    },
    { key: "course", header: "Курс", value: (g) => g.courseTitle },
    { key: "status", header: "Статус", value: (g) => STATUS_LABELS[g.status], render: (g) => <span className={`group-status group-status-${g.status}`}>{STATUS_LABELS[g.status]}</span> },
    { key: "members", header: canChange ? "Участников" : "Из вашего муниципалитета", value: (g) => g.members, numeric: true },
    { key: "dates", header: "Даты", value: (g) => g.startsOn ?? "", render: (g) => (g.startsOn ? `${dayText(g.startsOn)} — ${dayText(g.endsOn)}` : <span className="muted">не заданы</span>) },
    { key: "municipalities", header: "Муниципалитетов", value: (g) => g.municipalityIds.length, numeric: true },
  ];
  const download = (format: "xlsx" | "csv") => {
    setDownloadError(null);
    groupsApi.downloadCourse(courseId, format).catch(setDownloadError);
  };

  if (open) {
    return <GroupDetailView id={open} canChange={canChange} onClose={() => { setOpen(null); groups.reload(); onChanged(); }} />;
  }
  return (
    <section aria-labelledby="saved-title">
      <h2 id="saved-title" className="visually-hidden">Сохранённые группы</h2>
      <div className="toolbar">
        <label className="field">
          <span>Курс</span>
          <select value={courseId} onChange={(e) => setCourseId(e.target.value)}>
            <option value="">Все курсы</option>
            {withGroups.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Статус</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Любой</option>
            <option value="proposed">Предложенные</option>
            <option value="confirmed">Утверждённые</option>
          </select>
        </label>
        {courseId && (
          <div className="groups-downloads">
            <button type="button" className="button button-secondary" onClick={() => download("xlsx")}>Скачать списки курса (XLSX)</button>
            <button type="button" className="button button-ghost-dark" onClick={() => download("csv")}>CSV</button>
          </div>
        )}
      </div>
      {downloadError !== null && <ErrorNotice error={downloadError} />}
      {groups.error ? <ErrorNotice error={groups.error} onRetry={groups.reload} />
        : !groups.data ? <Loading label="Загружаем группы…" />
        : (
          <DataTable rows={groups.data} columns={columns} rowKey={(g) => g.id} caption="Сохранённые группы"
            emptyText={canChange ? "Групп пока нет: подберите их на вкладке «Подбор групп»." : "Групп с участниками из вашего муниципалитета пока нет."}
            exportName="gruppy.csv" />
        )}
    </section>
  );
}
