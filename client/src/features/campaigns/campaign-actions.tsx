// What a methodologist may do with a campaign: open or change or delete a planned one, close a running one, each confirmed.
import { useState } from "react";
import { navigate } from "../../app/router";
import { ApiError } from "../../lib/api";
import { formatDay, localDay, windowText } from "./campaign-logic";
import { campaignsApi, type Campaign } from "./campaigns-api";
import { ConfirmDialog } from "../../lib/confirm-dialog";

type Action = "open" | "close" | "delete";

export function CampaignActions({ campaign: c, scope, onChanged, onEdit }: {
  campaign: Campaign;
  /** The scope in words ("Весь регион", "Первый район"). */
  scope: string;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const start = (a: Action) => { setError(null); setDone(null); setAction(a); };
  const run = async () => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      if (action === "delete") {
        await campaignsApi.remove(c.id);
        navigate("/campaigns");
        return;
      }
      await (action === "open" ? campaignsApi.open(c.id) : campaignsApi.close(c.id));
      setDone(action === "open" ? "Кампания открыта: участникам назначены её инструменты." : "Кампания закрыта. Все ответы сохранены.");
      setAction(null);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось выполнить действие. Попробуйте ещё раз.");
    } finally {
      setBusy(false);
    }
  };
  const notYet = c.startsOn > localDay();

  return (
    <>
      <div className="page-actions">
        {c.status === "planned" && (
          <>
            <button type="button" className="button button-primary" onClick={() => start("open")}>Открыть</button>
            <button type="button" className="button button-secondary" onClick={onEdit}>Изменить</button>
            <button type="button" className="button button-ghost-dark button-danger-text" onClick={() => start("delete")}>Удалить</button>
          </>
        )}
        {c.status === "active" && <button type="button" className="button button-secondary" onClick={() => start("close")}>Закрыть</button>}
      </div>
      {done && <p className="notice notice-ok" role="status">{done}</p>}

      {action === "open" && (
        <ConfirmDialog title="Открыть кампанию?" confirmLabel="Открыть" busy={busy} error={error} onConfirm={run} onCancel={() => setAction(null)}>
          <p>
            Всем, кого охватывает кампания «{c.title}» ({scope === "Весь регион" ? "весь регион" : scope}), будут назначены её инструменты:
            учителям — тесты по их предметам, директорам — диагностика руководителя и карта условий.
          </p>
          <p>Участники увидят назначение на главной странице и смогут пройти диагностику {windowText(c.startsOn, c.endsOn)}{notYet && ` До ${formatDay(c.startsOn)} пройти её будет нельзя.`}</p>
          <p>После открытия кампанию нельзя изменить или удалить — только закрыть. Если кому-то те же инструменты уже назначены в другой идущей кампании, открыть не получится: мы назовём эту кампанию.</p>
        </ConfirmDialog>
      )}
      {action === "close" && (
        <ConfirmDialog title="Закрыть кампанию?" confirmLabel="Закрыть кампанию" danger busy={busy} error={error} onConfirm={run} onCancel={() => setAction(null)}>
          <p>Кампания «{c.title}» перестанет принимать ответы: начатые, но не отправленные попытки остановятся, и продолжить их будет нельзя.</p>
          <p>Все уже данные ответы и результаты сохранятся, охват и списки останутся доступны. Открыть кампанию снова нельзя — для следующего этапа создайте новую.</p>
        </ConfirmDialog>
      )}
      {action === "delete" && (
        <ConfirmDialog title="Удалить кампанию?" confirmLabel="Удалить" danger busy={busy} error={error} onConfirm={run} onCancel={() => setAction(null)}>
          <p>Запланированная кампания «{c.title}» будет удалена. Участники её не видели, ответов в ней нет. Это действие нельзя отменить.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
