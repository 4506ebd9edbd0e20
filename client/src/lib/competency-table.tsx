// The competency results as a table, the accessible twin of the chart, with CSV export.
import type { Level } from "./api";
import { downloadCsv, formatPercent, formatScore, LEVEL_LABELS } from "./format";
import { LevelBadge } from "./ui";

export interface TableRow { id: string; title: string; percent: number; level: Level; score?: number; maxScore?: number; items?: number }

export function CompetencyTable({ rows, fileName }: { rows: TableRow[]; fileName: string }) {
  const withScores = rows.some((r) => r.score !== undefined);
  const exportCsv = () => downloadCsv(fileName, [
    ["Компетенция", ...(withScores ? ["Баллы", "Максимум"] : []), "Процент", "Уровень"],
    ...rows.map((r) => [r.title, ...(withScores ? [formatScore(r.score ?? 0), formatScore(r.maxScore ?? 0)] : []), Math.round(r.percent), LEVEL_LABELS[r.level]]),
  ]);
  return (
    <div className="table-block">
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr><th scope="col">Компетенция</th>{withScores && <th scope="col" className="num">Баллы</th>}<th scope="col" className="num">Результат</th><th scope="col">Уровень</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.title}{r.items !== undefined && r.items < 5 && <span className="hint" title="Меньше пяти заданий: ориентир, а не вердикт"> *</span>}</th>
                {withScores && <td className="num">{formatScore(r.score ?? 0)} из {formatScore(r.maxScore ?? 0)}</td>}
                <td className="num">{formatPercent(r.percent)}</td>
                <td><LevelBadge level={r.level} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-footer">
        {rows.some((r) => r.items !== undefined && r.items < 5) && <span className="muted">* меньше пяти заданий: показатель ориентировочный</span>}
        <button type="button" className="button button-ghost-dark" onClick={exportCsv}>Скачать CSV</button>
      </div>
    </div>
  );
}
