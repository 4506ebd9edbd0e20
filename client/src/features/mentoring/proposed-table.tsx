// Proposed pairs: select, change a mentor, confirm the selected ones at once (all or nothing on the server).
import { useMemo, useState } from "react";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { CandidatesDialog } from "./candidates-dialog";
import { mentoringApi, type Candidate, type ProposedPair } from "./mentoring-api";
import { GEO_LABELS, subjectTitle } from "./mentoring-labels";

/** A proposed pair as the table shows it; `changed` when the methodologist chose another mentor. */
export interface Row {
  menteeId: string; menteeName: string; menteeSchool: string; municipality: string; priority: string;
  subject: string; mentorId: string; mentorName: string; mentorSchool: string; geo: string;
  covered: number; deficits: number; reason: string; changed: boolean;
}

export function toRow(p: ProposedPair): Row {
  return {
    menteeId: p.menteeId, menteeName: p.mentee.name, menteeSchool: p.mentee.schoolName ?? "", municipality: p.mentee.municipalityName ?? "",
    priority: [p.mentee.lowResults && "низкие результаты", p.mentee.unfavourable && "сложные условия"].filter(Boolean).join(", "),
    subject: p.subject, mentorId: p.mentorId, mentorName: p.mentor.name, mentorSchool: p.mentor.schoolName ?? "",
    geo: p.geo, covered: p.covered.length, deficits: p.deficits.length, reason: p.reason, changed: false,
  };
}

export function ProposedTable({ rows, onRowsChange, onConfirmed }: {
  rows: Row[];
  onRowsChange: (rows: Row[]) => void;
  onConfirmed: (count: number) => void;
}) {
  const [selected, setSelected] = useState<Set<string>>(() => new Set(rows.map((r) => r.menteeId)));
  const [choosing, setChoosing] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const taken = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.mentorId, (counts.get(r.mentorId) ?? 0) + 1);
    return counts;
  }, [rows]);

  const choose = (row: Row, c: Candidate) => {
    onRowsChange(rows.map((r) => (r.menteeId !== row.menteeId ? r : {
      ...r, mentorId: c.mentorId, mentorName: c.name, mentorSchool: c.schoolName ?? "",
      subject: c.subject, geo: c.geo, covered: c.covered, deficits: c.deficits, reason: c.reason, changed: true,
    })));
    setChoosing(null);
  };

  const confirm = async () => {
    const chosen = rows.filter((r) => selected.has(r.menteeId));
    setBusy(true);
    setError(null);
    try {
      await mentoringApi.assignMany(chosen.map((r) => ({ menteeId: r.menteeId, mentorId: r.mentorId, reason: r.reason, subject: r.subject })));
      const done = new Set(chosen.map((r) => r.menteeId));
      onRowsChange(rows.filter((r) => !done.has(r.menteeId)));
      setSelected(new Set());
      onConfirmed(chosen.length);
    } catch (e) {
      // "Пара 3: …" names the batch position; the teacher's name says more.
      const message = e instanceof Error ? e.message : "Не удалось утвердить пары";
      const at = Number(/^Пара (\d+):/.exec(message)?.[1] ?? 0);
      setError(at ? `${chosen[at - 1]?.menteeName ?? ""}: ${message.replace(/^Пара \d+: /, "")}. Ни одна пара не утверждена.` : message);
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<Array<Column<Row>>>(() => [
    { key: "mentee", header: "Педагог", value: (r) => r.menteeName, render: (r) => <Link href={`/people/${r.menteeId}`}>{r.menteeName}</Link> },
    {
      key: "school", header: "Школа, муниципалитет", value: (r) => `${r.municipality} ${r.menteeSchool}`,
      render: (r) => <>{r.menteeSchool}<br /><span className="muted">{r.municipality}</span>{r.priority && <><br /><span className="tag tag-risk">{r.priority}</span></>}</>,
    },
    { key: "subject", header: "Предмет", value: (r) => subjectTitle(r.subject) },
    {
      key: "mentor", header: "Наставник", value: (r) => r.mentorName,
      render: (r) => (
        <div className="mentor-cell">
          <strong>{r.mentorName}</strong>{r.changed && <span className="tag">выбран вручную</span>}
          <span className="muted">{r.mentorSchool} · {GEO_LABELS[r.geo] ?? r.geo}</span>
          <button type="button" className="button button-ghost-dark button-small" onClick={() => setChoosing(r)}
            aria-label={`Другой наставник для: ${r.menteeName}`}>Другой наставник</button>
        </div>
      ),
    },
    { key: "covered", header: "Освоил тем", value: (r) => r.covered, render: (r) => `${r.covered} из ${r.deficits}`, numeric: true },
    { key: "reason", header: "Почему", value: (r) => r.reason, render: (r) => <span className="reason-text reason-wide">{r.reason}</span> },
  ], []);

  return (
    <>
      {error && <div className="notice notice-error" role="alert"><p>{error}</p></div>}
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.menteeId} caption="Предложенные пары" exportName="predlozhennye-pary.csv"
        selection={{ selected, onChange: setSelected }} initialSort={{ key: "school", direction: "asc" }} pageSize={25}
        emptyText="Предложенных пар нет." filterPlaceholder="Педагог, школа, наставник…"
        toolbar={(
          <>
            {selected.size < rows.length
              ? <button type="button" className="button button-ghost-dark" onClick={() => setSelected(new Set(rows.map((r) => r.menteeId)))}>Выбрать все ({rows.length})</button>
              : <button type="button" className="button button-ghost-dark" onClick={() => setSelected(new Set())}>Снять выбор</button>}
            <button type="button" className="button button-primary" disabled={busy || selected.size === 0} onClick={confirm}>
              {busy ? "Утверждаем…" : `Подтвердить выбранные (${selected.size})`}
            </button>
          </>
        )} />
      {choosing && (
        <CandidatesDialog mentee={{ id: choosing.menteeId, name: choosing.menteeName }} current={choosing.mentorId} taken={taken}
          confirmLabel="Выбрать" onChoose={(c) => choose(choosing, c)} onCancel={() => setChoosing(null)} />
      )}
    </>
  );
}
