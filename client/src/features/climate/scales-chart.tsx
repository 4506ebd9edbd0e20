// The scales of one group against the region: horizontal bars (school coloured by band, region grey), band borders dashed.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { BAND_COLORS, BAND_LABELS, type ClimateGroup } from "./climate-api";
import { useWidthBucket, verticalLines, wrap } from "../../lib/chart-parts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const REGION = "#aab4c3";

export function ScalesChart({ group, label }: { group: ClimateGroup; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidthBucket(box);
  const narrow = width > 0 && width < 520;
  const lineChars = narrow ? 20 : 34;
  const scales = group.scales;

  useEffect(() => {
    if (!canvas.current || !width) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: scales.map((s) => wrap(s.title, lineChars)),
        datasets: [
          { label: "Школа", data: scales.map((s) => s.score), backgroundColor: scales.map((s) => BAND_COLORS[s.band]), borderRadius: 3, barPercentage: 0.8, categoryPercentage: 0.8 },
          { label: "Регион", data: scales.map((s) => s.region?.score ?? null), backgroundColor: REGION, borderRadius: 3, barPercentage: 0.8, categoryPercentage: 0.8 },
        ],
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: {
          x: { min: 0, max: 100, ticks: { stepSize: 25, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: narrow ? 11 : 13 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}${item.datasetIndex === 0 ? ` — ${BAND_LABELS[scales[item.dataIndex]!.band].toLowerCase()}` : ""}` } },
        },
      },
      plugins: [verticalLines([50, 75])],
    });
    return () => chart.destroy();
  }, [scales, width, lineChars, narrow]);

  const height = Math.max(180, scales.reduce((h, s) => h + 30 + 14 * wrap(s.title, lineChars).length, 30));
  const summary = scales.map((s) => `${s.title}: школа ${s.score}${s.region ? `, регион ${s.region.score}` : ""}`).join("; ");
  return (
    <figure className="chart climate-chart">
      <div className="chart-canvas" style={{ height }} ref={box}>
        <canvas ref={canvas} role="img" aria-label={`${label}. Баллы от 0 до 100. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {(["favourable", "partly", "unfavourable"] as const).map((b) => <span key={b}><i style={{ background: BAND_COLORS[b] }} aria-hidden="true" />{BAND_LABELS[b]}</span>)}
        <span><i style={{ background: REGION }} aria-hidden="true" />Регион</span>
        <span className="chart-note">Пунктир — границы 50 и 75 баллов</span>
      </figcaption>
    </figure>
  );
}
