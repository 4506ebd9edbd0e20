// «Эффект»: change between two monitoring waves by course, by mentoring and per municipality, with intervals and small groups hidden.
import { useEffect, useMemo, useState } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { apiDownload, apiRequest } from "../../lib/api";
import { formatPercent } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel, Stat } from "../../lib/ui";
import { EffectChart } from "./effect-chart";
import { EffectFiltersForm } from "./effect-filters";
import { defaultWaves, filtersFromSearch, isoToday, searchOf, type Campaign, type EffectFilters } from "./effect-search";
import { EffectTable } from "./effect-tables";
import { formatPoints, progressApi, type EffectReport } from "./progress-api";
import "./progress.css";

export default function EffectPage() {
  const { user } = useAuth();
  const regionWide = mayChange(user);
  const [chosen, setChosen] = useState<EffectFilters>(() => filtersFromSearch(location.search));
  const campaigns = useLoader(() => apiRequest<Campaign[]>("GET", "/api/campaigns"), []);
  const municipalities = useLoader(() => (regionWide ? apiRequest<Array<{ id: string; name: string }>>("GET", "/api/municipalities") : Promise.resolve(null)), [regionWide]);
  // Nothing chosen yet: the latest intermediate or final wave against the input wave before it.
  const filters = useMemo(() => {
    const base = regionWide ? chosen : { ...chosen, municipalityId: "" };
    return base.from || base.to || !campaigns.data ? base : { ...base, ...defaultWaves(campaigns.data, isoToday()) };
  }, [chosen, regionWide, campaigns.data]);
  const search = searchOf(filters);
  useEffect(() => { history.replaceState(null, "", search ? `/effect?${search}` : "/effect"); }, [search]);
  const ready = Boolean(filters.from && filters.to);
  const report = useLoader(() => (ready ? progressApi.effect(search) : Promise.resolve(null)), [search, ready]);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try { await apiDownload(`/api/analytics/effect/export?${searchOf(filters, { format: "xlsx" })}`); } catch (e) { setDownloadError(e); } finally { setDownloading(false); }
  };

  return (
    <section className="page" aria-labelledby="effect-title">
      <header className="page-header">
        <p className="eyebrow">Эффект</p>
        <h1 id="effect-title">Изменение между волнами диагностики</h1>
        <p className="lead">Насколько изменились результаты тех, кто прошёл обе волны: после курсов и без них, с наставником и без, по муниципалитетам. Группы меньше порога анонимности не показываются.</p>
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={() => void download()} disabled={downloading || !report.data}>
            {downloading ? "Готовим файл…" : "Скачать XLSX"}
          </button>
        </div>
        {downloadError !== null && <ErrorNotice error={downloadError} />}
      </header>
      <Panel id="effect-filters" title="Что сравнить">
        {campaigns.error ? <ErrorNotice error={campaigns.error} onRetry={campaigns.reload} /> : (
          <EffectFiltersForm filters={filters} onChange={setChosen} campaigns={campaigns.data ?? []} municipalities={regionWide ? municipalities.data ?? [] : null} />
        )}
      </Panel>
      {!ready ? <div className="notice"><p>Выберите две кампании: первую и вторую волну диагностики.</p></div>
        : report.error ? <ErrorNotice error={report.error} onRetry={report.reload} />
          : !report.data ? <Loading label="Считаем изменения…" /> : <Report report={report.data} />}
    </section>
  );
}

function Report({ report }: { report: EffectReport }) {
  const [area, setArea] = useState("overall");
  const current = report.areas.some((a) => a.id === area) ? area : report.areas[0]?.id ?? "overall";
  const total = report.total.cells.find((c) => c.area === current);
  const groups = useMemo(() => [...report.byCourse, ...report.byMentoring].map((row) => ({ row, cell: row.cells.find((c) => c.area === current) })), [report, current]);
  if (report.areas.length === 0) return <div className="notice"><p>Никто в выбранных условиях не прошёл обе волны.</p></div>;
  const areaTitle = report.areas.find((a) => a.id === current)?.title ?? "";
  return (
    <>
      {report.provisional && <div className="notice"><p>Вторая волна ещё идёт: цифры изменятся, когда её пройдут остальные.</p></div>}
      <div className="stats">
        {total?.suppressed ? <Stat label="Участников обеих волн" value="скрыто" note={`меньше ${report.threshold} человек`} /> : (
          <>
            <Stat label="Участников обеих волн" value={total?.n ?? 0} note={areaTitle} />
            <Stat label="Среднее изменение" value={total?.mean !== undefined ? formatPoints(total.mean, 1) : "—"}
              note={total?.low !== undefined ? `95% ДИ: ${formatPoints(total.low, 1)} … ${formatPoints(total.high!, 1)}` : ""} />
            <Stat label="Надёжный рост" value={total?.growthShare !== undefined ? formatPercent(total.growthShare * 100) : "—"} note="изменение больше погрешности" />
            <Stat label="Надёжное снижение" value={total?.declineShare !== undefined ? formatPercent(total.declineShare * 100) : "—"} />
          </>
        )}
      </div>
      <div className="effect-areas" role="group" aria-label="Компетенции">
        {report.areas.map((a) => (
          <button key={a.id} type="button" className="button button-ghost-dark" aria-pressed={a.id === current} onClick={() => setArea(a.id)}>{a.title}</button>
        ))}
      </div>
      <Panel id="effect-chart" title="По курсам и наставничеству">
        <EffectChart groups={groups} label={`Среднее изменение: ${areaTitle.toLowerCase()}`} />
      </Panel>
      <Panel id="effect-courses" title="По курсам между волнами">
        <EffectTable rows={report.byCourse} area={current} threshold={report.threshold} caption="Изменение по курсам" exportName="effekt-po-kursam.csv" />
      </Panel>
      <Panel id="effect-mentoring" title="Наставничество">
        <EffectTable rows={report.byMentoring} area={current} threshold={report.threshold} caption="Изменение с наставником и без" exportName="effekt-nastavnichestvo.csv" />
      </Panel>
      <Panel id="effect-municipalities" title="По муниципалитетам">
        <EffectTable rows={report.byMunicipality} area={current} threshold={report.threshold} caption="Изменение по муниципалитетам" exportName="effekt-po-municipalitetam.csv" />
      </Panel>
      <Panel id="effect-notes" title="Как считается и чего эти цифры не говорят">
        <ul className="effect-notes">{report.notes.map((n) => <li key={n}>{n}</li>)}</ul>
      </Panel>
    </>
  );
}
