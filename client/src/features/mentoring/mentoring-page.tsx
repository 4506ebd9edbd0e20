// Наставничество: the optimal proposal of mentors, current pairs, and the mentor pool (coordinators: their pairs, read-only).
import { useCallback } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { useLoader } from "../../lib/use-loader";
import { Stat } from "../../lib/ui";
import { mentoringApi, type Mentor } from "./mentoring-api";
import { MentorsPanel } from "./mentors-panel";
import { PairsPanel } from "./pairs-panel";
import { ProposalSection } from "./proposal-section";
import "./mentoring.css";

export default function MentoringPage() {
  const { user } = useAuth();
  const canChange = mayChange(user);
  const pairs = useLoader(() => mentoringApi.pairs({}), []);
  const mentors = useLoader(() => (canChange ? mentoringApi.mentors() : Promise.resolve<Mentor[]>([])), [canChange]);
  const municipalities = useLoader(() => (canChange ? mentoringApi.municipalities() : Promise.resolve([])), [canChange]);
  const { reload: reloadPairs } = pairs;
  const { reload: reloadMentors } = mentors;
  const changed = useCallback(() => { reloadPairs(); reloadMentors(); }, [reloadPairs, reloadMentors]);

  const pool = mentors.data ?? [];
  const places = pool.filter((m) => m.active).reduce((sum, m) => sum + Math.max(0, m.capacity - m.load), 0);
  return (
    <section className="page mentoring-section" aria-labelledby="mentoring-title">
      <header className="page-header">
        <p className="eyebrow">Адресная поддержка</p>
        <h1 id="mentoring-title">Наставничество</h1>
        <p className="lead">
          {canChange
            ? "Подберите наставников учителям с дефицитами, подтвердите пары и следите за нагрузкой наставников."
            : "Наставнические пары педагогов вашего муниципалитета. Изменять пары могут методисты института."}
        </p>
      </header>

      <div className="stats">
        <Stat label="Текущих пар" value={pairs.data ? pairs.data.length : "…"} />
        {canChange && <Stat label="Наставников в пуле" value={mentors.data ? pool.length : "…"} />}
        {canChange && <Stat label="Свободных мест" value={mentors.data ? places : "…"} />}
      </div>

      {canChange && <ProposalSection municipalities={municipalities.data ?? []} onChanged={changed} />}
      <PairsPanel pairs={pairs.data} error={pairs.error} reload={reloadPairs} canChange={canChange} filter={{}} onEnded={changed} />
      {canChange && (
        <MentorsPanel mentors={mentors.data} error={mentors.error} reload={reloadMentors} onSaved={reloadMentors} />
      )}
    </section>
  );
}
