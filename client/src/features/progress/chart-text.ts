// Labels of the waves' charts: wrapped to the width the chart has, re-wrapped when a phone turns.
import { useEffect, useState } from "react";

/** Long titles wrap onto several lines instead of being cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if ((line + " " + word).trim().length > width && line) { lines.push(line); line = word; } else line = (line + " " + word).trim();
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
