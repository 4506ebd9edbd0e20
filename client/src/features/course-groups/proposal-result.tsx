// A proposal: its quality at a glance, how far it can be from the best, the groups with their members, who is left out, and saving.
import { useMemo, useState } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { plural } from "../../lib/format";
import { Panel, Stat } from "../../lib/ui";
import { gapPercent, groupsApi, percent, type Person, type Proposal } from "./course-groups-api";
import { GroupSizesChart } from "./group-sizes-chart";
import { memberColumns } from "./member-columns";

export function ProposalResult({ proposal, onSaved }: { proposal: Proposal; onSaved: () => void }) {
  const q = proposal.quality;
  const people = useMemo(() => new Map(proposal.people.map((p) => [p.id, p])), [proposal]);
  const titles = useMemo(() => new Map(proposal.competencies.map((c) => [c.id, c.title])), [proposal]);
  const names = useMemo(() => new Map(proposal.municipalities.map((m) => [m.id, m.name])), [proposal]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = useMemo(() => memberColumns(titles), [titles]);
  const improvement = q.baseline.objective > 0 ? 1 - q.objective.total / q.baseline.objective : 0;

  const save = async () => {
    setSaving(true); setError(null);
    try {
      await groupsApi.save({
        courseId: proposal.courseId, minSize: proposal.minSize, maxSize: proposal.maxSize,
        ...(proposal.startsOn ? { startsOn: proposal.startsOn } : {}), ...(proposal.endsOn ? { endsOn: proposal.endsOn } : {}),
        groups: proposal.groups.map((g) => ({ title: g.title, members: g.members })),
      });
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Не удалось сохранить группы");
      setSaving(false);
    }
  };

  const leftOut = proposal.leftOut.map((l) => ({ ...l, person: people.get(l.userId)! }));
  const leftColumns: Array<Column<(typeof leftOut)[number]>> = [
    { key: "name", header: "ФИО", value: (r) => r.person.name },
    { key: "school", header: "Школа", value: (r) => r.person.schoolName },
    { key: "municipality", header: "Муниципалитет", value: (r) => r.person.municipalityName },
    { key: "reason", header: "Почему не вошёл", value: (r) => r.message },
  ];

  return (
    <section className="groups-proposal" aria-labelledby="proposal-title">
      <h2 id="proposal-title">Предложение: {proposal.courseTitle}</h2>
      <div className="stats">
        <Stat label="Кандидатов" value={proposal.candidates} note="с дефицитами, которые закрывает курс" />
        <Stat label="В группах" value={q.placed} note={`${q.groups} ${plural(q.groups, ["группа", "группы", "групп"])} по ${q.groupSizes.min === q.groupSizes.max ? q.groupSizes.min : `${q.groupSizes.min}–${q.groupSizes.max}`} чел.`} />
        <Stat label="Сходство дефицитов в группе" value={percent(q.meanSimilarity)} note={`у жадной разбивки ${percent(q.baseline.meanSimilarity)}`} />
        <Stat label="Муниципалитетов в группе" value={q.municipalitiesPerGroup.mean.toFixed(1).replace(".", ",")} note={`не больше ${q.municipalitiesPerGroup.max}; групп из несоседних: ${q.nonNeighbourGroups}`} />
        <Stat label="Не вошли" value={proposal.unassigned.length} note={q.leftOut.map((l) => `${l.label.toLowerCase()}: ${l.count}`).join("; ") || "все кандидаты в группах"} />
      </div>

      <div className="notice notice-ok groups-bound">
        <p><strong>{q.bound.gap <= 0.0005 ? "Лучше разбить нельзя." : `Не более чем на ${gapPercent(q.bound.gap)} хуже оптимума.`}</strong> {q.bound.summary}</p>
        <p className="muted">
          География: объединений муниципалитетов в группах — {q.bound.geography.extraMunicipalities}, меньше {q.bound.geography.extraMunicipalitiesLowerBound} невозможно.
          {improvement > 0 && ` Целевая функция на ${percent(improvement)} лучше, чем у разбивки «по списку» (сортировка по муниципалитету и нарезка по ${proposal.maxSize}).`}
          {` Расчёт занял ${Math.round(q.timings.totalMs)} мс.`}
        </p>
      </div>

      <Panel id="proposal-chart" title="Группы по размеру и муниципалитетам">
        <GroupSizesChart groups={proposal.groups} people={people} municipalityNames={names} minSize={proposal.minSize} maxSize={proposal.maxSize} />
      </Panel>

      <Panel id="proposal-groups" title={`Группы (${proposal.groups.length})`}>
        {proposal.groups.length === 0 && <p className="muted">Групп нет: подходящих кандидатов не нашлось.</p>}
        {proposal.groups.map((g, i) => (
          <details key={g.title} className="group-card" open={i === 0}>
            <summary>
              <span className="group-card-title">{g.title}</span>
              <span className="muted"> · {g.size} чел. · сходство {percent(g.similarity)} · из приоритетных школ {g.priorityMembers}</span>
            </summary>
            <DataTable rows={g.members.map((id) => people.get(id)!)} columns={columns} rowKey={(p: Person) => p.id}
              caption={`Участники: ${g.title}`} initialSort={{ key: "name", direction: "asc" }} pageSize={30} />
          </details>
        ))}
      </Panel>

      {leftOut.length > 0 && (
        <Panel id="proposal-left" title={`Не вошли в группы (${leftOut.length})`}>
          <DataTable rows={leftOut} columns={leftColumns} rowKey={(r) => r.userId} caption="Не вошли в группы" exportName="ne-voshli.csv" />
        </Panel>
      )}

      {proposal.groups.length > 0 && (
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={save} disabled={saving}>{saving ? "Сохраняем…" : "Сохранить группы"}</button>
          <span className="muted">После сохранения участников можно переводить между группами, группы — переименовывать, датировать и утверждать.</span>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
