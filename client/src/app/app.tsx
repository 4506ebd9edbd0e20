// The app shell: routes by path, lazy-loads the heavy pages (SurveyJS, charts), guards sign-in.
import { lazy, Suspense, useEffect } from "react";
import { AuthProvider, useAuth } from "./auth";
import { Layout } from "./layout";
import { match, navigate, usePath } from "./router";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { HomePage } from "../features/home/home-page";
import { Loading } from "../lib/ui";
import { isStaff } from "./roles";

// SurveyJS and chart.js are heavy: only the pages that show them load them.
const TakeTestPage = lazy(() => import("../features/take-test/take-test-page"));
const ResultPage = lazy(() => import("../features/results/result-page"));
const ProfilePage = lazy(() => import("./person-pages"));
// The institute's workspace, each section its own chunk.
const DashboardPage = lazy(() => import("../features/dashboard/dashboard-page"));
const CampaignsPage = lazy(() => import("../features/campaigns/campaigns-page"));
const CampaignPage = lazy(() => import("../features/campaigns/campaign-page"));
const ImportsPage = lazy(() => import("../features/imports/imports-page"));
const ThemesPage = lazy(() => import("../features/themes/themes-page"));
const CourseGroupsPage = lazy(() => import("../features/course-groups/course-groups-page"));
const MentoringPage = lazy(() => import("../features/mentoring/mentoring-page"));
const MenteesPage = lazy(() => import("../features/mentees/mentees-page"));
const ClimatePage = lazy(() => import("../features/climate/climate-page"));
const EffectPage = lazy(() => import("../features/progress/effect-page"));
const ProgressPage = lazy(() => import("../features/progress/progress-page"));
const PlanPage = lazy(() => import("../features/plan/plan-page"));
const SchoolProfilePage = lazy(() => import("../features/schools/school-profile-page"));
const SchoolRegistryPage = lazy(() => import("../features/schools/registry-page"));

export function App() {
  return (
    <AuthProvider>
      <Routes />
    </AuthProvider>
  );
}

function Routes() {
  const path = usePath();
  const { user, signOut } = useAuth();
  // A slip's QR code opens /login?code=…: it replaces an anonymous respondent's finished session on a shared phone.
  const codeLink = path === "/login" && new URLSearchParams(location.search).has("code");

  useEffect(() => {
    if (!user && path !== "/login") navigate(`/login`, { replace: true });
    if (user && path === "/login") {
      if (codeLink && user.anonymous) signOut();
      else navigate("/", { replace: true });
    }
  }, [user, path, codeLink, signOut]);

  if (!user || path === "/login") return <SignInPage />;

  let page;
  let params: Record<string, string> | null;
  const staff = isStaff(user);
  if (path === "/") page = staff ? <DashboardPage /> : <HomePage />;
  else if (path === "/tests") page = <HomePage />;
  else if (staff && path === "/campaigns") page = <CampaignsPage />;
  else if (staff && (params = match("/campaigns/:campaignId", path))) page = <CampaignPage key={params.campaignId} campaignId={params.campaignId!} />;
  else if (staff && path === "/imports") page = <ImportsPage />;
  else if (staff && path === "/themes") page = <ThemesPage />;
  else if (staff && path === "/groups") page = <CourseGroupsPage />;
  else if (staff && path === "/mentoring") page = <MentoringPage />;
  else if (staff && path === "/effect") page = <EffectPage />;
  else if (user.roles.includes("mentor") && path === "/mentees") page = <MenteesPage />;
  else if (user.roles.includes("teacher") && path === "/plan") page = <PlanPage />;
  else if ((staff || user.roles.includes("principal")) && path === "/climate") page = <ClimatePage />;
  else if ((staff || user.roles.includes("principal")) && (params = match("/climate/:schoolId", path))) page = <ClimatePage key={params.schoolId} schoolId={params.schoolId!} />;
  else if (staff && path === "/schools") page = <SchoolRegistryPage />;
  else if ((staff || user.roles.includes("principal")) && (params = match("/schools/:schoolId", path))) page = <SchoolProfilePage key={params.schoolId} schoolId={params.schoolId!} />;
  else if ((params = match("/people/:userId/progress", path))) page = <ProgressPage key={params.userId} userId={params.userId!} />;
  else if ((params = match("/people/:userId", path))) page = <ProfilePage key={params.userId} userId={params.userId!} />;
  else if ((params = match("/tests/:instrumentId", path))) page = <TakeTestPage key={params.instrumentId} instrumentId={params.instrumentId!} />;
  else if ((params = match("/results/:attemptId", path))) page = <ResultPage key={params.attemptId} attemptId={params.attemptId!} />;
  else if (path === "/profile") page = <ProfilePage />;
  else if (path === "/progress") page = <ProgressPage />;
  else page = <NotFound />;

  return (
    <Layout>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Layout>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>Страница не найдена</h1>
      <p>Такой страницы нет. <a href="/">Вернуться на главную</a></p>
    </section>
  );
}
