// Импорт: municipalities, schools, staff and exam results from XLSX/CSV (checked whole before anything is written), the log, and personal access codes.
import { useRef, useState, type KeyboardEvent } from "react";
import { useLoader } from "../../lib/use-loader";
import { Panel } from "../../lib/ui";
import { AccessCodesSection } from "./access-codes-section";
import { ImportHistory } from "./import-history";
import { ImportSection } from "./import-section";
import { importsApi, KIND_LABELS, type ImportKind } from "./imports-api";
import "./imports.css";

const KINDS: ImportKind[] = ["municipalities", "schools", "people", "exam-results"];

export default function ImportsPage() {
  const [kind, setKind] = useState<ImportKind>("people");
  const [imported, setImported] = useState(0);
  const history = useLoader(() => importsApi.history(), [imported]);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  // Arrow keys move between the tabs, as in every tab list.
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + KINDS.length) % KINDS.length;
    setKind(KINDS[next]!);
    tabs.current[next]?.focus();
  };

  return (
    <section className="page imports-section" aria-labelledby="imports-title">
      <header className="page-header">
        <p className="eyebrow">Справочники региона</p>
        <h1 id="imports-title">Импорт</h1>
        <p className="lead">
          Загрузите муниципалитеты, школы, сотрудников и результаты ВПР, ОГЭ и ЕГЭ из Excel (XLSX) или CSV. Сначала файл проверяется
          целиком: пока в нём есть хоть одна ошибка, в базу ничего не записывается. Порядок загрузки: муниципалитеты, затем школы,
          затем сотрудники и результаты экзаменов.
        </p>
      </header>

      <Panel id="import" title="Загрузка файла">
        <div className="tabs import-tabs" role="tablist" aria-label="Что загружаем">
          {KINDS.map((k, i) => (
            <button key={k} ref={(el) => { tabs.current[i] = el; }} type="button" role="tab" id={`import-tab-${k}`} aria-selected={kind === k}
              aria-controls="import-panel" tabIndex={kind === k ? 0 : -1} className={`tab ${kind === k ? "tab-active" : ""}`}
              onClick={() => setKind(k)} onKeyDown={(e) => onTabKey(e, i)}>
              {KIND_LABELS[k].tab}
            </button>
          ))}
        </div>
        <div id="import-panel" role="tabpanel" aria-labelledby={`import-tab-${kind}`}>
          <ImportSection key={kind} kind={kind} onImported={() => setImported((n) => n + 1)} />
        </div>
      </Panel>

      <Panel id="codes" title="Коды доступа">
        <AccessCodesSection refresh={imported} />
      </Panel>

      <Panel id="history" title="Журнал импортов">
        <ImportHistory batches={history.data} error={history.error} onRetry={history.reload} />
      </Panel>
    </section>
  );
}
