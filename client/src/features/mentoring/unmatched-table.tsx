// Teachers the proposal left without a mentor, each with the reason; a methodologist may still choose one by hand.
import { useMemo, useState } from "react";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { CandidatesDialog } from "./candidates-dialog";
import { mentoringApi, type Unmatched } from "./mentoring-api";
import { CAUSE_LABELS, subjectsText } from "./mentoring-labels";

export function UnmatchedTable({ rows, onAssigned }: { rows: Unmatched[]; onAssigned: (menteeId: string) => void }) {
  const [choosing, setChoosing] = useState<Unmatched | null>(null);
  const columns = useMemo<Array<Column<Unmatched>>>(() => [
    { key: "name", header: "Педагог", value: (u) => u.name, render: (u) => <Link href={`/people/${u.menteeId}`}>{u.name}</Link> },
    { key: "school", header: "Школа", value: (u) => u.schoolName },
    { key: "municipality", header: "Муниципалитет", value: (u) => u.municipalityName },
    { key: "subjects", header: "Предметы с дефицитами", value: (u) => subjectsText(u.subjects) },
    { key: "cause", header: "Причина", value: (u) => CAUSE_LABELS[u.cause] ?? u.cause, render: (u) => <><strong>{CAUSE_LABELS[u.cause] ?? u.cause}</strong><br /><span className="reason-text">{u.reason}</span></> },
    {
      key: "action", header: "Действие", value: () => "", sortable: false, noExport: true,
      render: (u) => <button type="button" className="button button-ghost-dark button-small" onClick={() => setChoosing(u)} aria-label={`Выбрать наставника для: ${u.name}`}>Выбрать наставника</button>,
    },
  ], []);
  return (
    <>
      <DataTable rows={rows} columns={columns} rowKey={(u) => u.menteeId} caption="Педагоги без наставника" exportName="bez-nastavnika.csv"
        initialSort={{ key: "municipality", direction: "asc" }} pageSize={25} emptyText="Все педагоги с дефицитами получили наставника." />
      {choosing && (
        <CandidatesDialog mentee={{ id: choosing.menteeId, name: choosing.name }} confirmLabel="Утвердить пару"
          onChoose={async (c) => {
            await mentoringApi.assign({ menteeId: choosing.menteeId, mentorId: c.mentorId, subject: c.subject, reason: c.reason });
            setChoosing(null);
            onAssigned(choosing.menteeId);
          }}
          onCancel={() => setChoosing(null)} />
      )}
    </>
  );
}
