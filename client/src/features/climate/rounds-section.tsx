// «Опросы»: the school's rounds with codes used and answers; open a round, more codes, close one.
import { useMemo, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { AUDIENCE_LABELS, climateApi, type Round } from "./climate-api";
import { IssuedCodesPanel } from "./issued-codes";
import { OpenRoundForm, parseClasses, type IssuedCodes } from "./open-round-form";

export function RoundsSection({ schoolId, canWrite, onChanged }: { schoolId: string; canWrite: boolean; onChanged: () => void }) {
  const [refresh, setRefresh] = useState(0);
  const rounds = useLoader(() => climateApi.rounds(schoolId), [schoolId, refresh]);
  const [issued, setIssued] = useState<IssuedCodes | null>(null);
  const [closing, setClosing] = useState<Round | null>(null);
  const [adding, setAdding] = useState<Round | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = () => { setRefresh((n) => n + 1); onChanged(); };

  const columns = useMemo<Array<Column<Round>>>(() => [
    { key: "audience", header: "Кого", value: (r) => AUDIENCE_LABELS[r.audience], render: (r) => <>{AUDIENCE_LABELS[r.audience]}{r.classes.length ? <span className="muted"> · {r.classes.join(", ")}</span> : null}</> },
    { key: "opened", header: "Открыт", value: (r) => r.openedOn, render: (r) => formatDate(r.openedOn) },
    { key: "issued", header: "Кодов выдано", value: (r) => r.codesIssued, numeric: true },
    { key: "used", header: "Вошли по коду", value: (r) => r.codesUsed, numeric: true },
    { key: "submitted", header: "Ответов", value: (r) => r.answersSubmitted, numeric: true, render: (r) => <strong>{r.answersSubmitted}</strong> },
    { key: "status", header: "Состояние", value: (r) => r.status, render: (r) => r.status === "open"
      ? <span className="tag">идёт, коды действуют до {formatDate(r.validUntil)}</span>
      : <span className="tag tag-muted">закрыт{r.closedOn ? ` ${formatDate(r.closedOn)}` : ""}</span> },
    ...(canWrite ? [{
      key: "actions", header: "Действия", value: () => "", noExport: true, sortable: false,
      render: (r: Round) => r.status === "open" ? (
        <div className="climate-row-actions">
          <button type="button" className="button button-ghost-dark" onClick={() => { setDialogError(null); setAdding(r); }}>Ещё коды</button>
          <button type="button" className="button button-ghost-dark" onClick={() => { setDialogError(null); setClosing(r); }}>Закрыть</button>
        </div>
      ) : null,
    }] : []),
  ], [canWrite]);

  const close = async () => {
    if (!closing) return;
    setBusy(true);
    try {
      await climateApi.close(closing.id);
      setClosing(null);
      reload();
    } catch (e) {
      setDialogError(e instanceof ApiError ? e.message : "Не удалось закрыть опрос");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="climate-rounds">
      {canWrite && !issued && <OpenRoundForm schoolId={schoolId} onIssued={(i) => { setIssued(i); reload(); }} />}
      {issued && <IssuedCodesPanel issued={issued} onDone={() => setIssued(null)} />}
      {rounds.error ? <ErrorNotice error={rounds.error} onRetry={rounds.reload} /> : !rounds.data ? <Loading label="Загружаем опросы…" /> : (
        <DataTable rows={rounds.data} columns={columns} rowKey={(r) => r.id} caption="Опросы школы" pageSize={20}
          emptyText="Опросов пока не было. Откройте первый: выберите, кого опрашиваем, и выдайте коды." />
      )}
      {closing && (
        <ConfirmDialog danger title="Закрыть опрос?" confirmLabel="Закрыть опрос" busy={busy} error={dialogError} onConfirm={() => void close()} onCancel={() => setClosing(null)}>
          <p>Неиспользованные коды ({closing.codesIssued - closing.codesUsed}) сразу перестанут действовать. Ответы, которые уже отправлены ({closing.answersSubmitted}), сохранятся.</p>
        </ConfirmDialog>
      )}
      {adding && <MoreCodesDialog round={adding} error={dialogError} onCancel={() => setAdding(null)}
        onIssued={(i) => { setAdding(null); setIssued(i); reload(); }} onError={setDialogError} />}
    </div>
  );
}

function MoreCodesDialog({ round, error, onCancel, onIssued, onError }: {
  round: Round; error: string | null; onCancel: () => void; onIssued: (i: IssuedCodes) => void; onError: (m: string) => void;
}) {
  const [count, setCount] = useState("10");
  const [classes, setClasses] = useState(round.classes.join(", "));
  const [busy, setBusy] = useState(false);
  const students = round.audience === "student";
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const list = parseClasses(classes);
      const body = students && list.length ? { classes: list, codesPerClass: Number(count) } : { codes: Number(count) };
      onIssued({ ...(await climateApi.more(round.id, body)), audience: round.audience });
    } catch (e) {
      onError(e instanceof ApiError ? e.message : "Не удалось выдать коды");
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog title={`Ещё коды: ${AUDIENCE_LABELS[round.audience].toLowerCase()}`} confirmLabel="Выдать коды" busy={busy} error={error}
      onConfirm={() => (document.getElementById("more-codes-form") as HTMLFormElement | null)?.requestSubmit()} onCancel={onCancel}>
      <form id="more-codes-form" onSubmit={(e) => void submit(e)}>
        {students && (
          <label className="field">
            <span>Классы</span>
            <input value={classes} onChange={(e) => setClasses(e.target.value)} placeholder="7А, 7Б" />
          </label>
        )}
        <label className="field">
          <span>{students && parseClasses(classes).length ? "Кодов на каждый класс" : "Сколько кодов"}</span>
          <input type="number" inputMode="numeric" min={1} max={2000} required value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
      </form>
    </ConfirmDialog>
  );
}
