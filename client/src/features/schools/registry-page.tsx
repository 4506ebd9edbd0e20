// «Школы»: the region registry for staff and coordinators: index, clusters, risks, coverage and climate, filters, XLSX.
import { useEffect, useMemo, useState } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { clusterTitle } from "../../lib/subjects";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { RiskBadge } from "./profile-context";
import { AUDIENCE_LABELS, decimal, filtersFromSearch, NO_FILTERS, RISK_LEVEL_LABELS, schoolsApi, searchOf, type Registry, type RegistryFilters, type RegistryRow } from "./schools-api";
import "./schools.css";

const LEVEL_RANK = { high: 3, medium: 2, low: 1, unknown: 0 } as const;

const count = (r: RegistryRow, level: "high" | "medium") => r.risks.filter((x) => x.level === level).length;

function columns(registry: Registry, risk: string, withMunicipality: boolean): Array<Column<RegistryRow>> {
  const riskTitle = registry.risks.find((r) => r.id === risk)?.title;
  const levelOf = (r: RegistryRow) => r.risks.find((x) => x.id === risk)?.level ?? "unknown";
  return [
    { key: "name", header: "Школа", value: (r) => r.name,
      render: (r) => <Link href={`/schools/${encodeURIComponent(r.schoolId)}`} title={r.name}>{r.shortName || r.name}</Link> },
    ...(withMunicipality ? [{ key: "municipality", header: "Муниципалитет", value: (r: RegistryRow) => r.municipalityName }] : []),
    { key: "index", header: "Индекс · место", value: (r) => r.index?.value ?? null, numeric: true,
      render: (r) => (r.index ? <>{decimal(r.index.value, 2)} <span className="muted">· {r.index.rank} из {r.index.of}</span></> : <span className="muted">нет</span>) },
    { key: "clusters", header: "Кластеры", value: (r) => r.clusters.map(clusterTitle).join("; "),
      render: (r) => r.clusters.map((c) => <span key={c} className="tag">{clusterTitle(c)}</span>) },
    ...(riskTitle
      ? [{ key: "risk", header: riskTitle, value: (r: RegistryRow) => LEVEL_RANK[levelOf(r)], render: (r: RegistryRow) => <RiskBadge level={levelOf(r)} /> }]
      : [
        { key: "high", header: "Высоких рисков", value: (r: RegistryRow) => count(r, "high"), numeric: true },
        { key: "medium", header: "Средних", value: (r: RegistryRow) => count(r, "medium"), numeric: true },
      ]),
    { key: "coverage", header: "Прошли диагностику", value: (r) => (r.coverage.assigned ? r.coverage.submitted / r.coverage.assigned : null), numeric: true,
      render: (r) => (r.coverage.assigned ? `${r.coverage.submitted} из ${r.coverage.assigned}` : "—") },
    { key: "climate", header: "Климат: благоприятных шкал", value: (r) => r.climate.favourableShare, numeric: true,
      render: (r) => (r.climate.favourableShare === null ? <span className="muted">нет цифр</span> : `${decimal(r.climate.favourableShare)} %`) },
    { key: "respondents", header: "Климат: ответили", sortable: false,
      value: (r) => r.climate.audiences.filter((a) => a.respondents > 0)
        .map((a) => `${AUDIENCE_LABELS[a.audience].toLowerCase()} ${a.respondents}${a.suppressed ? " (скрыто)" : ""}`).join(", ") || "—" },
  ];
}

