// «Климат»: anonymous climate rounds of a school and its results against the region; for staff, the region's schools first.
import { useState } from "react";
import { useAuth } from "../../app/auth";
import { isStaff, mayChange } from "../../app/roles";
import { Link } from "../../app/router";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Panel } from "../../lib/ui";
import { climateApi } from "./climate-api";
import { RegionOverviewSection, ReliabilitySection } from "./region-overview";
import { ResultsSection } from "./results-section";
import { RoundsSection } from "./rounds-section";
import "./climate.css";

export default function ClimatePage({ schoolId }: { schoolId?: string }) {
  const { user } = useAuth();
  const staff = isStaff(user);
  const id = schoolId ?? (staff ? undefined : user?.schoolId);

  if (!id) {
    if (!staff) {
      return <section className="page"><h1>Климат в школе</h1><p className="notice">Учётная запись не привязана к школе.</p></section>;
    }
    return (
      <section className="page climate-section">
        <header className="page-header">
          <p className="eyebrow">Анонимные опросы</p>
          <h1>Климат в школах</h1>
          <p className="lead">Как педагоги, обучающиеся и родители оценивают безопасность, отношения и поддержку в школе. Откройте школу, чтобы увидеть её шкалы рядом с регионом{mayChange(user) ? " или выдать коды для нового опроса" : ""}.</p>
        </header>
        <RegionOverviewSection />
        {mayChange(user) && <ReliabilitySection />}
      </section>
    );
  }
  return <SchoolClimatePage schoolId={id} staff={staff} />;
}

function SchoolClimatePage({ schoolId, staff }: { schoolId: string; staff: boolean }) {
  const { user } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const school = useLoader(() => climateApi.school(schoolId, { audience: "teacher" }).then((c) => ({ ...c.school, threshold: c.threshold })), [schoolId]);
  // The principal of the school and the region's methodologists and admins open rounds; a coordinator reads.
  const canWrite = mayChange(user) || (!!user?.roles.includes("principal") && user.schoolId === schoolId);

  return (
    <section className="page climate-section">
      {staff && <p className="back-link"><Link href="/climate">← Все школы</Link></p>}
      <header className="page-header">
        <p className="eyebrow">Климат в школе</p>
        <h1>{school.data?.name ?? (school.error ? "Школа" : "…")}</h1>
        <p className="lead">Анонимный опрос педагогов, обучающихся и родителей. Каждый получает листок с кодом и отвечает с телефона или компьютера;
          имя не спрашивается, а результаты показываются только по группам, где ответили не меньше {school.data?.threshold ?? 5} человек.</p>
      </header>
      {school.error ? <ErrorNotice error={school.error} onRetry={school.reload} /> : (
        <>
          <Panel id="rounds" title="Опросы">
            <RoundsSection schoolId={schoolId} canWrite={canWrite} onChanged={() => setRefresh((n) => n + 1)} />
          </Panel>
          <Panel id="results" title="Результаты">
            <ResultsSection schoolId={schoolId} refresh={refresh} />
          </Panel>
        </>
      )}
    </section>
  );
}
