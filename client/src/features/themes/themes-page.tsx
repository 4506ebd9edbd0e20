// The region's training themes: the most frequent deficits per subject and across subjects, by municipality and cluster.
import { useEffect, useMemo, useState } from "react";
import type { Static } from "@sinclair/typebox";
import type { ThemesReportSchema } from "../../../../server/modules/analytics/analytics.schemas";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { apiDownload, apiRequest } from "../../lib/api";
import { formatPercent } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel, Stat } from "../../lib/ui";
import { ThemeChart } from "./theme-chart";
import { filtersFromSearch, NO_FILTERS, searchOf, ThemeFilters, type Campaign, type Filters } from "./theme-filters";
import { ThemeMatrix } from "./theme-matrix";
import { ThemeTable, type Theme } from "./theme-table";
import "./themes.css";

type ThemesReport = Static<typeof ThemesReportSchema>;

const CHART_SIZE = 10;

export default function ThemesPage() {
  const { user } = useAuth();
  const regionWide = mayChange(user);
  const [chosen, setChosen] = useState<Filters>(() => filtersFromSearch(location.search));
  // A coordinator's figures are their municipality's whatever the address says.
  const filters = regionWide ? chosen : { ...chosen, municipalityId: "" };
  const search = searchOf(filters);
  useEffect(() => { history.replaceState(null, "", search ? `/themes?${search}` : "/themes"); }, [search]);

  // Every theme of every list: the per-subject lists are short, the chart takes the head of the overall one.
  const report = useLoader(() => apiRequest<ThemesReport>("GET", `/api/analytics/themes?${searchOf(filters, { top: "100" })}`), [search]);
  const campaigns = useLoader(() => apiRequest<Campaign[]>("GET", "/api/campaigns").catch(() => []), []);
  const municipalities = useLoader(
    () => (regionWide ? apiRequest<Array<{ id: string; name: string }>>("GET", "/api/municipalities") : Promise.resolve(null)), [regionWide]);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try { await apiDownload(`/api/analytics/themes/export?${searchOf(filters, { format: "xlsx" })}`); } catch (e) { setDownloadError(e); } finally { setDownloading(false); }
  };

  const data = report.data;
  return (
    <section className="page" aria-labelledby="themes-title">
      <header className="page-header">
        <p className="eyebrow">Темы обучения</p>
        <h1 id="themes-title">Базовая тематика курсов, семинаров и консультаций</h1>
        <p className="lead">
          Самые частые дефициты педагогов по последним результатам диагностики: по предметам и межпредметные, по муниципалитетам
          и кластерам школ. Методическая компетенция, измеренная несколькими тестами, учитывается у человека один раз — по худшему уровню.
        </p>
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={() => void download()} disabled={downloading || !data}>
            {downloading ? "Готовим файл…" : "Скачать XLSX"}
          </button>
        </div>
        {downloadError !== null && <ErrorNotice error={downloadError} />}
      </header>

      {data && (
        <Panel id="filters" title="Условия">
          <ThemeFilters filters={filters} onChange={setChosen} campaigns={campaigns.data ?? []} subjects={data.options.subjects}
            clusters={data.options.clusters} municipalities={regionWide ? municipalities.data ?? [] : null} />
        </Panel>
      )}

      {report.error ? (
        <>
          <ErrorNotice error={report.error} onRetry={report.reload} />
          <p><button type="button" className="button button-secondary" onClick={() => setChosen(NO_FILTERS)}>Сбросить фильтры</button></p>
        </>
      ) : !data ? <Loading label="Считаем темы…" /> : <Report report={data} />}
    </section>
  );
}

function Report({ report }: { report: ThemesReport }) {
  const [section, setSection] = useState("all");
  const subjectThemes = useMemo(() => report.subjects.flatMap((s) => s.themes), [report]);
  const matrixThemes = useMemo(() => {
    const all: Theme[] = [...subjectThemes, ...report.crossSubject.themes, ...report.leadership.themes];
    if (section === "all") return [...subjectThemes, ...report.crossSubject.themes];
    if (section === "method") return report.crossSubject.themes;
    if (section === "leadership") return report.leadership.themes;
    return all.filter((t) => t.subject === section);
  }, [report, subjectThemes, section]);
  const municipalityColumns = report.municipalities.filter((m) => m.tested > 0).map((m) => ({ key: m.id, title: m.name }));
  const clusterColumns = report.clusters.map((c) => ({ key: c.cluster, title: c.title }));

  if (report.tested === 0) return <div className="notice"><p>По выбранным условиям результатов диагностики пока нет.</p></div>;
  const { teachers, principals } = report;
  return (
    <>
      <div className="stats">
        <Stat label="Прошли диагностику" value={report.tested} note="человек с результатами" />
        <Stat label="Педагоги с дефицитами" value={teachers.withDeficits}
          note={teachers.tested ? `из ${teachers.tested} · ${formatPercent((100 * teachers.withDeficits) / teachers.tested)}` : "педагогов с результатами нет"} />
        <Stat label="Руководители с дефицитами" value={principals.withDeficits} note={`из ${principals.tested}`} />
      </div>

      <Panel id="top" title="Самые частые дефициты">
        <ThemeChart themes={report.top.slice(0, CHART_SIZE)} />
      </Panel>

      <Panel id="subjects" title="Темы по предметам">
        {report.subjects.length > 0 && (
          <p className="muted themes-tested">
            Прошли диагностику: {report.subjects.map((s) => `${s.title.toLowerCase()} — ${s.tested}`).join(", ")}.
          </p>
        )}
        <ThemeTable themes={subjectThemes} caption="Темы по предметам" exportName="temy-po-predmetam.csv" withSubject />
      </Panel>

      <Panel id="cross" title="Межпредметные (методические) темы">
        <p className="muted themes-tested">Прошли диагностику: {report.crossSubject.tested}.</p>
        <ThemeTable themes={report.crossSubject.themes} caption="Межпредметные темы" exportName="mezhpredmetnye-temy.csv" />
      </Panel>

      {report.leadership.themes.length > 0 && (
        <Panel id="leadership" title="Управленческие темы (руководители школ)">
          <p className="muted themes-tested">Прошли диагностику: {report.leadership.tested}.</p>
          <ThemeTable themes={report.leadership.themes} caption="Управленческие темы" exportName="upravlencheskie-temy.csv" />
        </Panel>
      )}

      <Panel id="by-municipality" title="По муниципалитетам">
        <div className="toolbar">
          <label className="field">
            <span>Темы</span>
            <select value={section} onChange={(e) => setSection(e.target.value)}>
              <option value="all">Все темы педагогов</option>
              {report.subjects.map((s) => <option key={s.subject} value={s.subject}>{s.title}</option>)}
              <option value="method">Межпредметные</option>
              {report.leadership.themes.length > 0 && <option value="leadership">Управленческие</option>}
            </select>
          </label>
        </div>
        <ThemeMatrix themes={matrixThemes} columns={municipalityColumns} caption="Дефициты по муниципалитетам"
          cellsOf={(t) => t.byMunicipality.map((m) => ({ key: m.id, deficit: m.deficit, tested: m.tested }))} />
      </Panel>

      <Panel id="by-cluster" title="По кластерам школ">
        <ThemeMatrix themes={matrixThemes} columns={clusterColumns} caption="Дефициты по кластерам школ"
          cellsOf={(t) => t.byCluster.map((c) => ({ key: c.cluster, deficit: c.deficit, tested: c.tested }))} />
      </Panel>
    </>
  );
}
