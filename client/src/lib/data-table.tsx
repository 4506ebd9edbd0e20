// The workspace's table: sorts by any column, filters by text, pages through long lists, exports what it shows.
import { useMemo, useState, type ReactNode } from "react";
import { downloadCsv, plural } from "./format";

export interface Column<T> {
  key: string;
  header: string;
  /** The value the column sorts, filters and exports by. */
  value: (row: T) => string | number | null | undefined;
  /** How the cell looks, when it is more than its value (a badge, a link). */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  sortable?: boolean;
  /** Left out of the CSV export (buttons, for example). */
  noExport?: boolean;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string;
  /** Names the table for screen readers. */
  caption: string;
  initialSort?: { key: string; direction: "asc" | "desc" };
  pageSize?: number;
  /** A CSV of the filtered rows, built in the browser; for server-built XLSX, put a button in `toolbar`. */
  exportName?: string;
  filterPlaceholder?: string;
  emptyText?: string;
  toolbar?: ReactNode;
  /** Row selection with checkboxes: the keys selected, and what to do when they change. */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
  rowClassName?: (row: T) => string | undefined;
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, caption, pageSize = 50, selection } = props;
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState(props.initialSort ?? null);
  const [page, setPage] = useState(0);

  const filtered = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [...rows];
    return rows.filter((row) => {
      const text = columns.map((c) => String(c.value(row) ?? "")).join(" ").toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [rows, columns, query]);

  const sorted = useMemo(() => {
    if (!sort) return filtered;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return filtered;
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...filtered].sort((a, b) => sign * compare(column.value(a), column.value(b)));
  }, [filtered, sort, columns]);

  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const visible = sorted.slice(current * pageSize, (current + 1) * pageSize);

  const toggleSort = (key: string) => {
    setPage(0);
    setSort((s) => (s?.key === key ? { key, direction: s.direction === "asc" ? "desc" : "asc" } : { key, direction: "asc" }));
  };
  const exportCsv = () => {
    const exported = columns.filter((c) => !c.noExport);
    downloadCsv(props.exportName!, [exported.map((c) => c.header), ...sorted.map((r) => exported.map((c) => c.value(r) ?? ""))]);
  };
  const allVisibleSelected = selection !== undefined && visible.length > 0 && visible.every((r) => selection.selected.has(rowKey(r)));
  const toggleVisible = () => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const r of visible) (allVisibleSelected ? next.delete(rowKey(r)) : next.add(rowKey(r)));
    selection.onChange(next);
  };
  const toggleRow = (key: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key); else next.add(key);
    selection.onChange(next);
  };

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <label className="table-filter">
          <span className="visually-hidden">Поиск в таблице «{caption}»</span>
          <input type="search" value={query} placeholder={props.filterPlaceholder ?? "Поиск…"}
            onChange={(e) => { setQuery(e.target.value); setPage(0); }} />
        </label>
        <span className="muted table-count" aria-live="polite">
          {sorted.length === rows.length ? `${rows.length} ${plural(rows.length, ["строка", "строки", "строк"])}` : `${sorted.length} из ${rows.length}`}
        </span>
        <div className="table-actions">
          {props.toolbar}
          {props.exportName && <button type="button" className="button button-ghost-dark" onClick={exportCsv}>Скачать CSV</button>}
        </div>
      </div>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {selection && (
                <th scope="col" className="select-cell">
                  <input type="checkbox" checked={allVisibleSelected} onChange={toggleVisible} aria-label="Выбрать все строки на странице" />
                </th>
              )}
              {columns.map((c) => {
                const active = sort?.key === c.key;
                const ariaSort = active ? (sort!.direction === "asc" ? "ascending" : "descending") : undefined;
                return (
                  <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={ariaSort}>
                    {c.sortable === false ? c.header : (
                      <button type="button" className="sort-button" onClick={() => toggleSort(c.key)}>
                        {c.header}<span aria-hidden="true" className="sort-mark">{active ? (sort!.direction === "asc" ? " ▲" : " ▼") : ""}</span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 ? (
              <tr><td colSpan={columns.length + (selection ? 1 : 0)} className="muted">{props.emptyText ?? "Нет строк"}</td></tr>
            ) : visible.map((row) => {
              const key = rowKey(row);
              return (
                <tr key={key} className={props.rowClassName?.(row)}>
                  {selection && (
                    <td className="select-cell">
                      <input type="checkbox" checked={selection.selected.has(key)} onChange={() => toggleRow(key)} aria-label="Выбрать строку" />
                    </td>
                  )}
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? "num" : undefined}>{c.render ? c.render(row) : c.value(row) ?? "—"}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label={`Страницы таблицы «${caption}»`}>
          <button type="button" className="button button-ghost-dark" disabled={current === 0} onClick={() => setPage(current - 1)}>Назад</button>
          <span>Страница {current + 1} из {pages}</span>
          <button type="button" className="button button-ghost-dark" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Вперёд</button>
        </nav>
      )}
    </div>
  );
}
