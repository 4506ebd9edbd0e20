// A campaign's coverage: figures at a glance, progress against its targets, the chart and tables by municipality and instrument.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { Panel, ProgressBar, Stat } from "../../lib/ui";
import { formatNumber, percentOf, targetBars } from "./campaign-logic";
import type { Campaign, Coverage, InstrumentCoverage, MunicipalityCoverage } from "./campaigns-api";
import { CoverageChart } from "../../lib/coverage-chart";

export function CoverageSection({ campaign, coverage, coordinator, selected, onSelect }: {
  campaign: Campaign;
  coverage: Coverage;
  coordinator: boolean;
  /** The municipality whose schools are shown below the table. */
  selected: string | null;
  onSelect: (municipalityId: string) => void;
}) {
  const targets = useMemo(() => targetBars(coverage, campaign.targets, coordinator), [coverage, campaign.targets, coordinator]);
  const { assigned, started, submitted } = coverage;

  const municipalityColumns = useMemo<Array<Column<MunicipalityCoverage>>>(() => [
    {
      key: "name", header: "Муниципалитет", value: (m) => m.name,
      render: (m) => (
        <button type="button" className="link-button" aria-pressed={selected === m.id} onClick={() => onSelect(m.id)}>
          {m.name}<span className="visually-hidden">: показать школы</span>
        </button>
      ),
    },
    { key: "assigned", header: "Назначено", value: (m) => m.assigned, numeric: true },
    { key: "started", header: "Начали", value: (m) => m.started, numeric: true },
    { key: "submitted", header: "Прошли", value: (m) => m.submitted, numeric: true },
    { key: "share", header: "Прошли, %", value: (m) => percentOf(m.submitted, m.assigned), numeric: true, render: (m) => `${percentOf(m.submitted, m.assigned)}%` },
    { key: "teachers", header: "Учителя", value: (m) => m.roles.teachers.submitted, numeric: true, render: (m) => `${m.roles.teachers.submitted} из ${m.roles.teachers.assigned}` },
    { key: "principals", header: "Руководители", value: (m) => m.roles.principals.submitted, numeric: true, render: (m) => `${m.roles.principals.submitted} из ${m.roles.principals.assigned}` },
    { key: "schools", header: "Школы с прошедшими", value: (m) => percentOf(m.schools.covered, m.schools.total), numeric: true, render: (m) => `${m.schools.covered} из ${m.schools.total}` },
  ], [selected, onSelect]);

  const instrumentColumns = useMemo<Array<Column<InstrumentCoverage>>>(() => [
    { key: "title", header: "Инструмент", value: (i) => i.title, render: (i) => <>{i.title}{i.anonymous && <span className="tag">анонимно, по кодам</span>}</> },
    { key: "assigned", header: "Назначено", value: (i) => (i.anonymous ? null : i.assigned), numeric: true },
    { key: "started", header: "Начали", value: (i) => i.started, numeric: true },
    { key: "submitted", header: "Прошли / ответов", value: (i) => i.submitted, numeric: true },
    { key: "share", header: "Прошли, %", value: (i) => (i.anonymous ? null : percentOf(i.submitted, i.assigned)), numeric: true, render: (i) => (i.anonymous ? "—" : `${percentOf(i.submitted, i.assigned)}%`) },
  ], []);

  return (
    <>
      <div className="stats" aria-live="polite">
        <Stat label="Назначено людей" value={formatNumber(assigned)} note={`учителей ${formatNumber(coverage.roles.teachers.assigned)}, руководителей ${formatNumber(coverage.roles.principals.assigned)}`} />
        <Stat label="Начали" value={formatNumber(started)} note={`${percentOf(started, assigned)}% назначенных`} />
        <Stat label="Прошли полностью" value={formatNumber(submitted)} note={`${percentOf(submitted, assigned)}% назначенных`} />
        <Stat label="Школы с прошедшими" value={`${formatNumber(coverage.schools.covered)} из ${formatNumber(coverage.schools.total)}`} note={`${percentOf(coverage.schools.covered, coverage.schools.total)}% школ`} />
      </div>

      <Panel id="targets" title={coordinator ? "Охват в вашем муниципалитете" : "Охват против целей"}>
        {targets.map((t) => (
          <div key={t.key} className="target">
            <ProgressBar label={t.label} value={t.value} max={t.max} good={t.good} />
            <p className="muted small">{t.note}</p>
          </div>
        ))}
        <p className="muted small">«Прошли» — человек отправил все назначенные ему диагностики; карта условий школы считается отдельно, в таблице инструментов.</p>
      </Panel>

      <Panel id="by-municipality" title="По муниципалитетам">
        {coverage.municipalities.length === 0 ? <p className="muted">Никому не назначены диагностики этой кампании.</p> : (
          <>
            {coverage.municipalities.length > 1 && <CoverageChart rows={coverage.municipalities} label="Охват по муниципалитетам" />}
            <DataTable rows={coverage.municipalities} columns={municipalityColumns} rowKey={(m) => m.id} caption="Охват по муниципалитетам"
              initialSort={{ key: "share", direction: "asc" }} exportName="ohvat-po-municipalitetam.csv" pageSize={100}
              rowClassName={(m) => (m.id === selected ? "row-selected" : undefined)} />
            {!selected && <p className="muted small">Нажмите на муниципалитет, чтобы увидеть его школы.</p>}
          </>
        )}
      </Panel>

      <Panel id="by-instrument" title="По инструментам">
        <DataTable rows={coverage.instruments} columns={instrumentColumns} rowKey={(i) => i.id} caption="Охват по инструментам" exportName="ohvat-po-instrumentam.csv" />
      </Panel>
    </>
  );
}
