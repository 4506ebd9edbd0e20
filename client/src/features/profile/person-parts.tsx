// Parts of the person page: the header with the person's contact, the sections' jump links, the competencies, and the plan's link.
import type { ReactNode } from "react";
import { Link } from "../../app/router";
import { CompetencyChart } from "../../lib/competency-chart";
import { CompetencyTable } from "../../lib/competency-table";
import { formatDate, plural } from "../../lib/format";
import { subjectsText } from "../../lib/subjects";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel, ProgressBar } from "../../lib/ui";
import { profileApi, type PanelMode, type Profile } from "./profile-api";

const EYEBROW: Record<PanelMode, string> = {
  own: "Профиль профессиональных дефицитов",
  mentor: "Наставляемый",
  read: "Профиль педагога",
};

export function PersonHeader({ profile, mode }: { profile: Profile; mode: PanelMode }) {
  const latest = profile.competencies.reduce((max, c) => (c.measuredAt > max ? c.measuredAt : max), "");
  const place = [profile.position, profile.schoolName, profile.municipalityName, profile.subjects.length ? subjectsText(profile.subjects) : ""].filter(Boolean).join(" · ");
  return (
    <header className="page-header">
      <p className="eyebrow">{EYEBROW[mode]}</p>
      <h1 id="profile-title">{profile.name}</h1>
      {mode !== "own" && place && <p className="person-place">{place}</p>}
      {mode !== "own" && (
        <p className="person-contact">
          {profile.email
            ? <>Связаться: <a href={`mailto:${profile.email}`}>{profile.email}</a></>
            : <span className="muted">Электронная почта не указана</span>}
        </p>
      )}
      {latest && <p className="lead">По результатам диагностики от {formatDate(latest).replace(/\.$/, "")}.</p>}
    </header>
  );
}

/** Links to the sections of a long page, for the keyboard and the phone alike. */
export function JumpLinks({ links }: { links: Array<[string, string]> }) {
  return (
    <nav className="subnav person-jump" aria-label="Разделы страницы">
      {links.map(([href, label]) => <a key={href} href={`#${href}`}>{label}</a>)}
    </nav>
  );
}

export function Competencies({ profile, own }: { profile: Profile; own: boolean }) {
  if (!profile.competencies.length) {
    return (
      <div id="competencies" className="notice">
        <p>{own ? "Профиль появится после первой диагностики." : "Этот педагог ещё не прошёл диагностику."}</p>
        {own && <p><Link className="button button-primary" href="/">Перейти к диагностикам</Link></p>}
      </div>
    );
  }
  return (
    <div id="competencies">
      <Panel id="chart" title="Профиль по компетенциям">
        <CompetencyChart rows={profile.competencies} label="Профиль компетенций, процент выполнения" />
      </Panel>
    </div>
  );
}

export function AllCompetencies({ profile }: { profile: Profile }) {
  if (!profile.competencies.length) return null;
  return (
    <Panel id="table" title="Все компетенции">
      <CompetencyTable rows={profile.competencies} fileName="profile.csv" />
    </Panel>
  );
}

/** «Мой план» on the profile: how far the plan has got, and the way to it. */
export function MyPlanLink({ userId }: { userId: string }) {
  const { data, error, reload } = useLoader(() => profileApi.plan(userId), [userId]);
  let body: ReactNode;
  if (error) body = <ErrorNotice error={error} onRetry={reload} />;
  else if (!data) body = <Loading label="Загружаем план…" />;
  else {
    const open = data.items.filter((i) => i.status !== "dropped");
    const done = open.filter((i) => i.status === "done").length;
    const overdue = data.items.filter((i) => i.overdue).length;
    body = open.length ? (
      <>
        <ProgressBar label="Выполнено пунктов плана" value={done} max={open.length} good={done === open.length} />
        {overdue > 0 && <p className="plan-overdue-note">Просрочено: {overdue} {plural(overdue, ["пункт", "пункта", "пунктов"])}</p>}
      </>
    ) : <p className="muted">В плане пока нет пунктов: его можно составить по профилю за одну минуту.</p>;
  }
  return (
    <section id="plan" className="panel" aria-labelledby="my-plan-title">
      <h2 id="my-plan-title">Мой план</h2>
      <p>Индивидуальный образовательный маршрут: курсы, семинары, консультации и уроки наставника по каждому дефициту — со сроками и подтверждениями.</p>
      {body}
      <p><Link className="button button-primary" href="/plan">Открыть мой план</Link></p>
    </section>
  );
}
