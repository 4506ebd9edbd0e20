// Each competency across waves: a bar per wave with its error (±1 SEM), and a mark where the change is reliable.
import { useEffect, useMemo, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from "chart.js";
import { formatPercent, WAVE_LABELS } from "../../lib/format";
import { lineChars, useWidthBucket, wrap } from "../../lib/chart-parts";
import { campaignsOf, DECLINE_COLOR, GROWTH_COLOR, WAVE_COLORS, type Progress } from "./progress-api";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);


/** Whiskers of ±1 SEM on every bar, and ▲ / ▼ right of a competency whose change is reliable. */
function errorsAndMarks(progress: Progress, sems: Array<Array<number | null>>): Plugin<"bar"> {
  return {
    id: "errors-and-marks",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!;
      ctx.save();
      ctx.strokeStyle = "#1f2a37";
      ctx.lineWidth = 1.2;
      chart.data.datasets.forEach((dataset, i) => {
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          const value = dataset.data[j] as number | null;
          const sem = sems[i]?.[j];
          if (value === null || value === undefined || sem === null || sem === undefined) return;
          const { y, height } = bar as unknown as { y: number; height: number };
          const left = x.getPixelForValue(Math.max(0, value - sem));
          const right = x.getPixelForValue(Math.min(100, value + sem));
          const cap = Math.min(6, height / 2);
          ctx.beginPath();
          ctx.moveTo(left, y); ctx.lineTo(right, y);
          ctx.moveTo(left, y - cap); ctx.lineTo(left, y + cap);
          ctx.moveTo(right, y - cap); ctx.lineTo(right, y + cap);
          ctx.stroke();
        });
      });
      ctx.font = "600 14px 'Golos Text Variable', sans-serif";
      ctx.textAlign = "left";
      ctx.textBaseline = "middle";
      const y = scales.y!;
      progress.competencies.forEach((c, j) => {
        if (!c.change?.reliable) return;
        ctx.fillStyle = c.change.direction === "growth" ? GROWTH_COLOR : DECLINE_COLOR;
        ctx.fillText(c.change.direction === "growth" ? "▲" : "▼", chartArea.right + 6, y.getPixelForValue(j));
      });
      ctx.restore();
    },
  };
}

export function WavesChart({ progress }: { progress: Progress }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidthBucket(box);
  const chars = lineChars(width, 0.4);
  const campaigns = useMemo(() => campaignsOf(progress), [progress]);
  useEffect(() => {
    if (!canvas.current || progress.competencies.length === 0 || !width) return;
    const point = (campaignId: string) => progress.competencies.map((c) => c.waves.find((w) => w.campaignId === campaignId) ?? null);
    const sems = campaigns.map((k) => point(k.id).map((w) => w?.sem ?? null));
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: progress.competencies.map((c) => wrap(c.title, chars)),
        datasets: campaigns.map((k, i) => ({
          label: `${k.title} (${WAVE_LABELS[k.wave] ?? k.wave})`,
          data: point(k.id).map((w) => (w ? Math.round(w.percent * 10) / 10 : null)),
          backgroundColor: WAVE_COLORS[i % WAVE_COLORS.length],
          borderRadius: 3,
          barPercentage: 0.8,
          categoryPercentage: 0.85,
          maxBarThickness: 18,
        })),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { right: 22 } },
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, stepSize: 25, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { ticks: { autoSkip: false, font: { family: "Golos Text Variable", size: 12 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const w = progress.competencies[item.dataIndex]?.waves.find((x) => x.campaignId === campaigns[item.datasetIndex]?.id);
                return w ? `${item.dataset.label}: ${formatPercent(w.percent)} ± ${Math.round(w.sem)} п. п.` : "";
              },
              afterBody: (items) => progress.competencies[items[0]?.dataIndex ?? -1]?.words ?? "",
            },
          },
        },
      },
      plugins: [errorsAndMarks(progress, sems)],
    });
    return () => chart.destroy();
  }, [progress, campaigns, width, chars]);

  // Categories are spaced evenly: each gets room for the longest label and for its bars.
  const pitch = Math.max(campaigns.length * 14 + 10, ...progress.competencies.map((c) => 15 * wrap(c.title, chars).length + 10));
  const height = Math.max(180, 50 + progress.competencies.length * pitch);
  const summary = progress.competencies.map((c) => `${c.title}: ${c.words}`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height }} ref={box}>
        <canvas ref={canvas} role="img" aria-label={`Компетенции по волнам диагностики. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {campaigns.map((k, i) => <span key={k.id}><i style={{ background: WAVE_COLORS[i % WAVE_COLORS.length] }} aria-hidden="true" />{k.title}</span>)}
        <span className="chart-note">Черта — погрешность измерения (±1 SEM); <b style={{ color: GROWTH_COLOR }}>▲</b> надёжный рост, <b style={{ color: DECLINE_COLOR }}>▼</b> надёжное снижение</span>
      </figcaption>
    </figure>
  );
}
