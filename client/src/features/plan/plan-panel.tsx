// The individual development plan (ИОМ) of one teacher, for the teacher («own»), their mentor («mentor») or a reader («read»).
import { useId, useState } from "react";
import { useAuth } from "../../app/auth";
import { ApiError } from "../../lib/api";
import { plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, ProgressBar } from "../../lib/ui";
import { ItemForm } from "./item-form";
import { planApi, type PlanMode } from "./plan-api";
import { PlanHistory } from "./plan-history";
import { PlanItemCard } from "./plan-item-card";
import { counts, editableIn, groupByDeficit } from "./plan-logic";
import "./plan.css";

export function PlanPanel({ userId, mode }: { userId: string; mode: PlanMode }) {
  const id = useId();
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const { data: plan, error, reload } = useLoader(() => planApi.plan(userId), [userId, version]);
  const [adding, setAdding] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const changed = () => setVersion((v) => v + 1);

  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!plan) return <Loading label="Загружаем план…" />;
  const editable = editableIn(mode, plan.mode as PlanMode);
  const { sections, others } = groupByDeficit(plan);
  const c = counts(plan.items);

  const draft = async () => {
    setDrafting(true);
    setMessage(null);
    try {
      const result = await planApi.draft(userId);
      const n = result.created.length, l = result.linked.length;
      setMessage({ ok: true, text: n || l
        ? [n ? `Добавлено ${n} ${plural(n, ["пункт", "пункта", "пунктов"])}` : "", l ? `к группам курсов привязано ${l}` : ""].filter(Boolean).join("; ") + "."
        : "Новых пунктов нет: в плане уже есть всё, что рекомендует профиль, и курсы групп." });
      changed();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "Не удалось составить план" });
    } finally {
      setDrafting(false);
    }
  };

  return (
    <section className="panel plan-panel" aria-labelledby={`${id}-title`}>
      <div className="plan-panel-head">
        <div>
          <h2 id={`${id}-title`}>Индивидуальный образовательный маршрут</h2>
          {mode === "own" && plan.mentor && (
            <p className="plan-mentor">
              Наставник: <strong>{plan.mentor.name}</strong>{plan.mentor.schoolName && `, ${plan.mentor.schoolName}`}
              {plan.mentor.email && <> · <a href={`mailto:${plan.mentor.email}`}>{plan.mentor.email}</a></>}
              {plan.mentor.schoolPhone && <> · тел. школы <a href={`tel:${plan.mentor.schoolPhone.replace(/[^\d+]/g, "")}`}>{plan.mentor.schoolPhone}</a></>}
            </p>
          )}
          {mode === "own" && !plan.mentor && <p className="muted">Наставник пока не назначен.</p>}
        </div>
        {c.total > 0 && (
          <div className="plan-progress">
            <ProgressBar label="Выполнено" value={c.done} max={c.total} good={c.done === c.total} />
            <p className="muted">В работе: {c.inProgress}{c.overdue ? <> · <span className="plan-overdue-count">просрочено: {c.overdue}</span></> : null}</p>
          </div>
        )}
      </div>

      <div className="toolbar plan-toolbar">
        {editable && <button type="button" className="button button-primary" onClick={() => void draft()} disabled={drafting}>{drafting ? "Составляем…" : "Составить план по профилю"}</button>}
        {editable && !adding && <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>Добавить пункт</button>}
        <button type="button" className="button button-ghost-dark" aria-expanded={showHistory} aria-controls={`${id}-history`} onClick={() => setShowHistory((v) => !v)}>
          {showHistory ? "Скрыть историю" : "История изменений"}
        </button>
      </div>
      <div aria-live="polite">{message && <p className={`notice ${message.ok ? "notice-ok" : "notice-error"}`}>{message.text}</p>}</div>
      {adding && <ItemForm userId={userId} plan={plan} onCancel={() => setAdding(false)} onDone={() => { setAdding(false); changed(); }} />}

      {plan.items.length === 0 && (
        <p className="muted">
          В плане пока нет пунктов.{editable ? " «Составить план по профилю» добавит рекомендованные курсы и группы курсов, а для остальных дефицитов — самостоятельное изучение." : ""}
        </p>
      )}
      {sections.map((s) => (
        <section key={s.key} className="plan-section" aria-labelledby={`${id}-${s.key}`}>
          <h3 id={`${id}-${s.key}`}>
            {s.title}
            {s.percent !== undefined && <span className="tag tag-risk">Дефицит · {Math.round(s.percent)}%</span>}
          </h3>
          <ul className="plan-items">
            {s.items.map((item) => <PlanItemCard key={item.id} userId={userId} plan={plan} item={item} editable={editable} viewerId={user?.id ?? ""} onChanged={changed} />)}
          </ul>
        </section>
      ))}
      {others.length > 0 && (
        <section className="plan-section" aria-labelledby={`${id}-others`}>
          <h3 id={`${id}-others`}>{sections.length ? "Другие дефициты" : "Дефициты"}</h3>
          <ul className="plan-others">
            {others.map((d) => (
              <li key={d.id}>
                <span>{d.title} <span className="tag tag-risk">{Math.round(d.percent)}%</span></span>
                {d.coveredBy.length
                  ? <span className="muted">закрывает {d.coveredBy.map((i) => `«${i.title}»`).join(", ")}</span>
                  : <span className="plan-gap">пунктов нет</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {showHistory && (
        <section id={`${id}-history`} className="plan-section" aria-label="История изменений плана">
          <h3>История изменений</h3>
          <PlanHistory userId={userId} version={version} />
        </section>
      )}
    </section>
  );
}
