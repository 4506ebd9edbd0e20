// One plan item: what, when (overdue marked), its state and who added it; status, edit, delete and evidence for those who may.
import { useId, useState } from "react";
import { ApiError } from "../../lib/api";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { formatDate } from "../../lib/format";
import { EvidenceList } from "./evidence-list";
import { ItemForm } from "./item-form";
import { planApi, type Plan, type PlanItem } from "./plan-api";
import { KIND_LABELS, STATUS_LABELS, STATUSES } from "./plan-logic";

export function PlanItemCard({ userId, plan, item, editable, viewerId, onChanged }: {
  userId: string; plan: Plan; item: PlanItem; editable: boolean; viewerId: string; onChanged: () => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось сохранить");
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    return <li className="plan-item"><ItemForm userId={userId} plan={plan} item={item} onCancel={() => setEditing(false)} onDone={() => { setEditing(false); onChanged(); }} /></li>;
  }
  return (
    <li className={`plan-item plan-item-${item.status}${item.overdue ? " plan-item-overdue" : ""}`} aria-labelledby={`${id}-title`}>
      <div className="plan-item-head">
        <span className="tag">{KIND_LABELS[item.kind as keyof typeof KIND_LABELS] ?? item.kind}</span>
        <span className={`plan-status plan-status-${item.status}`}>{STATUS_LABELS[item.status as keyof typeof STATUS_LABELS] ?? item.status}</span>
        {item.overdue && <span className="tag tag-risk">Просрочено</span>}
      </div>
      <h4 id={`${id}-title`} className="plan-item-title">{item.title}</h4>
      <p className="plan-item-meta">
        {item.dueOn ? <>Срок: <strong>{formatDate(item.dueOn)}</strong></> : <span className="muted">Без срока</span>}
        {item.group && <> · Группа «{item.group.title}»{item.group.startsOn && item.group.endsOn ? `, ${formatDate(item.group.startsOn)} — ${formatDate(item.group.endsOn)}` : ""}</>}
        {item.createdBy && <span className="muted"> · добавил(а) {item.createdBy.id === viewerId ? "я" : item.createdBy.name}</span>}
      </p>
      {item.resourceUrl && <p><a href={item.resourceUrl} target="_blank" rel="noopener noreferrer nofollow">Ресурс для изучения<span className="visually-hidden"> (откроется в новой вкладке)</span></a></p>}

      {editable && (
        <div className="plan-item-actions">
          <label className="plan-status-select">
            <span>Статус</span>
            <select value={item.status} disabled={busy} onChange={(e) => void run(() => planApi.updateItem(userId, item.id, { status: e.target.value }))}>
              {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            </select>
          </label>
          <button type="button" className="button button-ghost-dark" onClick={() => setEditing(true)} disabled={busy}>Изменить</button>
          {item.mayDelete && <button type="button" className="button button-ghost-dark" onClick={() => setConfirming(true)} disabled={busy}>Удалить</button>}
        </div>
      )}
      {error && !confirming && <p className="form-error" role="alert">{error}</p>}
      <EvidenceList userId={userId} item={item} editable={editable} viewerId={viewerId} onChanged={onChanged} />
      {confirming && (
        <ConfirmDialog title="Удалить пункт?" confirmLabel="Удалить" danger busy={busy} error={error}
          onCancel={() => setConfirming(false)} onConfirm={() => void run(() => planApi.deleteItem(userId, item.id)).then((ok) => { if (ok) setConfirming(false); })}>
          <p>«{item.title}» исчезнет из плана. Удалить можно только свой пункт, который ещё не начат; начатый или чужой пункт отметьте как «отменено».</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
