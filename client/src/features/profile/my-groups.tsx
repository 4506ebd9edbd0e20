// «Мои курсы и группы»: the confirmed course groups the teacher is in, with dates, and the courses the profile recommends.
import { CourseList } from "../../lib/course-list";
import { FORMAT_LABELS, formatDate, plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { profileApi, type MyGroup, type Profile } from "./profile-api";

const STATE: Record<string, { text: string; className: string }> = {
  upcoming: { text: "скоро начнётся", className: "tag" },
  running: { text: "идёт сейчас", className: "tag tag-ok" },
  finished: { text: "завершена", className: "tag tag-muted" },
  undated: { text: "даты уточняются", className: "tag tag-muted" },
};

function dates(g: MyGroup): string {
  if (g.startsOn && g.endsOn) return `${formatDate(g.startsOn)} — ${formatDate(g.endsOn)}`;
  if (g.startsOn) return `с ${formatDate(g.startsOn)}`;
  if (g.endsOn) return `до ${formatDate(g.endsOn)}`;
  return "Даты занятий пока не назначены";
}

function Groups({ groups }: { groups: MyGroup[] }) {
  if (!groups.length) return <p className="muted">Вы пока не состоите в утверждённых группах курсов. Институт формирует группы по итогам диагностики.</p>;
  return (
    <ul className="my-groups">
      {groups.map((g) => {
        const state = STATE[g.state] ?? STATE.undated!;
        return (
          <li key={g.id} className="my-group">
            <h4>{g.courseTitle} <span className={state.className}>{state.text}</span>{g.inPlan && <span className="tag">в плане</span>}</h4>
            <p className="muted">
              Группа «{g.title}» · {dates(g)} · {g.hours} {plural(g.hours, ["час", "часа", "часов"])} · {FORMAT_LABELS[g.format] ?? g.format}
              {" "}· {g.members} {plural(g.members, ["участник", "участника", "участников"])}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function MyGroups({ courses, measured }: { courses: Profile["courses"]; measured: boolean }) {
  const { data, error, reload } = useLoader(() => profileApi.myGroups(), []);
  const grouped = new Set((data ?? []).map((g) => g.courseId));
  // A recommended course the teacher already has a group for is said once, under «Группы».
  const rest = courses.filter((c) => !grouped.has(c.id));
  return (
    <section id="courses" className="panel" aria-labelledby="my-courses-title">
      <h2 id="my-courses-title">Мои курсы и группы</h2>
      <h3>Группы курсов</h3>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !data ? <Loading label="Загружаем группы…" /> : <Groups groups={data} />}
      <h3>Рекомендованные курсы</h3>
      {!measured ? <p className="muted">Курсы будут рекомендованы по итогам первой диагностики.</p>
        : courses.length > 0 && rest.length === 0 ? <p className="muted">По всем рекомендованным курсам вы уже в группах.</p>
        : <CourseList courses={rest} />}
    </section>
  );
}
