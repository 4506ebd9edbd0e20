// What a check or an import found: the green light with counts, or every error in a table, saying plainly that nothing was written.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { plural } from "../../lib/format";
import type { ImportError, ImportResult } from "./imports-api";

const rowsWord = (n: number) => `${n} ${plural(n, ["строка", "строки", "строк"])}`;
const recordsWord = (n: number) => `${n} ${plural(n, ["запись", "записи", "записей"])}`;

export function ErrorList({ result, fileName }: { result: ImportResult; fileName: string }) {
  const badRows = useMemo(() => new Set(result.errors.map((e) => e.row)).size, [result.errors]);
  const columns = useMemo<Array<Column<ImportError & { index: number }>>>(() => [
    { key: "row", header: "Строка", value: (e) => e.row, numeric: true },
    { key: "field", header: "Поле", value: (e) => e.field ?? "" },
    { key: "message", header: "Ошибка", value: (e) => e.message },
  ], []);
  const rows = useMemo(() => result.errors.map((e, index) => ({ ...e, index })), [result.errors]);
  return (
    <div className="import-result">
      <div className="notice notice-error" role="alert">
        <p><strong>Найдено ошибок: {result.errorsTotal} в {badRows} {plural(badRows, ["строке", "строках", "строках"])} из {result.rows}.</strong></p>
        <p>В базу ничего не записано. Исправьте файл (номера строк — как в Excel, заголовок — строка 1) и проверьте его снова.</p>
        {result.errorsTotal > result.errors.length && <p>Показаны первые {result.errors.length} ошибок.</p>}
      </div>
      <DataTable rows={rows} columns={columns} rowKey={(e) => String(e.index)} caption={`Ошибки в файле ${fileName}`}
        initialSort={{ key: "row", direction: "asc" }} pageSize={25} exportName={`Ошибки — ${fileName.replace(/\.[^.]+$/, "")}.csv`}
        filterPlaceholder="Найти ошибку…" />
    </div>
  );
}

export function CheckPassed({ result, busy, onImport }: { result: ImportResult; busy: boolean; onImport: () => void }) {
  return (
    <div className="notice notice-ok import-result" role="status">
      <p><strong>Ошибок нет: будет создано {result.wouldCreate}, обновлено {result.wouldUpdate}.</strong></p>
      <p className="muted">Проверено {rowsWord(result.rows)}. Пока вы не нажмёте «Импортировать», в базе ничего не меняется.</p>
      <button type="button" className="button button-primary" onClick={onImport} disabled={busy}>Импортировать</button>
    </div>
  );
}

export function ImportDone({ result, people }: { result: ImportResult; people: boolean }) {
  return (
    <div className="notice notice-ok import-result" role="status">
      <p><strong>Импорт завершён: создано {recordsWord(result.created)}, обновлено {result.updated}.</strong></p>
      {people && (
        <p>
          {result.assigned ? `Новым сотрудникам назначена диагностика в идущих кампаниях: ${result.assigned} ${plural(result.assigned, ["назначение", "назначения", "назначений"])}. ` : ""}
          Выдайте новым сотрудникам коды доступа в разделе «Коды доступа» ниже.
        </p>
      )}
      <p className="muted">Повторная загрузка того же файла ничего не создаст: записи обновятся.</p>
    </div>
  );
}
