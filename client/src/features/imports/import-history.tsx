// The log of the region's imports: when, what, which file, how many rows created and updated, by whom.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate, formatTime } from "../../lib/format";
import { ErrorNotice, Loading } from "../../lib/ui";
import { KIND_LABELS, type ImportBatch } from "./imports-api";

export function ImportHistory({ batches, error, onRetry }: { batches: ImportBatch[] | null; error: unknown; onRetry: () => void }) {
  const columns = useMemo<Array<Column<ImportBatch>>>(() => [
    { key: "when", header: "Когда", value: (b) => b.createdAt, render: (b) => `${formatDate(b.createdAt)}, ${formatTime(new Date(b.createdAt))}` },
    { key: "kind", header: "Что", value: (b) => KIND_LABELS[b.kind].tab },
    { key: "file", header: "Файл", value: (b) => b.fileName },
    { key: "rows", header: "Строк", value: (b) => b.rows, numeric: true },
    { key: "created", header: "Создано", value: (b) => b.created, numeric: true },
    { key: "updated", header: "Обновлено", value: (b) => b.updated, numeric: true },
    { key: "who", header: "Кто", value: (b) => b.createdBy ?? "" },
  ], []);
  if (error) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (!batches) return <Loading label="Загружаем журнал…" />;
  return (
    <DataTable rows={batches} columns={columns} rowKey={(b) => b.id} caption="Журнал импортов" pageSize={10}
      initialSort={{ key: "when", direction: "desc" }} exportName="Журнал импортов.csv" emptyText="Импортов пока не было." />
  );
}
