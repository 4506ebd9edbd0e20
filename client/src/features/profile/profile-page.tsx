// My deficit profile: every competency measured so far, the deficits, the recommended courses and the mentor.
import { Link } from "../../app/router";
import { api } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { CompetencyChart } from "../../lib/competency-chart";
import { CompetencyTable } from "../../lib/competency-table";
import { CourseList } from "../../lib/course-list";
import { formatDate } from "../../lib/format";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";

/** One's own profile, or (with `userId`) the profile of a person the viewer may see: a mentee, a teacher of one's school. */
export default function ProfilePage({ userId }: { userId?: string }) {
  const { data: profile, error, reload } = useLoader(() => (userId ? api.profile(userId) : api.myProfile()), [userId]);
  const own = userId === undefined;

  if (error) return <section className="page"><ErrorNotice error={error} onRetry={reload} /></section>;
  if (!profile) return <Loading label="Загружаем профиль…" />;

  const latest = profile.competencies.reduce((max, c) => (c.measuredAt > max ? c.measuredAt : max), "");
  return (
    <section className="page" aria-labelledby="profile-title">
      <header className="page-header">
        <p className="eyebrow">{own ? "Профиль профессиональных дефицитов" : "Профиль профессиональных дефицитов педагога"}</p>
        <h1 id="profile-title">{profile.name}</h1>
        {latest && <p className="lead">По результатам диагностики от {formatDate(latest)}.</p>}
      </header>

      {profile.competencies.length === 0 ? (
        <div className="notice">
          <p>{own ? "Профиль появится после первой диагностики." : "Этот педагог ещё не прошёл диагностику."}</p>
          {own && <p><Link className="button button-primary" href="/">Перейти к диагностикам</Link></p>}
        </div>
      ) : (
        <>
          <Panel id="chart" title="Компетенции">
            <CompetencyChart rows={profile.competencies} label="Профиль компетенций, процент выполнения" />
          </Panel>
          <Panel id="courses" title="Рекомендованные курсы">
            <CourseList courses={profile.courses} />
          </Panel>
          <Panel id="mentor" title="Наставник">
            {profile.mentor
              ? <p><strong>{profile.mentor.name}</strong> — {own ? "ваш наставник" : "наставник"}.</p>
              : <p className="muted">Наставник пока не назначен. Институт подбирает наставников по итогам диагностики.</p>}
          </Panel>
          <Panel id="table" title="Все компетенции">
            <CompetencyTable rows={profile.competencies} fileName="profile.csv" />
          </Panel>
        </>
      )}
    </section>
  );
}
