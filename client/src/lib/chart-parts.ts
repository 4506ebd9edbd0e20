// Parts every chart.js chart of the client shares: labels wrapped to the width there is, re-wrapped when a phone turns, and marked values as lines.
import { useEffect, useState } from "react";
import type { Plugin } from "chart.js";

/** Long titles wrap onto lines of at most `width` characters instead of being cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && `${line} ${word}`.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The element's width in 40 px steps (0 until measured): charts rebuild when it changes, not on every pixel. */
export function useWidthBucket(element: React.RefObject<HTMLElement | null>): number {
  const [bucket, setBucket] = useState(0);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => setBucket(Math.round((entry?.contentRect.width ?? 0) / 40) * 40));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return bucket;
}

/** Characters per label line when labels take about `share` of the width (a character is about 7 px at 12 px). */
export const lineChars = (width: number, share = 0.45): number => Math.max(14, Math.min(44, Math.floor(((width || 640) * share) / 7)));

/** Vertical lines at values of the x scale (level thresholds, band borders, zero), dashed unless told otherwise. */
export const verticalLines = (marks: number[], dashed = true): Plugin<"bar"> => ({
  id: "vertical-lines",
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    if (dashed) ctx.setLineDash([4, 4]);
    ctx.strokeStyle = "#8592a3";
    ctx.lineWidth = 1;
    for (const mark of marks) {
      const x = scales.x!.getPixelForValue(mark);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
    }
    ctx.restore();
  },
});
