// The school page's charts: the index components as z-scores around zero, and a group's climate scales beside the region's.
import { useCallback, useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartConfiguration } from "chart.js";
import { BAND_COLORS, BAND_LABELS, decimal, type ClimateGroup, type SchoolProfile } from "./schools-api";
import { useWidthBucket, verticalLines, wrap } from "../../lib/chart-parts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const FONT = "Golos Text Variable";
const REGION = "#aab4c3";
const GOOD = "#2f7d4f";
const BAD = "#b3361f";

/** One chart.js chart, built in an effect and destroyed in its cleanup, sized to its labels. */
interface BarCanvasProps {
  config: (width: number, lineChars: number) => ChartConfiguration<"bar">;
  rows: string[];
  label: string;
  lineChars: (width: number) => number;
}

function BarCanvas({ config, rows, label, lineChars }: BarCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidthBucket(box);
  const chars = lineChars(width);
  useEffect(() => {
    if (!canvas.current || !width) return;
    const chart = new Chart(canvas.current, config(width, chars));
    return () => chart.destroy();
  }, [config, width, chars]);
  const height = Math.max(160, rows.reduce((h, r) => h + 30 + 14 * wrap(r, chars).length, 30));
  return (
    <div className="chart-canvas" style={{ height }} ref={box}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

type Component = NonNullable<SchoolProfile["index"]>["components"][number];

export function IndexChart({ components }: { components: Component[] }) {
  const shown = components.filter((c) => c.z !== null);
  const limit = Math.max(2, Math.ceil(Math.max(...shown.map((c) => Math.abs(c.z!)), 0)));
  // Made once per data, so that the chart is rebuilt when the data or the width change, not on every render.
  const config = useCallback((width: number, chars: number): ChartConfiguration<"bar"> => ({
    type: "bar",
    data: {
      labels: shown.map((c) => wrap(c.title, chars)),
      datasets: [{ data: shown.map((c) => c.z!), backgroundColor: shown.map((c) => (c.z! >= 0 ? GOOD : BAD)), borderRadius: 3, barPercentage: 0.75 }],
    },
    options: {
      indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
      scales: {
        x: { min: -limit, max: limit, ticks: { stepSize: 1, font: { family: FONT } }, grid: { color: "#e6eaf0" } },
        y: { ticks: { autoSkip: false, font: { family: FONT, size: width < 520 ? 11 : 13 }, color: "#1f2a37" }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `z = ${decimal(Number(item.raw), 2)}` } } },
    },
    plugins: [verticalLines([0], false)],
  }), [components]);
  const summary = shown.map((c) => `${c.title}: ${decimal(c.z!, 2)}`).join("; ");
  return (
    <figure className="chart">
      <BarCanvas config={config} rows={shown.map((c) => c.title)} lineChars={(w) => (w > 0 && w < 520 ? 20 : 36)}
        label={`Составляющие индекса, z-оценки относительно региона (больше нуля — благополучнее среднего). ${summary}`} />
      <figcaption className="chart-legend">
        <span><i style={{ background: GOOD }} aria-hidden="true" />Благополучнее среднего по региону</span>
        <span><i style={{ background: BAD }} aria-hidden="true" />Сложнее среднего</span>
        <span className="chart-note">Шкала — стандартные отклонения от среднего по региону</span>
      </figcaption>
    </figure>
  );
}

export function ClimateChart({ group, label }: { group: ClimateGroup; label: string }) {
  const scales = group.scales;
  const config = useCallback((width: number, chars: number): ChartConfiguration<"bar"> => ({
    type: "bar",
    data: {
      labels: scales.map((s) => wrap(s.title, chars)),
      datasets: [
        { label: "Школа", data: scales.map((s) => s.score), backgroundColor: scales.map((s) => BAND_COLORS[s.band] ?? "#1d3b63"), borderRadius: 3, barPercentage: 0.8, categoryPercentage: 0.8 },
        { label: "Регион", data: scales.map((s) => s.region?.score ?? null), backgroundColor: REGION, borderRadius: 3, barPercentage: 0.8, categoryPercentage: 0.8 },
      ],
    },
    options: {
      indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
      scales: {
        x: { min: 0, max: 100, ticks: { stepSize: 25, font: { family: FONT } }, grid: { color: "#e6eaf0" } },
        y: { ticks: { autoSkip: false, font: { family: FONT, size: width < 520 ? 11 : 13 }, color: "#1f2a37" }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${decimal(Number(item.raw))}` } } },
    },
    plugins: [verticalLines([50, 75])],
  }), [scales]);
  const summary = scales.map((s) => `${s.title}: школа ${decimal(s.score)}${s.region ? `, регион ${decimal(s.region.score)}` : ""}`).join("; ");
  return (
    <figure className="chart">
      <BarCanvas config={config} rows={scales.map((s) => s.title)} lineChars={(w) => (w > 0 && w < 520 ? 20 : 34)} label={`${label}. Баллы от 0 до 100. ${summary}`} />
      <figcaption className="chart-legend">
        {(["favourable", "partly", "unfavourable"] as const).map((b) => <span key={b}><i style={{ background: BAND_COLORS[b] }} aria-hidden="true" />{BAND_LABELS[b]}</span>)}
        <span><i style={{ background: REGION }} aria-hidden="true" />Регион</span>
        <span className="chart-note">Пунктир — границы 50 и 75 баллов</span>
      </figcaption>
    </figure>
  );
}
