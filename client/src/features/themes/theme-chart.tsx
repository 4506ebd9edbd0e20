// The most frequent deficits as horizontal bars: the share of those tested who have the deficit.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { formatPercent, LEVEL_COLORS } from "../../lib/format";
import { wrap } from "../../lib/chart-parts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartTheme { competencyId: string; title: string; subjectTitle?: string; deficit: number; tested: number; share: number }

const labelOf = (t: ChartTheme) => `${t.title} (${t.subjectTitle ?? "межпредметная"})`;

export function ThemeChart({ themes }: { themes: ChartTheme[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || themes.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: themes.map((t) => wrap(labelOf(t), 34)),
        datasets: [{ data: themes.map((t) => Math.round(t.share * 1000) / 10), backgroundColor: LEVEL_COLORS.deficit, borderRadius: 4, barPercentage: 0.75 }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, stepSize: 25, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: 12 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => { const t = themes[item.dataIndex]!; return `${t.deficit} из ${t.tested} — ${formatPercent(t.share * 100)}`; } } },
        },
      },
    });
    return () => chart.destroy();
  }, [themes]);

  if (themes.length === 0) return <p className="muted">Дефицитов по выбранным условиям нет.</p>;
  const height = Math.max(160, themes.reduce((h, t) => h + 14 + 15 * wrap(labelOf(t), 34).length, 40));
  const summary = themes.map((t) => `${labelOf(t)}: ${t.deficit} из ${t.tested}, ${formatPercent(t.share * 100)}`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={`Самые частые дефициты, доля прошедших диагностику. ${summary}`} />
      </div>
      <figcaption className="chart-legend"><span className="chart-note">Доля прошедших диагностику, у кого тема — дефицит</span></figcaption>
    </figure>
  );
}
