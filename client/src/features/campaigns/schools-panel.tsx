// The schools of one municipality in a campaign: who is assigned, started and finished, with the phone to call.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { percentOf } from "./campaign-logic";
import { campaignsApi, type SchoolCoverage } from "./campaigns-api";

export function SchoolsPanel({ campaignId, municipalityId, municipalityName, refresh, onShowPending }: {
  campaignId: string;
  municipalityId: string;
  municipalityName: string;
  /** Changes when the page refreshes its figures. */
  refresh: number;
  onShowPending: (schoolId: string) => void;
}) {
  const schools = useLoader(() => campaignsApi.schoolsCoverage(campaignId, municipalityId), [campaignId, municipalityId, refresh]);
  const columns = useMemo<Array<Column<SchoolCoverage>>>(() => [
    {
      key: "name", header: "Школа", value: (s) => s.shortName || s.name,
      render: (s) => (
        <>
          <span title={s.name}>{s.shortName || s.name}</span>
          {s.lowResults && <span className="tag tag-risk">низкие результаты</span>}
          {s.unfavourable && <span className="tag tag-risk">сложные условия</span>}
        </>
      ),
    },
    { key: "phone", header: "Телефон", value: (s) => s.phone ?? "", render: (s) => (s.phone ? <a href={`tel:${s.phone.replace(/[^\d+]/g, "")}`}>{s.phone}</a> : "—") },
    { key: "assigned", header: "Назначено", value: (s) => s.assigned, numeric: true },
    { key: "started", header: "Начали", value: (s) => s.started, numeric: true },
    { key: "submitted", header: "Прошли", value: (s) => s.submitted, numeric: true },
    { key: "share", header: "Прошли, %", value: (s) => percentOf(s.submitted, s.assigned), numeric: true, render: (s) => `${percentOf(s.submitted, s.assigned)}%` },
    {
      key: "pending", header: "Не прошли", value: (s) => s.assigned - s.submitted, numeric: true, noExport: true,
      render: (s) => (s.assigned > s.submitted
        ? <button type="button" className="link-button" onClick={() => onShowPending(s.id)}>{s.assigned - s.submitted}<span className="visually-hidden"> — показать список</span></button>
        : "0"),
    },
  ], [onShowPending]);

  return (
    <Panel id="schools" title={`Школы: ${municipalityName}`}>
      {schools.error ? <ErrorNotice error={schools.error} onRetry={schools.reload} /> : !schools.data ? <Loading /> : (
        <DataTable rows={schools.data} columns={columns} rowKey={(s) => s.id} caption={`Охват по школам: ${municipalityName}`}
          initialSort={{ key: "share", direction: "asc" }} exportName={`ohvat-po-shkolam-${municipalityId}.csv`} pageSize={50}
          emptyText="В этом муниципалитете никому не назначены диагностики кампании" />
      )}
    </Panel>
  );
}
