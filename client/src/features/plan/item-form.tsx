// The form of a plan item: kind, title, competency, due date, a resource for self-study; adds one or changes one.
import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { planApi, type Plan, type PlanItem } from "./plan-api";
import { KIND_LABELS, KINDS } from "./plan-logic";

interface Props {
  userId: string;
  plan: Plan;
  /** The item to change; without it, a new one is added. */
  item?: PlanItem;
  onDone: () => void;
  onCancel: () => void;
}

export function ItemForm({ userId, plan, item, onDone, onCancel }: Props) {
  const id = useId();
  const [kind, setKind] = useState<string>(item?.kind ?? "consultation");
  const [title, setTitle] = useState(item?.title ?? "");
  const [competencyId, setCompetencyId] = useState(item?.competencyId ?? plan.deficits[0]?.id ?? "");
  const [dueOn, setDueOn] = useState(item?.dueOn ?? "");
  const [resourceUrl, setResourceUrl] = useState(item?.resourceUrl ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The item's own competency stays choosable even when it is no longer a deficit.
  const options = [...plan.deficits.map((d) => ({ id: d.id, title: d.title }))];
  if (item?.competencyId && !options.some((o) => o.id === item.competencyId)) options.push({ id: item.competencyId, title: item.competencyTitle ?? item.competencyId });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (item) {
        await planApi.updateItem(userId, item.id, {
          title: title.trim(), dueOn: dueOn || null, competencyId: competencyId || null,
          ...(item.kind === "self-study" ? { resourceUrl: resourceUrl.trim() || null } : {}),
        });
      } else {
        await planApi.addItem(userId, {
          kind, title: title.trim(), ...(competencyId ? { competencyId } : {}), ...(dueOn ? { dueOn } : {}),
          ...(kind === "self-study" && resourceUrl.trim() ? { resourceUrl: resourceUrl.trim() } : {}),
        });
      }
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось сохранить пункт");
      setBusy(false);
    }
  };

  const selfStudy = (item?.kind ?? kind) === "self-study";
  return (
    <form className="plan-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{item ? "Изменить пункт" : "Новый пункт плана"}</h3>
      <div className="form-grid">
        {!item && (
          <label className="field">
            <span>Вид</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span>Компетенция</span>
          <select value={competencyId} onChange={(e) => setCompetencyId(e.target.value)}>
            <option value="">Без привязки</option>
            {options.map((o) => <option key={o.id} value={o.id}>{o.title}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Срок</span>
          <input type="date" value={dueOn} min="2020-01-01" max="2100-12-31" onChange={(e) => setDueOn(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Что сделать</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} autoFocus
          placeholder="Например: посетить открытый урок наставника по теме «Дроби»" />
        <small>До 300 символов</small>
      </label>
      {selfStudy && (
        <label className="field">
          <span>Ресурс для самостоятельного изучения (ссылка)</span>
          <input type="url" value={resourceUrl} onChange={(e) => setResourceUrl(e.target.value)} placeholder="https://…" maxLength={2000} />
        </label>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="plan-form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !title.trim()}>{busy ? "Сохраняем…" : item ? "Сохранить" : "Добавить"}</button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>Отмена</button>
      </div>
    </form>
  );
}
