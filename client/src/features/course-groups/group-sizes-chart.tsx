// Proposed groups as horizontal bars, each split by municipality: sizes against the bounds, and how well municipalities stay together.
import { useEffect, useMemo, useRef, useState } from "react";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from "chart.js";
import type { Person, ProposedGroup } from "./course-groups-api";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A colour per municipality: hues a golden angle apart, two lightnesses, so neighbours in the list never look alike. */
const colour = (k: number) => `hsl(${Math.round((k * 137.508 + 210) % 360)} ${k % 2 ? 42 : 55}% ${k % 2 ? 58 : 40}%)`;

const bounds = (min: number, max: number): Plugin<"bar"> => ({
  id: "bounds",
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.setLineDash([4, 4]);
    ctx.strokeStyle = "#8592a3";
    for (const mark of [min, max]) {
      const x = scales.x!.getPixelForValue(mark);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
    }
    ctx.restore();
  },
});

export function GroupSizesChart({ groups, people, municipalityNames, minSize, maxSize }: {
  groups: ProposedGroup[]; people: ReadonlyMap<string, Person>; municipalityNames: ReadonlyMap<string, string>; minSize: number; maxSize: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [narrow, setNarrow] = useState(false);
  const municipalities = useMemo(() => [...new Set(groups.flatMap((g) => g.municipalityIds))].sort(
    (a, b) => (municipalityNames.get(a) ?? a).localeCompare(municipalityNames.get(b) ?? b, "ru")), [groups, municipalityNames]);
  const counts = useMemo(() => groups.map((g) => {
    const c = new Map<string, number>();
    for (const id of g.members) { const m = people.get(id)?.municipalityId ?? ""; c.set(m, (c.get(m) ?? 0) + 1); }
    return c;
  }), [groups, people]);

  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => setNarrow((entry?.contentRect.width ?? 1000) < 600));
    observer.observe(target);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: groups.map((_, i) => `Группа ${i + 1}`),
        datasets: municipalities.map((m, k) => ({
          label: municipalityNames.get(m) ?? m,
          data: counts.map((c) => c.get(m) ?? 0),
          backgroundColor: colour(k),
          borderColor: "#fff",
          borderWidth: 1,
          barPercentage: 0.8,
        })),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, suggestedMax: maxSize + 2, ticks: { precision: 0, font: { family: "Golos Text Variable" } }, grid: { color: "#e6eaf0" } },
          y: { stacked: true, ticks: { autoSkip: narrow, font: { family: "Golos Text Variable", size: narrow ? 11 : 13 }, color: "#1f2a37" }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { filter: (item) => Number(item.raw) > 0, callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue} чел.` } },
        },
      },
      plugins: [bounds(minSize, maxSize)],
    });
    return () => chart.destroy();
  }, [groups, municipalities, counts, municipalityNames, narrow, minSize, maxSize]);

  const summary = groups.map((g, i) => `Группа ${i + 1}: ${g.size} чел. (${[...counts[i]!].map(([m, n]) => `${municipalityNames.get(m) ?? m} ${n}`).join(", ")})`).join("; ");
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ height: Math.max(140, 40 + groups.length * (narrow ? 22 : 26)) }} ref={box}>
        <canvas ref={canvas} role="img" aria-label={`Размеры групп по муниципалитетам. ${summary}`} />
      </div>
      <figcaption className="chart-legend">
        {municipalities.map((m, k) => (
          <span key={m}><i style={{ background: colour(k) }} aria-hidden="true" />{municipalityNames.get(m) ?? m}</span>
        ))}
        <span className="chart-note">Пунктир — допустимые размеры {minSize} и {maxSize}</span>
      </figcaption>
    </figure>
  );
}
