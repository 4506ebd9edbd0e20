// «Коды доступа»: who at which school has a personal code; issue codes and download them once, as a PDF to cut or an XLSX.
import { useMemo, useState } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { importsApi, type IssueRequest, type SchoolCodes } from "./imports-api";

const people = (n: number) => `${n} ${plural(n, ["сотрудник", "сотрудника", "сотрудников"])}`;

export function AccessCodesSection({ refresh }: { refresh: number }) {
  const [municipalityId, setMunicipalityId] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reissue, setReissue] = useState(false);
  const [confirming, setConfirming] = useState<"pdf" | "xlsx" | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string | null }>({ busy: false, error: null, done: null });
  const municipalities = useLoader(() => importsApi.municipalities(), []);
  const schools = useLoader(() => importsApi.codeSchools(municipalityId || undefined), [municipalityId, refresh]);

  const columns = useMemo<Array<Column<SchoolCodes>>>(() => [
    { key: "school", header: "Школа", value: (s) => s.shortName, render: (s) => <span title={s.schoolName}>{s.shortName}</span> },
    { key: "municipality", header: "Муниципалитет", value: (s) => s.municipalityName },
    { key: "people", header: "Сотрудников", value: (s) => s.people, numeric: true },
    { key: "with", header: "С кодом", value: (s) => s.withCode, numeric: true },
    { key: "without", header: "Без кода", value: (s) => s.withoutCode, numeric: true, render: (s) => (s.withoutCode ? <strong>{s.withoutCode}</strong> : "0") },
  ], []);

  const rows = schools.data ?? [];
  const chosen = selected.size ? rows.filter((s) => selected.has(s.schoolId)) : rows;
  const target = chosen.reduce((n, s) => n + (reissue ? s.people : s.withoutCode), 0);
  const scopeText = selected.size
    ? `выбрано школ: ${selected.size}`
    : municipalityId ? "все школы выбранного муниципалитета" : "все школы региона";

  const issue = async (format: "pdf" | "xlsx") => {
    setConfirming(null);
    setState({ busy: true, error: null, done: null });
    const body: IssueRequest = { format, reissue, ...(selected.size ? { schoolIds: [...selected] } : {}), ...(municipalityId ? { municipalityId } : {}) };
    try {
      await importsApi.issueCodes(body);
      setState({ busy: false, error: null, done: `Коды выданы: ${people(target)}. Файл ${format.toUpperCase()} скачан — сохраните или распечатайте его сейчас.` });
      setSelected(new Set());
      schools.reload();
    } catch (error) {
      setState({ busy: false, error, done: null });
    }
  };
  const start = (format: "pdf" | "xlsx") => (reissue ? setConfirming(format) : void issue(format));

  return (
    <div className="access-codes">
      <div className="notice notice-warn">
        <p><strong>Коды показываются один раз</strong> — в файле, который скачивается при выдаче. В системе хранится только их отпечаток,
          поэтому напечатать тот же код повторно нельзя: можно только перевыпустить его, и тогда старый перестанет действовать.</p>
        <p className="muted">Сотрудник входит так: открывает адрес платформы, выбирает «Вход по коду» и вводит код. Код действует 365 дней.</p>
      </div>
      <div className="toolbar">
        <label className="field">
          <span>Муниципалитет</span>
          <select value={municipalityId} onChange={(e) => { setMunicipalityId(e.target.value); setSelected(new Set()); }}>
            <option value="">Все муниципалитеты</option>
            {(municipalities.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      </div>
      {schools.error ? <ErrorNotice error={schools.error} onRetry={schools.reload} /> : !schools.data ? <Loading label="Загружаем школы…" /> : (
        <DataTable rows={rows} columns={columns} rowKey={(s) => s.schoolId} caption="Коды доступа по школам" pageSize={25}
          initialSort={{ key: "without", direction: "desc" }} exportName="Коды доступа по школам.csv" filterPlaceholder="Найти школу…"
          selection={{ selected, onChange: setSelected }} emptyText="В этом муниципалитете нет школ." />
      )}
      <fieldset className="checks issue-box">
        <legend>Выдать коды</legend>
        <p>Кому: {scopeText}. {reissue ? "Новые коды получат все сотрудники" : "Коды получат сотрудники без действующего кода"} — {people(target)}.</p>
        {target === 0 && !reissue && rows.length > 0 && (
          <p className="muted">У всех сотрудников этих школ уже есть действующие коды. Чтобы напечатать коды заново, отметьте «Перевыпустить коды».</p>
        )}
        <label>
          <input type="checkbox" checked={reissue} onChange={(e) => setReissue(e.target.checked)} />
          Перевыпустить коды (старые перестанут действовать)
        </label>
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={state.busy || target === 0} onClick={() => start("pdf")}>Выдать коды и скачать PDF</button>
          <button type="button" className="button button-secondary" disabled={state.busy || target === 0} onClick={() => start("xlsx")}>Выдать коды и скачать XLSX</button>
        </div>
        <div aria-live="polite">
          {state.busy && <p className="muted">Выдаём коды и готовим файл…</p>}
          {state.done && <p className="notice notice-ok">{state.done}</p>}
        </div>
        {state.error !== null && <ErrorNotice error={state.error} />}
      </fieldset>
      {confirming && (
        <ConfirmDialog danger title="Перевыпустить коды?" confirmLabel="Перевыпустить и скачать" onConfirm={() => void issue(confirming)} onCancel={() => setConfirming(null)}>
          <p>Новые коды получат {people(target)} ({scopeText}). Их прежние коды перестанут действовать сразу: уже розданные листки придётся заменить.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