export default function RegistryPage() {
  const { user } = useAuth();
  const regionWide = mayChange(user);
  const [chosen, setChosen] = useState<RegistryFilters>(() => filtersFromSearch(location.search));
  const filters = regionWide ? chosen : { ...chosen, municipalityId: "" };
  const search = searchOf(filters);
  useEffect(() => { history.replaceState(null, "", search ? `/schools?${search}` : "/schools"); }, [search]);
  const registry = useLoader(() => schoolsApi.registry(filters), [search]);
  const municipalities = useLoader(() => (regionWide ? schoolsApi.municipalities() : Promise.resolve([])), [regionWide]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const data = registry.data;
  const cols = useMemo(() => (data ? columns(data, filters.risk, regionWide) : []), [data, filters.risk, regionWide]);

  const download = async () => {
    setExporting(true);
    setExportError(null);
    try { await schoolsApi.exportRegistry(filters); } catch (e) { setExportError(e); } finally { setExporting(false); }
  };
  const set = (key: keyof RegistryFilters) => (e: React.ChangeEvent<HTMLSelectElement>) => setChosen({ ...filters, [key]: e.target.value });

  return (
    <section className="page school-registry" aria-labelledby="registry-title">
      <header className="page-header">
        <p className="eyebrow">Школы</p>
        <h1 id="registry-title">Реестр школ {regionWide ? "региона" : "муниципалитета"}</h1>
        <p className="lead">Индекс социального благополучия и место в регионе, кластеры, риски, охват диагностикой в идущих кампаниях и климат.
          Откройте школу, чтобы увидеть причины каждой цифры.</p>
      </header>
      <Panel id="registry-filters" title="Фильтры">
        <form className="form-grid" aria-label="Фильтры реестра" onSubmit={(e) => e.preventDefault()}>
          {regionWide && (
            <div className="field"><label htmlFor="registry-municipalityId"><span>Муниципалитет</span></label>
              <select id="registry-municipalityId" value={filters.municipalityId} onChange={set("municipalityId")}>
                <option value="">Весь регион</option>
                {(municipalities.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </div>
          )}
          <div className="field"><label htmlFor="registry-cluster"><span>Кластер</span></label>
            <select id="registry-cluster" value={filters.cluster} onChange={set("cluster")}>
              <option value="">Все школы</option>
              {(data?.clusters ?? []).map((c) => <option key={c.code} value={c.code}>{c.title}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="registry-risk"><span>Фактор риска</span></label>
            <select id="registry-risk" value={filters.risk} onChange={set("risk")}>
              <option value="">Любой</option>
              {(data?.risks ?? []).map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="registry-level"><span>Уровень риска</span></label>
            <select id="registry-level" value={filters.level} onChange={set("level")}>
              <option value="">{filters.risk ? "Средний или высокий" : "Любой"}</option>
              {(["high", "medium", "low", "unknown"] as const).map((l) => <option key={l} value={l}>{RISK_LEVEL_LABELS[l]}</option>)}
            </select>
          </div>
          {Object.values(filters).some(Boolean) && (
            <div className="field registry-reset">
              <button type="button" className="button button-ghost-dark" onClick={() => setChosen(NO_FILTERS)}>Сбросить фильтры</button>
            </div>
          )}
        </form>
      </Panel>
      {registry.error ? <ErrorNotice error={registry.error} onRetry={registry.reload} /> : !data ? <Loading label="Собираем реестр…" /> : (
        <Panel id="registry" title={`Школы: ${data.schools.length} из ${data.regionSchools}`}>
          <p className="muted">
            Охват — {data.campaigns.length ? data.campaigns.map((c) => c.title).join(", ") : "идущих кампаний нет"}.
            Климат — {data.climateCampaign?.title ?? "опросов ещё не было"}; группы меньше {data.threshold} человек (и те, по которым их можно вычислить) скрыты.
          </p>
          {exportError !== null && <ErrorNotice error={exportError} />}
          <DataTable rows={data.schools} columns={cols} rowKey={(r) => r.schoolId} caption="Реестр школ" pageSize={50}
            emptyText="Нет школ с такими условиями" filterPlaceholder="Поиск по названию, муниципалитету, кластеру…"
            toolbar={<button type="button" className="button button-secondary" onClick={() => void download()} disabled={exporting}>{exporting ? "Готовим файл…" : "Скачать XLSX"}</button>} />
        </Panel>
      )}
    </section>
  );
}
