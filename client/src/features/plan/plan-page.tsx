// «Мой план»: the teacher's own development plan, their mentor, and the meetings the mentor recorded.
import { useAuth } from "../../app/auth";
import { MeetingsPanel } from "./meetings-panel";
import { PlanPanel } from "./plan-panel";

export default function PlanPage() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <section className="page" aria-labelledby="plan-page-title">
      <header className="page-header">
        <p className="eyebrow">Профессиональное развитие</p>
        <h1 id="plan-page-title">Мой план</h1>
        <p className="lead">Что вы делаете, чтобы закрыть дефициты: курсы, семинары, консультации и уроки наставника — со сроками и подтверждениями. План видят ваш наставник и руководитель школы; наставник тоже может добавлять пункты.</p>
      </header>
      <PlanPanel userId={user.id} mode="own" />
      <MeetingsPanel userId={user.id} mode="own" />
    </section>
  );
}
