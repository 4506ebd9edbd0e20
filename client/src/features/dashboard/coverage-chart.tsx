// Coverage of a campaign by municipality: stacked horizontal bars of those tested, started and not started.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface CoverageRow { id: string; name: string; assigned: number; started: number; submitted: number }

const SERIES = [
  { label: "Прошли", color: "#2f7d4f", value: (r: CoverageRow) => r.submitted },
  { label: "Начали, не закончили", color: "#b7791f", value: (r: CoverageRow) => r.started - r.submitted },
  { label: "Не начали", color: "#c3ccd8", value: (r: CoverageRow) => r.assigned - r.started },
] as const;

export function CoverageChart({ rows, label }: { rows: CoverageRow[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current || rows.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rows.map((r) => r.name),
        datasets: SERIES.map((s) => ({
          label: s.label, data: rows.map(s.value), backgroundColor: s.color, barPercentage: 0.8, categoryPercentage: 0.9,
        })),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        // The chart is rebuilt on every refresh: without animation it does not flicker.
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { stacked: true, ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: 12 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const row = rows[item.dataIndex]!;
                return `${item.dataset.label}: ${item.formattedValue} из ${row.assigned}`;
              },
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [rows]);

  if (rows.length === 0) return <p className="muted">В кампании пока никто не назначен.</p>;
  const height = Math.max(140, rows.length * 26 + 50);
  const summary = rows.map((r) => `${r.name}: прошли ${r.submitted}, начали ${r.started - r.submitted}, не начали ${r.assigned - r.started} из ${r.assigned}`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {SERIES.map((s) => <span key={s.label}><i style={{ background: s.color }} aria-hidden="true" />{s.label}</span>)}
      </figcaption>
    </figure>
  );
}
