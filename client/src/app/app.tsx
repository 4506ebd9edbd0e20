// The app shell: routes by path, lazy-loads the heavy pages (SurveyJS, charts), guards sign-in.
import { lazy, Suspense, useEffect } from "react";
import { AuthProvider, useAuth } from "./auth";
import { Layout } from "./layout";
import { match, navigate, usePath } from "./router";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { HomePage } from "../features/home/home-page";
import { Loading } from "../lib/ui";

// SurveyJS and chart.js are heavy: only the pages that show them load them.
const TakeTestPage = lazy(() => import("../features/take-test/take-test-page"));
const ResultPage = lazy(() => import("../features/results/result-page"));
const ProfilePage = lazy(() => import("../features/profile/profile-page"));

export function App() {
  return (
    <AuthProvider>
      <Routes />
    </AuthProvider>
  );
}

function Routes() {
  const path = usePath();
  const { user } = useAuth();

  useEffect(() => {
    if (!user && path !== "/login") navigate(`/login`, { replace: true });
    if (user && path === "/login") navigate("/", { replace: true });
  }, [user, path]);

  if (!user || path === "/login") return <SignInPage />;

  let page;
  let params: Record<string, string> | null;
  if (path === "/") page = <HomePage />;
  else if ((params = match("/tests/:instrumentId", path))) page = <TakeTestPage key={params.instrumentId} instrumentId={params.instrumentId!} />;
  else if ((params = match("/results/:attemptId", path))) page = <ResultPage key={params.attemptId} attemptId={params.attemptId!} />;
  else if (path === "/profile") page = <ProfilePage />;
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
