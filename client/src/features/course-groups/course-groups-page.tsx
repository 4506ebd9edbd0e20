// Учебные группы: methodologists build groups for a course from deficit profiles and manage them; coordinators read theirs.
import { useState } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { groupsApi } from "./course-groups-api";
import { ProposalSection } from "./proposal-section";
import { SavedGroups } from "./saved-groups";
import "./course-groups.css";

type Tab = "propose" | "saved";

export default function CourseGroupsPage() {
  const { user } = useAuth();
  const canChange = mayChange(user);
  const [tab, setTab] = useState<Tab>(canChange ? "propose" : "saved");
  const [savedCourse, setSavedCourse] = useState<string | undefined>();
  const choice = useLoader(() => groupsApi.courses(), []);

  const tabs: Array<[Tab, string]> = [["propose", "Подбор групп"], ["saved", "Сохранённые группы"]];
  return (
    <section className="page course-groups" aria-labelledby="groups-title">
      <header className="page-header">
        <p className="eyebrow">Курсовая подготовка</p>
        <h1 id="groups-title">Учебные группы</h1>
        <p className="lead">
          {canChange
            ? "Выберите курс или дефицит: платформа найдёт педагогов, чьи дефициты закрывает курс, и предложит группы — по муниципалитетам и соседям, со схожими профилями, с приоритетом школ с низкими результатами и в неблагоприятных условиях."
            : "Группы курсов, в которые вошли педагоги вашего муниципалитета. Видны только участники из вашего муниципалитета."}
        </p>
      </header>

      {canChange && (
        <div className="groups-tabs" role="group" aria-label="Раздел">
          {tabs.map(([key, label]) => (
            <button key={key} type="button" className={`groups-tab${tab === key ? " groups-tab-active" : ""}`} aria-pressed={tab === key} onClick={() => setTab(key)}>
              {label}
            </button>
          ))}
        </div>
      )}

      {choice.error ? <ErrorNotice error={choice.error} onRetry={choice.reload} />
        : !choice.data ? <Loading label="Загружаем курсы…" />
        : tab === "propose" ? (
          <ProposalSection choice={choice.data} onSaved={(courseId) => { setSavedCourse(courseId); setTab("saved"); choice.reload(); }} />
        ) : (
          <SavedGroups key={savedCourse ?? "all"} courses={choice.data.courses} initialCourse={savedCourse} canChange={canChange} onChanged={choice.reload} />
        )}
    </section>
  );
}
