// Coverage rows turned into the three parts of a stacked bar: прошли, начали, не начали. Pure.

export interface CoverageRow { id: string; name: string; assigned: number; started: number; submitted: number }
export interface CoverageBar { id: string; label: string; submitted: number; inProgress: number; notStarted: number }

/** Bars that always add up to those assigned, whatever rounding or a race between queries produced. */
export function coverageBars(rows: readonly CoverageRow[]): CoverageBar[] {
  return rows.map((r) => {
    const assigned = Math.max(0, r.assigned);
    const submitted = Math.min(assigned, Math.max(0, r.submitted));
    const started = Math.min(assigned, Math.max(submitted, r.started));
    return { id: r.id, label: r.name, submitted, inProgress: started - submitted, notStarted: assigned - started };
  });
}
