// Mean change with its 95% interval per group (courses, mentoring) in one area; hidden groups named, never drawn.
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from "chart.js";
import { lineChars, useWidthBucket, wrap } from "../../lib/chart-parts";
import { DECLINE_COLOR, formatPoints, GROWTH_COLOR, type EffectCell, type EffectRow } from "./progress-api";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartGroup { row: EffectRow; cell: EffectCell | undefined }

const whiskers = (groups: ChartGroup[]): Plugin<"bar"> => ({
  id: "intervals",
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    ctx.save();
    ctx.strokeStyle = "#1f2a37";
    ctx.lineWidth = 1.4;
    chart.getDatasetMeta(0).data.forEach((bar, i) => {
      const cell = groups[i]?.cell;
      if (!cell || cell.suppressed || cell.low === undefined || cell.high === undefined) return;
      const { y } = bar as unknown as { y: number };
      const left = scales.x!.getPixelForValue(cell.low);
      const right = scales.x!.getPixelForValue(cell.high);
      ctx.beginPath();
      ctx.moveTo(left, y); ctx.lineTo(right, y);
      ctx.moveTo(left, y - 5); ctx.lineTo(left, y + 5);
      ctx.moveTo(right, y - 5); ctx.lineTo(right, y + 5);
      ctx.stroke();
    });
    ctx.restore();
  },
});


const shown = (c: EffectCell | undefined): c is EffectCell & { mean: number } => !!c && !c.suppressed && c.mean !== undefined;

export function EffectChart({ groups, label }: { groups: ChartGroup[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidthBucket(box);
  const chars = lineChars(width);
  const labelOf = (g: ChartGroup) => (shown(g.cell) ? `${g.row.title} (${g.cell.n})` : `${g.row.title} — скрыто`);
  useEffect(() => {
    if (!canvas.current || groups.length === 0 || !width) return;
    const bounds = groups.flatMap((g) => (shown(g.cell) ? [g.cell.low ?? g.cell.mean, g.cell.high ?? g.cell.mean] : []));
    const min = Math.floor(Math.min(-10, ...bounds) / 5) * 5;
    const max = Math.ceil(Math.max(10, ...bounds) / 5) * 5;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: groups.map((g) => wrap(labelOf(g), chars)),
        datasets: [{
          data: groups.map((g) => (shown(g.cell) ? Math.round(g.cell.mean * 10) / 10 : null)),
          backgroundColor: groups.map((g) => (shown(g.cell) && g.cell.mean < 0 ? DECLINE_COLOR : GROWTH_COLOR)),
          borderRadius: 3,
          barPercentage: 0.6,
          maxBarThickness: 24,
        }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min, max, ticks: { callback: (v) => `${Number(v) > 0 ? "+" : ""}${v}`, font: { family: "Golos Text Variable" } }, grid: { color: (c) => (c.tick.value === 0 ? "#8592a3" : "#e6eaf0") } },
          y: { ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: 12 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const c = groups[item.dataIndex]?.cell;
                if (!shown(c)) return "";
                return `${formatPoints(c.mean, 1)}${c.low !== undefined ? `, 95% ДИ ${formatPoints(c.low, 1)} … ${formatPoints(c.high!, 1)}` : ""}`;
              },
            },
          },
        },
      },
      plugins: [whiskers(groups)],
    });
    return () => chart.destroy();
    // labelOf reads only `groups`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, width, chars]);

  if (groups.length === 0) return <p className="muted">Групп для сравнения нет.</p>;
  const summary = groups.map((g) => (shown(g.cell) ? `${g.row.title}: ${formatPoints(g.cell.mean, 1)}, ${g.cell.n} чел.` : `${g.row.title}: скрыто`)).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" ref={box} style={{ height: Math.max(160, 50 + groups.length * Math.max(30, ...groups.map((g) => 15 * wrap(labelOf(g), chars).length + 10))) }}>
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        <span className="chart-note">Среднее изменение, процентные пункты; черта — 95% доверительный интервал; в скобках — число участников</span>
      </figcaption>
    </figure>
  );
}
