// Coverage by municipality as stacked horizontal bars: прошли, начали, не начали; a text summary for screen readers.
// Shared by the dashboard and the campaign page, so that both draw the same figures the same way.
import { useEffect, useMemo, useRef, useState } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { coverageBars, type CoverageRow } from "./coverage-bars";
import { wrap } from "./chart-parts";

export type { CoverageRow };

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const SERIES = [
  { key: "submitted", label: "Прошли", color: "#2f7d4f" },
  { key: "inProgress", label: "Начали, не отправили", color: "#d39b2a" },
  { key: "notStarted", label: "Не начали", color: "#c9d4e2" },
] as const;

const formatNumber = (n: number): string => n.toLocaleString("ru-RU");

/** Whether the chart's box is narrow (a phone): watched, so that turning the phone re-lays the labels. */
function useNarrow(box: React.RefObject<HTMLElement | null>): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => setNarrow((entry?.contentRect.width ?? 1000) < 600));
    observer.observe(target);
    return () => observer.disconnect();
  }, [box]);
  return narrow;
}

export function CoverageChart({ rows, label }: { rows: readonly CoverageRow[]; label: string }) {
  const bars = useMemo(() => coverageBars(rows), [rows]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const narrow = useNarrow(box);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: bars.map((b) => (narrow ? wrap(b.label, 16) : b.label)),
        datasets: SERIES.map((s) => ({
          label: s.label, data: bars.map((b) => b[s.key]), backgroundColor: s.color, borderWidth: 0, barPercentage: 0.8, categoryPercentage: 0.9,
        })),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        // Redrawn every refresh: moving bars would catch the eye for no reason.
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { stacked: true, ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: narrow ? 12 : 13 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { mode: "index", callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(Number(item.raw))}` } },
        },
      },
    });
    return () => chart.destroy();
  }, [bars, narrow]);

  if (bars.length === 0) return <p className="muted">В кампании пока никто не назначен.</p>;
  const summary = bars.map((b) => {
    const assigned = b.submitted + b.inProgress + b.notStarted;
    return `${b.label}: прошли ${b.submitted} из ${assigned}, начали ${b.inProgress}, не начали ${b.notStarted}`;
  }).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height: Math.max(140, 48 + bars.length * (narrow ? 44 : 30)) }} ref={box}>
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {SERIES.map((s) => <span key={s.key}><i style={{ background: s.color }} aria-hidden="true" />{s.label}</span>)}
      </figcaption>
    </figure>
  );
}
