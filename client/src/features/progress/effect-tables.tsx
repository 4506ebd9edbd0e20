// A breakdown of the effect as a table: per group, people, mean change with its interval, shares of reliable change; hidden figures said plainly.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { formatPercent } from "../../lib/format";
import { formatPoints, type EffectCell, type EffectRow } from "./progress-api";

/** "+7,8" / "−1,1": a bound of an interval, the unit in the header. */
const signed = (x: number) => formatPoints(x, 1).replace(" п. п.", "");

type Line = { row: EffectRow; cell: EffectCell | undefined };

const hiddenText = (cell: EffectCell, threshold: number) =>
  cell.reason === "small" ? `скрыто: меньше ${threshold} человек` : "скрыто, чтобы группу нельзя было вычислить вычитанием из итога";

export function EffectTable({ rows, area, threshold, caption, exportName }: { rows: EffectRow[]; area: string; threshold: number; caption: string; exportName: string }) {
  const lines = useMemo<Line[]>(() => rows.map((row) => ({ row, cell: row.cells.find((c) => c.area === area) })), [rows, area]);
  const columns = useMemo<Array<Column<Line>>>(() => {
    const figure = (pick: (c: EffectCell) => number | undefined) => (l: Line) => (l.cell && !l.cell.suppressed ? pick(l.cell) ?? null : null);
    const hiddenOr = (l: Line, text: string) => (l.cell?.suppressed ? <span className="effect-hidden">—</span> : text);
    return [
      { key: "group", header: "Группа", value: (l) => l.row.title },
      {
        key: "n", header: "Человек", numeric: true, value: figure((c) => c.n),
        render: (l) => (l.cell?.suppressed ? <span className="effect-hidden">{hiddenText(l.cell, threshold)}</span> : String(l.cell?.n ?? 0)),
      },
      { key: "mean", header: "Среднее изменение", numeric: true, value: figure((c) => (c.mean === undefined ? undefined : Math.round(c.mean * 10) / 10)), render: (l) => hiddenOr(l, l.cell?.mean !== undefined ? formatPoints(l.cell.mean, 1) : "—") },
      {
        key: "ci", header: "95% ДИ, п. п.", sortable: false, value: (l) => (l.cell?.low !== undefined ? `${l.cell.low.toFixed(1)} … ${l.cell.high!.toFixed(1)}` : ""),
        render: (l) => <span className="progress-cell">{hiddenOr(l, l.cell?.low !== undefined ? `${signed(l.cell.low)} … ${signed(l.cell.high!)}` : "—")}</span>,
      },
      { key: "growth", header: "Надёжный рост", numeric: true, value: figure((c) => (c.growthShare === undefined ? undefined : Math.round(c.growthShare * 100))), render: (l) => hiddenOr(l, l.cell?.growthShare !== undefined ? formatPercent(l.cell.growthShare * 100) : "—") },
      { key: "decline", header: "Надёжное снижение", numeric: true, value: figure((c) => (c.declineShare === undefined ? undefined : Math.round(c.declineShare * 100))), render: (l) => hiddenOr(l, l.cell?.declineShare !== undefined ? formatPercent(l.cell.declineShare * 100) : "—") },
    ];
  }, [threshold]);
  if (rows.length === 0) return <p className="muted">Нет участников обеих волн.</p>;
  return <DataTable rows={lines} columns={columns} rowKey={(l) => l.row.key || "none"} caption={caption} exportName={exportName} pageSize={100} />;
}
