// The person page: one's own profile (/profile) or a person one may see (/people/:id: a mentee, a teacher of one's school).
import { useAuth } from "../../app/auth";
import { api } from "../../lib/api";
import { CourseList } from "../../lib/course-list";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { MyGroups } from "./my-groups";
import { MentorContact, MyMentor } from "./my-mentor";
import { AllCompetencies, Competencies, JumpLinks, MyPlanLink, PersonHeader } from "./person-parts";
import { panelMode, type PersonPanels, type Profile } from "./profile-api";
import "./profile.css";

/** The teacher's own page: the profile, «Мой наставник», «Мои курсы и группы», «Мои результаты по волнам», «Мой план». */
function OwnProfile({ profile, panels }: { profile: Profile; panels: PersonPanels }) {
  const { user } = useAuth();
  const teacher = !!user?.roles.includes("teacher");
  return (
    <>
      <JumpLinks links={[
        ["competencies", "Компетенции"], ["mentor", "Мой наставник"], ["courses", "Мои курсы и группы"], ["waves", "Мои результаты по волнам"],
        ...(teacher ? [["plan", "Мой план"] as [string, string]] : []),
      ]} />
      <Competencies profile={profile} own />
      {teacher && <MyMentor mentor={profile.mentor} />}
      <MyGroups courses={profile.courses} measured={profile.competencies.length > 0} />
      <section id="waves" className="person-section" aria-labelledby="my-waves-title">
        <h2 id="my-waves-title" className="person-section-title">Мои результаты по волнам</h2>
        {panels.progress()}
      </section>
      {teacher && <MyPlanLink userId={profile.userId} />}
      <AllCompetencies profile={profile} />
    </>
  );
}

/**
 * Another person's page: for their current mentor (the plan and meetings to edit), their principal and
 * the institute's staff (to read). The server decides who sees it; a mentor whose pair has ended gets 404.
 */
function PersonProfile({ profile, panels }: { profile: Profile; panels: PersonPanels }) {
  const { user } = useAuth();
  const mode = panelMode(user?.id, profile);
  // Plans have fewer readers than profiles: the person, the mentor, the school's principal, the region's staff.
  const readsPlan = mode !== "read" || !!user?.roles.some((r) => r === "principal" || r === "methodologist" || r === "admin");
  const measured = profile.competencies.length > 0;
  return (
    <>
      <JumpLinks links={[
        ["competencies", "Компетенции"], ...(measured ? [["deficits", "Что за дефицитами"]] as Array<[string, string]> : []), ["waves", "По волнам"],
        ...(readsPlan ? [["plan", "План"], ["meetings", "Встречи"]] as Array<[string, string]> : []), ...(measured ? [["courses", "Курсы"]] as Array<[string, string]> : []),
      ]} />
      <Competencies profile={profile} own={false} />
      {measured && <div id="deficits">{panels.deficits(profile.userId)}</div>}
      <div id="waves">{panels.progress(profile.userId)}</div>
      {readsPlan && <div id="plan">{panels.plan(profile.userId, mode)}</div>}
      {readsPlan && panels.meetings(profile.userId, mode)}
      {mode !== "mentor" && (
        <Panel id="person-mentor" title="Наставник">
          {profile.mentor
            ? <><p><strong>{profile.mentor.name}</strong>{profile.mentor.schoolName && `, ${profile.mentor.schoolName}`}</p><MentorContact mentor={profile.mentor} /></>
            : <p className="muted">Наставник не назначен.</p>}
        </Panel>
      )}
      {measured && (
        <section id="courses">
          <Panel id="person-courses" title="Рекомендованные курсы">
            <CourseList courses={profile.courses} />
          </Panel>
        </section>
      )}
      <AllCompetencies profile={profile} />
    </>
  );
}

export default function ProfilePage({ userId, panels }: { userId?: string; panels: PersonPanels }) {
  const { user } = useAuth();
  const { data: profile, error, reload } = useLoader(() => (userId ? api.profile(userId) : api.myProfile()), [userId]);
  if (error) return <section className="page"><ErrorNotice error={error} onRetry={reload} /></section>;
  if (!profile) return <Loading label="Загружаем профиль…" />;
  const own = userId === undefined || userId === user?.id;
  return (
    <section className="page person-page" aria-labelledby="profile-title">
      <PersonHeader profile={profile} mode={own ? "own" : panelMode(user?.id, profile)} />
      {own ? <OwnProfile profile={profile} panels={panels} /> : <PersonProfile profile={profile} panels={panels} />}
    </section>
  );
}
