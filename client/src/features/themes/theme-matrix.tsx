// A heat table of themes × municipalities (or clusters): the share at a deficit, darker where it is larger.
import { formatPercent } from "../../lib/format";
import type { Theme } from "./theme-table";

export interface MatrixColumn { key: string; title: string }
export interface MatrixCell { key: string; deficit: number; tested: number }

/** Red at a strength that grows with the share; white text once the cell is dark enough to need it. */
function heat(share: number) {
  const alpha = 0.08 + 0.82 * share;
  return { background: `rgba(179, 54, 31, ${alpha.toFixed(2)})`, color: alpha > 0.5 ? "#fff" : "var(--ink)" };
}

export function ThemeMatrix({ themes, columns, cellsOf, caption }: {
  themes: Theme[];
  columns: MatrixColumn[];
  cellsOf: (theme: Theme) => MatrixCell[];
  caption: string;
}) {
  if (themes.length === 0 || columns.length === 0) return <p className="muted">Нет данных по выбранным условиям.</p>;
  return (
    <div className="table-scroll heat-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table heat-table">
        <caption className="visually-hidden">{caption}. В ячейке — доля прошедших диагностику с дефицитом и число людей.</caption>
        <thead>
          <tr>
            <th scope="col" className="heat-theme">Тема</th>
            {columns.map((c) => <th key={c.key} scope="col" className="heat-head">{c.title}</th>)}
          </tr>
        </thead>
        <tbody>
          {themes.map((t) => {
            const cells = new Map(cellsOf(t).map((c) => [c.key, c]));
            return (
              <tr key={t.competencyId}>
                <th scope="row" className="heat-theme">
                  {t.title}
                  <span className="muted heat-section">{t.subjectTitle ?? (t.area === "leadership" ? "управленческая" : "межпредметная")}</span>
                </th>
                {columns.map((col) => {
                  const cell = cells.get(col.key);
                  if (!cell || cell.tested === 0) return <td key={col.key} className="heat-cell heat-empty"><span aria-label="нет данных">—</span></td>;
                  const share = cell.deficit / cell.tested;
                  return (
                    <td key={col.key} className="heat-cell" style={heat(share)} title={`${col.title}: ${cell.deficit} из ${cell.tested}`}>
                      <span className="heat-share">{formatPercent(share * 100)}</span>
                      <span className="heat-count">{cell.deficit}/{cell.tested}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
