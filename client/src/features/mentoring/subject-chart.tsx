// Matched and unmatched teachers by subject as stacked horizontal bars (chart.js), with a text summary for screen readers.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { subjectTitle } from "./mentoring-labels";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface SubjectRow { subject: string; matched: number; unmatched: number }

const SERIES = [
  { key: "matched", label: "Предложен наставник", color: "#2f7d4f" },
  { key: "unmatched", label: "Без наставника", color: "#c9d4e2" },
] as const;

export function SubjectChart({ rows }: { rows: readonly SubjectRow[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rows.map((r) => subjectTitle(r.subject)),
        datasets: SERIES.map((s) => ({ label: s.label, data: rows.map((r) => r[s.key]), backgroundColor: s.color, borderWidth: 0, barPercentage: 0.8 })),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { stacked: true, ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: 13 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { position: "bottom", labels: { font: { family: "Golos Text Variable" } } },
          tooltip: { mode: "index", callbacks: { label: (item) => `${item.dataset.label}: ${Number(item.raw).toLocaleString("ru-RU")}` } },
        },
      },
    });
    return () => chart.destroy();
  }, [rows]);

  const summary = rows.map((r) => `${subjectTitle(r.subject)}: наставник предложен ${r.matched}, без наставника ${r.unmatched}`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height: Math.max(160, rows.length * 34 + 70) }}>
        <canvas ref={canvas} role="img" aria-label={`Подбор наставников по предметам. ${summary}`} />
      </div>
    </figure>
  );
}
