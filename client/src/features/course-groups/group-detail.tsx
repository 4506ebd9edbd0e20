// One saved group: its members, moving and removing them, name and dates, locking («Утвердить группу»), deleting, rosters.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { DataTable } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel, Stat } from "../../lib/ui";
import { dayText, groupsApi, percent, STATUS_LABELS, type GroupDetail } from "./course-groups-api";
import { ConfirmDialog } from "../../lib/confirm-dialog";
import { memberColumns } from "./member-columns";

type Pending = "confirm" | "delete" | "remove" | null;

export function GroupDetailView({ id, canChange, onClose }: { id: string; canChange: boolean; onClose: () => void }) {
  const group = useLoader(() => groupsApi.get(id), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = group.data !== null;
  // Opening a group moves focus to its title, so keyboard and screen-reader users land on it.
  useEffect(() => { if (loaded) heading.current?.focus(); }, [loaded]);

  if (group.error) return <><BackButton onClose={onClose} /><ErrorNotice error={group.error} onRetry={group.reload} /></>;
  if (!group.data) return <Loading label="Загружаем группу…" />;
  return <Detail group={group.data} canChange={canChange} onClose={onClose} onChanged={group.reload} heading={heading} />;
}

function BackButton({ onClose }: { onClose: () => void }) {
  return <button type="button" className="button button-ghost-dark groups-back" onClick={onClose}>← Ко всем группам</button>;
}

function Detail({ group, canChange, onClose, onChanged, heading }: {
  group: GroupDetail; canChange: boolean; onClose: () => void; onChanged: () => void; heading: React.RefObject<HTMLHeadingElement | null>;
}) {
  const editable = canChange && group.status === "proposed";
  const titles = useMemo(() => new Map(group.competencies.map((c) => [c.id, c.title])), [group]);
  const columns = useMemo(() => memberColumns(titles), [titles]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [target, setTarget] = useState("");
  const [form, setForm] = useState({ title: group.title, startsOn: group.startsOn ?? "", endsOn: group.endsOn ?? "" });
  const others = useLoader(() => (editable ? groupsApi.list(group.courseId, "proposed") : Promise.resolve([])), [group.courseId, editable]);
  const targets = (others.data ?? []).filter((g) => g.id !== group.id);

  const act = async (work: () => Promise<unknown>, done: string, after: () => void = onChanged) => {
    setBusy(true); setError(null); setNotice(null);
    try {
      await work();
      setNotice(done); setPending(null); setSelected(new Set());
      after();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Не удалось выполнить действие");
    } finally {
      setBusy(false);
    }
  };
  const saveForm = (e: FormEvent) => {
    e.preventDefault();
    void act(() => groupsApi.update(group.id, { title: form.title, startsOn: form.startsOn || null, endsOn: form.endsOn || null }), "Изменения сохранены.");
  };
  const move = () => {
    const to = targets.find((g) => g.id === target);
    if (!to) return;
    void act(() => groupsApi.addMembers(to.id, [...selected]), `Переведено в «${to.title}»: ${selected.size} чел.`);
  };
  const remove = () => act(async () => { for (const userId of selected) await groupsApi.removeMember(group.id, userId); }, `Исключено: ${selected.size} чел.`);

  return (
    <section aria-labelledby="group-title" className="group-detail">
      <BackButton onClose={onClose} />
      <header className="page-header">
        <p className="eyebrow">{group.courseTitle}</p>
        <h2 id="group-title" ref={heading} tabIndex={-1}>{group.title} <span className={`group-status group-status-${group.status}`}>{STATUS_LABELS[group.status]}</span></h2>
        <p className="muted">{group.startsOn ? `${dayText(group.startsOn)} — ${dayText(group.endsOn)}` : "Даты не заданы"} · размер группы {group.minSize}–{group.maxSize}</p>
      </header>
      <div className="stats">
        <Stat label={canChange ? "Участников" : "Участников из вашего муниципалитета"} value={group.people.length} />
        <Stat label="Сходство дефицитов" value={percent(group.quality.meanSimilarity)} />
        <Stat label="С дефицитами, которые закрывает курс" value={percent(group.quality.addressedShare)} />
        <Stat label="Муниципалитеты" value={group.quality.municipalities} note={group.municipalities.map((m) => m.name).join(", ")} />
      </div>
      {group.quality.nonNeighbour && <p className="notice notice-warn">В группе педагоги из несоседних муниципалитетов.</p>}
      {notice && <p className="notice notice-ok" role="status">{notice}</p>}
      {error && !pending && <p className="form-error" role="alert">{error}</p>}

      <div className="page-actions">
        <button type="button" className="button button-secondary" onClick={() => groupsApi.downloadGroup(group.id).catch((e: Error) => setError(e.message))}>Скачать список (XLSX)</button>
        <button type="button" className="button button-ghost-dark" onClick={() => groupsApi.downloadGroup(group.id, "csv").catch((e: Error) => setError(e.message))}>CSV</button>
        {editable && <button type="button" className="button button-primary" onClick={() => setPending("confirm")}>Утвердить группу</button>}
        {editable && <button type="button" className="button button-ghost-dark" onClick={() => setPending("delete")}>Удалить группу</button>}
      </div>

      {editable && (
        <Panel id="group-edit" title="Название и даты">
          <form onSubmit={saveForm} className="form-grid">
            <label className="field"><span>Название</span><input required maxLength={200} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
            <label className="field"><span>Начало</span><input type="date" value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} /></label>
            <label className="field"><span>Окончание</span><input type="date" value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} /></label>
            <div className="field groups-form-submit"><button type="submit" className="button button-secondary" disabled={busy}>Сохранить</button></div>
          </form>
        </Panel>
      )}

      <Panel id="group-members" title="Участники">
        {editable && (
          <div className="toolbar groups-selection" aria-live="polite">
            <span>{selected.size ? `Выбрано: ${selected.size}` : "Отметьте участников, чтобы перевести или исключить их."}</span>
            <label className="field">
              <span>Перевести в группу</span>
              <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={!targets.length}>
                <option value="">{targets.length ? "Выберите группу" : "других предложенных групп нет"}</option>
                {targets.map((g) => <option key={g.id} value={g.id}>{g.title} ({g.members} чел.)</option>)}
              </select>
            </label>
            <button type="button" className="button button-secondary" disabled={!selected.size || !target || busy} onClick={move}>Перевести</button>
            <button type="button" className="button button-ghost-dark" disabled={!selected.size || busy} onClick={() => setPending("remove")}>Исключить</button>
          </div>
        )}
        <DataTable rows={group.people} columns={columns} rowKey={(p) => p.id} caption={`Участники группы «${group.title}»`}
          initialSort={{ key: "name", direction: "asc" }} exportName="uchastniki.csv"
          {...(editable ? { selection: { selected, onChange: setSelected } } : {})} />
      </Panel>

      {pending === "confirm" && (
        <ConfirmDialog title="Утвердить группу?" confirmLabel="Утвердить" busy={busy} error={error} onCancel={() => { setPending(null); setError(null); }}
          onConfirm={() => act(() => groupsApi.confirm(group.id), "Группа утверждена.")}>
          <p>После утверждения состав, название и даты группы изменить будет нельзя. Участники утверждённой группы не попадут в группы других курсов на те же даты.</p>
        </ConfirmDialog>
      )}
      {pending === "delete" && (
        <ConfirmDialog title="Удалить группу?" confirmLabel="Удалить" danger busy={busy} error={error} onCancel={() => { setPending(null); setError(null); }}
          onConfirm={() => act(() => groupsApi.remove(group.id), "Группа удалена.", onClose)}>
          <p>Группа «{group.title}» будет удалена; её участники снова станут кандидатами курса.</p>
        </ConfirmDialog>
      )}
      {pending === "remove" && (
        <ConfirmDialog title="Исключить из группы?" confirmLabel="Исключить" danger busy={busy} error={error} onCancel={() => { setPending(null); setError(null); }}
          onConfirm={() => void remove()}>
          <p>Из группы будут исключены отмеченные участники ({selected.size}). Они снова станут кандидатами курса.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
