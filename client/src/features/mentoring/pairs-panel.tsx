// Current pairs: who mentors whom since when and why; end a pair (methodologists, admins); download the list.
import { useMemo, useState } from "react";
import { Link } from "../../app/router";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate } from "../../lib/format";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { mentoringApi, type Pair, type PairFilter } from "./mentoring-api";
import { subjectTitle } from "./mentoring-labels";

export function PairsPanel({ pairs, error, reload, canChange, filter, onEnded }: {
  pairs: Pair[] | null;
  error: unknown;
  reload: () => void;
  canChange: boolean;
  filter: PairFilter;
  onEnded: () => void;
}) {
  const [ending, setEnding] = useState<Pair | null>(null);
  const [busy, setBusy] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const columns = useMemo<Array<Column<Pair>>>(() => {
    const list: Array<Column<Pair>> = [
      {
        key: "mentee", header: "Наставляемый", value: (p) => p.mentee.name,
        // Profiles are open to staff and the mentor, not to coordinators: they get the name without a link.
        render: (p) => <>{canChange ? <Link href={`/people/${p.menteeId}`}>{p.mentee.name}</Link> : p.mentee.name}<br /><span className="muted">{[p.mentee.schoolName, p.mentee.municipalityName].filter(Boolean).join(", ")}</span></>,
      },
      { key: "subject", header: "Предмет", value: (p) => subjectTitle(p.subject) },
      { key: "mentor", header: "Наставник", value: (p) => p.mentor.name, render: (p) => <>{p.mentor.name}<br /><span className="muted">{[p.mentor.schoolName, p.mentor.municipalityName].filter(Boolean).join(", ")}</span></> },
      { key: "since", header: "С какого числа", value: (p) => p.since, render: (p) => formatDate(p.since) },
      { key: "reason", header: "Почему эта пара", value: (p) => p.reason, render: (p) => <span className="reason-text reason-wide">{p.reason ?? "—"}</span> },
    ];
    if (canChange) {
      list.push({
        key: "end", header: "Действие", value: () => "", sortable: false, noExport: true,
        render: (p) => <button type="button" className="button button-ghost-dark button-small" onClick={() => { setEndError(null); setEnding(p); }} aria-label={`Завершить пару: ${p.mentee.name}`}>Завершить</button>,
      });
    }
    return list;
  }, [canChange]);

  const end = async () => {
    if (!ending) return;
    setBusy(true);
    try {
      await mentoringApi.end(ending.menteeId);
      setEnding(null);
      onEnded();
    } catch (e) {
      setEndError(e instanceof Error ? e.message : "Не удалось завершить пару");
    } finally {
      setBusy(false);
    }
  };
  const download = (format: "xlsx" | "csv") => { setDownloadError(null); mentoringApi.downloadPairs(filter, format).catch(setDownloadError); };

  return (
    <Panel id="pairs" title="Текущие пары">
      {downloadError !== null && <ErrorNotice error={downloadError} />}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !pairs ? <Loading /> : (
        <DataTable rows={pairs} columns={columns} rowKey={(p) => p.id} caption="Текущие наставнические пары" pageSize={25}
          initialSort={{ key: "since", direction: "desc" }} emptyText="Текущих пар нет."
          toolbar={<button type="button" className="button button-ghost-dark" onClick={() => download("xlsx")}>Скачать XLSX</button>}
          exportName="nastavnicheskie-pary.csv" />
      )}
      {ending && (
        <ConfirmDialog title="Завершить пару?" confirmLabel="Завершить" danger busy={busy} error={endError} onConfirm={end} onCancel={() => setEnding(null)}>
          <p>{ending.mentor.name} перестанет быть наставником педагога {ending.mentee.name} и больше не увидит его профиль. История пары сохранится.</p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
