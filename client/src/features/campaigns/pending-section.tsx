// «Кто ещё не прошёл»: those still to test, a page at a time, filtered by municipality and school, downloadable for phone rounds.
import { useMemo, useState } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { formatNumber, PENDING_STATE_LABELS, shortInstrumentTitle } from "./campaign-logic";
import { campaignsApi, type PendingFilter, type PendingRow } from "./campaigns-api";

const PAGE = 100;

export function PendingSection({ campaignId, municipalities, coordinatorMunicipality, filter, onFilter, refresh }: {
  campaignId: string;
  municipalities: ReadonlyArray<{ id: string; name: string }>;
  /** A coordinator's own municipality: the only one they see, so no choice of municipality. */
  coordinatorMunicipality: string | null;
  filter: PendingFilter;
  onFilter: (next: PendingFilter) => void;
  refresh: number;
}) {
  // The page belongs to a filter: a new filter (here or from the schools table) starts at the first page.
  const filterKey = `${filter.municipalityId ?? ""}|${filter.schoolId ?? ""}`;
  const [page, setPage] = useState({ key: filterKey, offset: 0 });
  const offset = page.key === filterKey ? page.offset : 0;
  const setOffset = (next: number) => setPage({ key: filterKey, offset: next });
  const [download, setDownload] = useState<{ busy: "xlsx" | "csv" | null; error: unknown }>({ busy: null, error: null });
  const schoolsOf = filter.municipalityId ?? coordinatorMunicipality ?? undefined;
  const schools = useLoader(() => (schoolsOf ? campaignsApi.schoolsCoverage(campaignId, schoolsOf) : Promise.resolve([])), [campaignId, schoolsOf]);
  const pending = useLoader(() => campaignsApi.pending(campaignId, filter, PAGE, offset), [campaignId, filter.municipalityId, filter.schoolId, offset, refresh]);

  const setFilter = (next: PendingFilter) => onFilter(next);
  const save = async (format: "xlsx" | "csv") => {
    setDownload({ busy: format, error: null });
    try {
      await campaignsApi.downloadPending(campaignId, filter, format);
      setDownload({ busy: null, error: null });
    } catch (error) {
      setDownload({ busy: null, error });
    }
  };

  const columns = useMemo<Array<Column<PendingRow>>>(() => [
    { key: "name", header: "ФИО", value: (r) => r.name },
    { key: "position", header: "Должность", value: (r) => r.position ?? "" },
    { key: "school", header: "Школа", value: (r) => r.schoolName },
    { key: "phone", header: "Телефон школы", value: (r) => r.schoolPhone ?? "", render: (r) => (r.schoolPhone ? <a href={`tel:${r.schoolPhone.replace(/[^\d+]/g, "")}`}>{r.schoolPhone}</a> : "—") },
    ...(coordinatorMunicipality ? [] : [{ key: "municipality", header: "Муниципалитет", value: (r: PendingRow) => r.municipalityName }]),
    { key: "instrument", header: "Инструмент", value: (r) => r.instrumentTitle, render: (r) => <span title={r.instrumentTitle}>{shortInstrumentTitle(r.instrumentTitle)}</span> },
    { key: "state", header: "Состояние", value: (r) => PENDING_STATE_LABELS[r.state], render: (r) => <span className={`pending-${r.state}`}>{PENDING_STATE_LABELS[r.state]}</span> },
  ], [coordinatorMunicipality]);

  const total = pending.data?.total ?? 0;
  const last = Math.min(offset + PAGE, total);
  return (
    <Panel id="pending" title="Кто ещё не прошёл">
      <div className="toolbar">
        {!coordinatorMunicipality && (
          <label className="field">
            <span>Муниципалитет</span>
            <select value={filter.municipalityId ?? ""} onChange={(e) => setFilter({ municipalityId: e.target.value || undefined })}>
              <option value="">Все</option>
              {municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span>Школа</span>
          <select value={filter.schoolId ?? ""} disabled={!schoolsOf} onChange={(e) => setFilter({ ...filter, schoolId: e.target.value || undefined })}>
            <option value="">{schoolsOf ? "Все школы" : "Сначала выберите муниципалитет"}</option>
            {(schools.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.shortName || s.name}</option>)}
          </select>
        </label>
        <div className="toolbar-end">
          <button type="button" className="button button-secondary" disabled={download.busy !== null || total === 0} onClick={() => save("xlsx")}>
            {download.busy === "xlsx" ? "Готовим файл…" : "Скачать XLSX"}
          </button>
          <button type="button" className="button button-ghost-dark" disabled={download.busy !== null || total === 0} onClick={() => save("csv")}>
            {download.busy === "csv" ? "Готовим файл…" : "CSV"}
          </button>
        </div>
      </div>
      {download.error != null && <ErrorNotice error={download.error} />}
      <p className="muted small">
        Одна строка — человек и инструмент, который он ещё не отправил. В файл попадают все строки с выбранными фильтрами,
        с телефонами школ — для обзвона.
      </p>
      {pending.error ? <ErrorNotice error={pending.error} onRetry={pending.reload} /> : !pending.data ? <Loading /> : (
        <>
          <p aria-live="polite">
            {total === 0 ? "Все назначенные прошли диагностику." : offset >= total ? `Не прошли: ${formatNumber(total)}. На этой странице строк больше нет.` : `Не прошли: ${formatNumber(total)}. Показаны ${formatNumber(offset + 1)}–${formatNumber(last)}.`}
          </p>
          {total > 0 && (
            <DataTable rows={pending.data.rows} columns={columns} rowKey={(r) => `${r.userId}:${r.instrumentId}`} caption="Кто ещё не прошёл диагностику"
              pageSize={PAGE} filterPlaceholder="Поиск на этой странице…" />
          )}
          {(total > PAGE || offset > 0) && (
            <nav className="pager" aria-label="Страницы списка «Кто ещё не прошёл»">
              <button type="button" className="button button-ghost-dark" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Назад</button>
              <span>Страница {Math.floor(offset / PAGE) + 1} из {Math.ceil(total / PAGE)}</span>
              <button type="button" className="button button-ghost-dark" disabled={last >= total} onClick={() => setOffset(offset + PAGE)}>Вперёд</button>
            </nav>
          )}
        </>
      )}
    </Panel>
  );
}
