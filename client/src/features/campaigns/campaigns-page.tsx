// Кампании: the region's monitoring campaigns in one table, and the form that plans a new one (methodologists, admins).
import { useMemo, useState } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { Link, navigate } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { CampaignForm } from "./campaign-form";
import { emptyForm, formatDay, localDay, scopeText, targetsText, WAVE_LABELS } from "./campaign-logic";
import { campaignsApi, type Campaign } from "./campaigns-api";
import { StatusBadge } from "./campaign-ui";
import "./campaigns.css";

const STATUS_ORDER = { active: 0, planned: 1, closed: 2 } as const;

export default function CampaignsPage() {
  const { user } = useAuth();
  const canChange = mayChange(user);
  const campaigns = useLoader(() => campaignsApi.list(), []);
  const municipalities = useLoader(() => campaignsApi.municipalities(), []);
  const [creating, setCreating] = useState(false);
  const names = useMemo(() => new Map((municipalities.data ?? []).map((m) => [m.id, m.name])), [municipalities.data]);

  const columns = useMemo<Array<Column<Campaign>>>(() => [
    { key: "title", header: "Кампания", value: (c) => c.title, render: (c) => <Link href={`/campaigns/${encodeURIComponent(c.id)}`}>{c.title}</Link> },
    { key: "wave", header: "Этап", value: (c) => WAVE_LABELS[c.wave] },
    { key: "status", header: "Состояние", value: (c) => STATUS_ORDER[c.status], render: (c) => <StatusBadge status={c.status} /> },
    {
      key: "dates", header: "Сроки", value: (c) => c.startsOn,
      render: (c) => <span className="nowrap-dates">{formatDay(c.startsOn)} —<br />{formatDay(c.endsOn)}</span>,
    },
    { key: "scope", header: "Охват", value: (c) => scopeText(c, names) },
    { key: "instruments", header: "Инструментов", value: (c) => c.instrumentIds.length, numeric: true },
    { key: "targets", header: "Цели", value: (c) => targetsText(c.targets) || "—" },
  ], [names]);

  const create = async (body: Parameters<typeof campaignsApi.create>[0]) => {
    const created = await campaignsApi.create(body);
    navigate(`/campaigns/${encodeURIComponent(created.id)}`);
  };

  return (
    <section className="page campaigns-section">
      <header className="page-header">
        <p className="eyebrow">Мониторинг</p>
        <h1>Кампании</h1>
        <p className="lead">
          Кампания назначает диагностику всем, кого охватывает, на заданные даты. Одновременно может идти несколько кампаний,
          если ни одному человеку не назначен один и тот же инструмент дважды.
        </p>
        {canChange && !creating && (
          <div className="page-actions">
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>Новая кампания</button>
          </div>
        )}
      </header>

      {canChange && creating && (
        <Panel id="new-campaign" title="Новая кампания">
          <p className="muted">Кампания создаётся запланированной: участникам она станет видна, когда вы её откроете.</p>
          <CampaignForm initial={emptyForm(localDay(), localDay(30))} submitLabel="Создать кампанию" onSubmit={create} onCancel={() => setCreating(false)} />
        </Panel>
      )}

      {campaigns.error ? <ErrorNotice error={campaigns.error} onRetry={campaigns.reload} /> : !campaigns.data ? <Loading /> : (
        <Panel id="campaign-list" title="Кампании региона">
          <DataTable rows={campaigns.data} columns={columns} rowKey={(c) => c.id} caption="Кампании региона"
            initialSort={{ key: "status", direction: "asc" }} exportName="kampanii.csv"
            emptyText={canChange ? "Кампаний пока нет. Создайте первую кнопкой «Новая кампания»." : "Кампаний, охватывающих ваш муниципалитет, пока нет."} />
        </Panel>
      )}
    </section>
  );
}
