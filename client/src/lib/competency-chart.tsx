// A horizontal bar chart of competency percents, coloured by level, with the level thresholds marked.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import type { Level } from "./api";
import { LEVEL_COLORS, LEVEL_LABELS } from "./format";
import { useWidthBucket, verticalLines, wrap } from "./chart-parts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartRow { id: string; title: string; percent: number; level: Level }

export function CompetencyChart({ rows, label }: { rows: ChartRow[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidthBucket(box);
  const fontSize = width && width < 480 ? 12 : 13;
  // Labels get about half of the width; a character is about 0.55 em wide.
  const lineChars = Math.max(14, Math.min(40, Math.floor(((width || 520) * 0.48) / (fontSize * 0.56))));
  useEffect(() => {
    if (!canvas.current || !width) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rows.map((r) => wrap(r.title, lineChars)),
        datasets: [{
          data: rows.map((r) => Math.round(r.percent)),
          backgroundColor: rows.map((r) => LEVEL_COLORS[r.level]),
          borderRadius: 4,
          barPercentage: 0.75,
          categoryPercentage: 0.9,
        }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, stepSize: 25, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: fontSize }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${item.formattedValue}% — ${LEVEL_LABELS[rows[item.dataIndex]!.level]}` } },
        },
      },
      plugins: [verticalLines([50, 75])],
    });
    return () => chart.destroy();
  }, [rows, width, fontSize, lineChars]);

  const height = Math.max(160, rows.reduce((h, r) => h + 24 + (fontSize + 3) * wrap(r.title, lineChars).length, 40));
  const summary = rows.map((r) => `${r.title}: ${Math.round(r.percent)}%, ${LEVEL_LABELS[r.level].toLowerCase()}`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height }} ref={box}>
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {(["deficit", "partial", "proficient"] as const).map((level) => (
          <span key={level}><i style={{ background: LEVEL_COLORS[level] }} aria-hidden="true" />{LEVEL_LABELS[level]}</span>
        ))}
        <span className="chart-note">Пунктир — пороги 50% и 75%</span>
      </figcaption>
    </figure>
  );
}
