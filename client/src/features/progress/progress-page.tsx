// A person's results across waves with what lies behind their deficits: one's own (/progress) or a person one may see (/people/:id/progress).
import { useAuth } from "../../app/auth";
import { Link } from "../../app/router";
import { api } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { DeficitDetails } from "./deficit-details";
import { ProgressPanel } from "./progress-panel";

export default function ProgressPage({ userId }: { userId?: string }) {
  const { user } = useAuth();
  const own = userId === undefined || userId === user?.id;
  // The name comes with the profile, which the same people may see.
  const profile = useLoader(() => (own ? Promise.resolve(null) : api.profile(userId!).catch(() => null)), [userId, own]);
  const target = userId ?? user!.id;
  return (
    <section className="page" aria-labelledby="progress-page-title">
      <header className="page-header">
        <p className="eyebrow">Мониторинг: волны диагностики</p>
        <h1 id="progress-page-title">{own ? "Мои результаты по волнам" : profile.data?.name ?? "Результаты по волнам"}</h1>
        <p className="lead">
          Каждая компетенция во всех волнах диагностики. Рост или снижение называются надёжными, только если изменение больше погрешности измерения.
        </p>
        <p><Link href={own ? "/profile" : `/people/${encodeURIComponent(target)}`}>{own ? "Мой профиль дефицитов" : "Профиль педагога"}</Link></p>
      </header>
      <ProgressPanel {...(own ? {} : { userId: target })} />
      <DeficitDetails userId={target} />
    </section>
  );
}
