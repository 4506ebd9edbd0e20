// «Моя школа» and a school's profile: summary tiles, then context, climate, the team, the leader and recommended actions.
import { useAuth } from "../../app/auth";
import { isStaff } from "../../app/roles";
import { Link } from "../../app/router";
import { formatDate, formatPercent, plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Stat } from "../../lib/ui";
import { ClimatePanel } from "./profile-climate";
import { ClustersPanel, ConditionsPanel, RisksPanel } from "./profile-context";
import { ActionsPanel, DeficitsPanel, LeaderPanel, TeachersPanel } from "./profile-team";
import { decimal, schoolsApi, type SchoolProfile } from "./schools-api";
import "./schools.css";

export default function SchoolProfilePage({ schoolId }: { schoolId?: string }) {
  const { user } = useAuth();
  const staff = isStaff(user);
  const id = schoolId ?? user?.schoolId;
  const profile = useLoader(() => (id ? schoolsApi.profile(id) : Promise.reject(new Error("Учётная запись не привязана к школе."))), [id]);

  return (
    <section className="page school-profile" aria-labelledby="school-title">
      {staff && <p className="back-link"><Link href="/schools">← Все школы</Link></p>}
      <header className="page-header">
        <p className="eyebrow">{!staff && id === user?.schoolId ? "Моя школа" : "Профиль школы"}</p>
        <h1 id="school-title">{profile.data?.name ?? (profile.error ? "Школа" : "…")}</h1>
        {profile.data && <p className="lead">{profile.data.municipalityName}. Всё, что известно о школе по диагностике, опросам, карте условий и результатам ВПР, ОГЭ, ЕГЭ, — и что из этого следует.</p>}
      </header>
      {profile.error ? <ErrorNotice error={profile.error} onRetry={profile.reload} />
        : !profile.data ? <Loading label="Собираем профиль школы…" /> : <Profile profile={profile.data} staff={staff} />}
    </section>
  );
}

function Profile({ profile, staff }: { profile: SchoolProfile; staff: boolean }) {
  const { index, teachers } = profile;
  const shownClimate = profile.climate.filter((g) => !g.suppressed);
  return (
    <>
      <nav className="subnav school-jump" aria-label="Разделы профиля">
        {[["conditions", "Условия и индекс"], ["clusters", "Кластеры"], ["risks", "Риски"], ["climate", "Климат"], ["deficits", "Педагоги"], ["leader", "Руководитель"], ["actions", "Рекомендации"]]
          .map(([id, label]) => <a key={id} href={`#${id}-title`}>{label}</a>)}
      </nav>
      <div className="stats" role="list" aria-label="Коротко о школе">
        <div role="listitem"><Stat label="Индекс благополучия" value={index ? decimal(index.value, 2) : "—"}
          note={index ? `место ${index.rank} из ${index.of} в регионе` : "не рассчитан: карта условий не заполнена или неполна"} /></div>
        <div role="listitem"><Stat label="Кластеры" value={profile.clusters.length}
          note={profile.clusterDetails.length ? profile.clusterDetails.map((c) => c.title).join("; ") : "школа не попала ни в один кластер"} /></div>
        <div role="listitem"><Stat label="Прошли диагностику" value={`${teachers.tested} из ${teachers.total}`}
          note={teachers.tested ? `с дефицитами — ${teachers.withDeficits} (${formatPercent(100 * teachers.deficitShare)})` : "педагоги ещё не проходили тесты"} /></div>
        <div role="listitem"><Stat label="Климат" value={`${shownClimate.length} из 3`}
          note={shownClimate.length ? `групп с результатами${profile.climateInfo.campaign ? ` · ${profile.climateInfo.campaign.title}` : ""}` : "групп с результатами пока нет"} /></div>
      </div>
      {profile.conditions.submittedOn
        ? <p className="muted">Карта условий заполнена {formatDate(profile.conditions.submittedOn)}</p>
        : <p className="notice notice-warn">Карта условий школы не заполнена: индекс и часть рисков не рассчитаны.</p>}
      <ConditionsPanel profile={profile} />
      <ClustersPanel profile={profile} />
      <RisksPanel profile={profile} />
      <ClimatePanel profile={profile} />
      <DeficitsPanel profile={profile} />
      <LeaderPanel profile={profile} />
      <ActionsPanel profile={profile} staff={staff} />
      {profile.teacherList && <TeachersPanel profile={profile} />}
      <p className="muted">Цифры климата показываются только для групп, где ответили не меньше {profile.climateInfo.threshold} {plural(profile.climateInfo.threshold, ["человека", "человек", "человек"])}; уровни рисков и кластеры — по документированным правилам, с причинами.</p>
    </>
  );
}
