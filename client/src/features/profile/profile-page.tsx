// My deficit profile: every competency measured so far, the deficits, the recommended courses and the mentor.
import { useCallback, useEffect, useState } from "react";
import { Link } from "../../app/router";
import { api, type Profile } from "../../lib/api";
import { CompetencyChart } from "../../lib/competency-chart";
import { CompetencyTable } from "../../lib/competency-table";
import { CourseList } from "../../lib/course-list";
import { formatDate } from "../../lib/format";
import { ErrorNotice, Loading } from "../../lib/ui";

export default function ProfilePage() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api.myProfile().then(setProfile, setError);
  }, []);
  useEffect(load, [load]);

  if (error) return <section className="page"><ErrorNotice error={error} onRetry={load} /></section>;
  if (!profile) return <Loading label="Загружаем профиль…" />;

  const latest = profile.competencies.reduce((max, c) => (c.measuredAt > max ? c.measuredAt : max), "");
  return (
    <section className="page" aria-labelledby="profile-title">
      <header className="page-header">
        <p className="eyebrow">Профиль профессиональных дефицитов</p>
        <h1 id="profile-title">{profile.name}</h1>
        {latest && <p className="lead">По результатам диагностики от {formatDate(latest)}.</p>}
      </header>

      {profile.competencies.length === 0 ? (
        <div className="notice">
          <p>Профиль появится после первой диагностики.</p>
          <p><Link className="button button-primary" href="/">Перейти к диагностикам</Link></p>
        </div>
      ) : (
        <>
          <section className="panel" aria-labelledby="chart-title">
            <h2 id="chart-title">Компетенции</h2>
            <CompetencyChart rows={profile.competencies} label="Профиль компетенций, процент выполнения" />
          </section>
          <section className="panel" aria-labelledby="courses-title">
            <h2 id="courses-title">Рекомендованные курсы</h2>
            <CourseList courses={profile.courses} />
          </section>
          <section className="panel" aria-labelledby="mentor-title">
            <h2 id="mentor-title">Наставник</h2>
            {profile.mentor ? <p><strong>{profile.mentor.name}</strong> — ваш наставник.</p> : <p className="muted">Наставник пока не назначен. Институт подбирает наставников по итогам диагностики.</p>}
          </section>
          <section className="panel" aria-labelledby="table-title">
            <h2 id="table-title">Все компетенции</h2>
            <CompetencyTable rows={profile.competencies} fileName="profile.csv" />
          </section>
        </>
      )}
    </section>
  );
}
