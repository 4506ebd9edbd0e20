// One kind of import: the template, the file, «Проверить файл» with progress, then the errors or «Импортировать», then the summary.
import { useState } from "react";
import { ErrorNotice } from "../../lib/ui";
import { FileDrop } from "./file-drop";
import { CheckPassed, ErrorList, ImportDone } from "./import-result";
import { importsApi, KIND_LABELS, type ImportKind, type ImportResult } from "./imports-api";

type Phase =
  | { step: "idle" }
  | { step: "uploading"; share: number; importing: boolean }
  | { step: "working"; importing: boolean }
  | { step: "checked"; result: ImportResult }
  | { step: "done"; result: ImportResult }
  | { step: "failed"; error: unknown };

export function ImportSection({ kind, onImported }: { kind: ImportKind; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [templateError, setTemplateError] = useState<unknown>(null);
  const busy = phase.step === "uploading" || phase.step === "working";
  const labels = KIND_LABELS[kind];

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const importing = !dryRun;
    setPhase({ step: "uploading", share: 0, importing });
    try {
      const result = await importsApi.run(kind, file, dryRun, (share) =>
        setPhase(share >= 1 ? { step: "working", importing } : { step: "uploading", share, importing }));
      if (importing && result.valid) {
        setPhase({ step: "done", result });
        onImported();
      } else setPhase({ step: "checked", result });
    } catch (error) {
      setPhase({ step: "failed", error });
    }
  };

  const template = async (format: "xlsx" | "csv") => {
    setTemplateError(null);
    try { await importsApi.template(kind, format); } catch (error) { setTemplateError(error); }
  };

  return (
    <div className="import-section">
      <div className="import-steps">
        <div>
          <h3>1. Шаблон</h3>
          <p className="muted">Заполните шаблон: первая строка — заголовки, на листе «Инструкция» — что писать в каждом столбце.
            Повторный импорт находит записи {labels.key} и обновляет их.</p>
          <div className="button-row">
            <button type="button" className="button button-ghost-dark" onClick={() => void template("xlsx")}>Скачать шаблон XLSX</button>
            <button type="button" className="button button-ghost-dark" onClick={() => void template("csv")}>Скачать шаблон CSV</button>
          </div>
          {templateError !== null && <ErrorNotice error={templateError} />}
        </div>
        <div>
          <h3>2. Файл</h3>
          <FileDrop id={`import-file-${kind}`} file={file} disabled={busy} onFile={(f) => { setFile(f); setPhase({ step: "idle" }); }} />
          <button type="button" className="button button-primary" disabled={!file || busy} onClick={() => void send(true)}>Проверить файл</button>
        </div>
      </div>

      <div aria-live="polite">
        {phase.step === "uploading" && (
          <div className="import-progress">
            <div className="progress-label"><span>Загружаем файл…</span><span>{Math.round(phase.share * 100)}%</span></div>
            <div className="progress" role="progressbar" aria-label="Загрузка файла" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(phase.share * 100)}>
              <span style={{ width: `${phase.share * 100}%` }} />
            </div>
          </div>
        )}
        {phase.step === "working" && (
          <div className="loading import-working" role="status">
            <span className="spinner" aria-hidden="true" />
            {phase.importing ? "Импортируем… Все строки записываются одной транзакцией." : "Проверяем…"}
          </div>
        )}
      </div>
      {phase.step === "failed" && (
        <div className="import-result">
          <ErrorNotice error={phase.error} />
          <p className="muted">В базу ничего не записано.</p>
        </div>
      )}
      {phase.step === "checked" && file && (phase.result.valid
        ? <CheckPassed result={phase.result} busy={busy} onImport={() => void send(false)} />
        : <ErrorList result={phase.result} fileName={file.name} />)}
      {phase.step === "done" && <ImportDone result={phase.result} people={kind === "people"} />}
    </div>
  );
}
