// One campaign: its window and scope, opening and closing, and its coverage refreshed every 25 seconds while the page is open.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { Link } from "../../app/router";
import { formatTime } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { CampaignActions } from "./campaign-actions";
import { CampaignForm } from "./campaign-form";
import { formatDay, formOf, localDay, scopeText, targetsText, WAVE_LABELS, windowText } from "./campaign-logic";
import { campaignsApi, type PendingFilter } from "./campaigns-api";
import { CoverageSection } from "./coverage-section";
import { PendingSection } from "./pending-section";
import { SchoolsPanel } from "./schools-panel";
import { StatusBadge } from "./campaign-ui";
import "./campaigns.css";

const REFRESH_MS = 25_000;

export default function CampaignPage({ campaignId }: { campaignId: string }) {
  const { user } = useAuth();
  const canChange = mayChange(user);
  const coordinatorMunicipality = !canChange && user?.roles.includes("municipal") ? user.municipalityId ?? null : null;
  const [refresh, setRefresh] = useState(0);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string | null>(coordinatorMunicipality);
  const [pendingFilter, setPendingFilter] = useState<PendingFilter>({});

  const campaign = useLoader(() => campaignsApi.get(campaignId), [campaignId, refresh]);
  const instruments = useLoader(() => campaignsApi.instruments(), []);
  const municipalities = useLoader(() => campaignsApi.municipalities(), []);
  const status = campaign.data?.status;
  const coverage = useLoader(async () => {
    if (!status || status === "planned") return null;
    const figures = await campaignsApi.coverage(campaignId);
    setRefreshedAt(new Date());
    return figures;
  }, [campaignId, status, refresh]);

  // Coverage moves as people submit: refresh while the campaign runs and the tab is in sight.
  useEffect(() => {
    if (status !== "active") return;
    const timer = setInterval(() => { if (!document.hidden) setRefresh((n) => n + 1); }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [status]);

  const names = useMemo(() => new Map((municipalities.data ?? []).map((m) => [m.id, m.name])), [municipalities.data]);
  const titles = useMemo(() => new Map((instruments.data ?? []).map((i) => [i.id, i.title])), [instruments.data]);
  const showPending = useCallback((schoolId: string) => {
    setPendingFilter({ municipalityId: coordinatorMunicipality ? undefined : selected ?? undefined, schoolId });
    document.getElementById("pending-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [coordinatorMunicipality, selected]);
  const selectMunicipality = useCallback((id: string) => setSelected(id), []);

  if (campaign.error && !campaign.data) {
    return <section className="page campaigns-section"><p><Link href="/campaigns">← Все кампании</Link></p><ErrorNotice error={campaign.error} onRetry={campaign.reload} /></section>;
  }
  if (!campaign.data) return <section className="page campaigns-section"><Loading /></section>;
  const c = campaign.data;
  const today = localDay();
  const selectedName = coverage.data?.municipalities.find((m) => m.id === selected)?.name ?? names.get(selected ?? "") ?? "";

  return (
    <section className="page campaigns-section">
      <p className="back-link"><Link href="/campaigns">← Все кампании</Link></p>
      <header className="page-header">
        <p className="eyebrow">{WAVE_LABELS[c.wave]} диагностика</p>
        <h1>{c.title} <StatusBadge status={c.status} /></h1>
        <dl className="campaign-facts">
          <div><dt>Сроки</dt><dd>{windowText(c.startsOn, c.endsOn)}</dd></div>
          <div><dt>Охват</dt><dd>{scopeText(c, names)}</dd></div>
          {targetsText(c.targets) && <div><dt>Цели</dt><dd>{targetsText(c.targets)}</dd></div>}
        </dl>
        <details className="campaign-instruments">
          <summary>Инструменты: {c.instrumentIds.length}</summary>
          <ul>{c.instrumentIds.map((id) => <li key={id}>{titles.get(id) ?? id}</li>)}</ul>
        </details>
        {canChange && !editing && (
          <CampaignActions campaign={c} scope={scopeText(c, names)} onChanged={() => setRefresh((n) => n + 1)} onEdit={() => setEditing(true)} />
        )}
      </header>

      {editing && (
        <Panel id="edit-campaign" title="Изменить кампанию">
          <CampaignForm initial={formOf(c)} submitLabel="Сохранить изменения" onCancel={() => setEditing(false)}
            onSubmit={async (body) => { await campaignsApi.update(c.id, body); setEditing(false); setRefresh((n) => n + 1); }} />
        </Panel>
      )}

      {c.status === "planned" ? (
        <div className="notice">
          <p>Кампания запланирована: участникам она не видна, назначений пока нет. Охват появится после того, как кампанию откроют.</p>
        </div>
      ) : (
        <>
          {c.status === "active" && c.startsOn > today && (
            <div className="notice notice-warn"><p>Кампания открыта, но её окно начнётся {formatDay(c.startsOn)}: до этого участники видят назначение, но пройти диагностику не могут.</p></div>
          )}
          {c.status === "active" && c.endsOn < today && (
            <div className="notice notice-warn"><p>Срок кампании закончился {formatDay(c.endsOn)}: ответы больше не принимаются. Закройте кампанию, чтобы зафиксировать итоги.</p></div>
          )}
          {c.status === "closed" && (
            <div className="notice"><p>Кампания закрыта{c.closedAt ? ` ${formatDay(c.closedAt.slice(0, 10))}` : ""}: ответы больше не принимаются, все данные ответы сохранены. Охват окончательный.</p></div>
          )}
          <div className="refresh-bar">
            <h2>Охват</h2>
            <span className="muted small">
              {refreshedAt ? `Обновлено в ${formatTime(refreshedAt)}` : "Загрузка…"}
              {c.status === "active" && " · обновляется каждые 25 секунд"}
            </span>
            <button type="button" className="button button-ghost-dark" onClick={() => setRefresh((n) => n + 1)}>Обновить</button>
          </div>
          {coverage.error != null && (coverage.data ? <p className="form-error" role="status">Не удалось обновить данные: показаны прежние.</p> : <ErrorNotice error={coverage.error} onRetry={coverage.reload} />)}
          {!coverage.data ? (!coverage.error && <Loading />) : (
            <>
              <CoverageSection campaign={c} coverage={coverage.data} coordinator={coordinatorMunicipality !== null} selected={selected} onSelect={selectMunicipality} />
              {selected && (
                <SchoolsPanel campaignId={c.id} municipalityId={selected} municipalityName={selectedName} refresh={refresh} onShowPending={showPending} />
              )}
              <PendingSection campaignId={c.id} municipalities={coverage.data.municipalities} coordinatorMunicipality={coordinatorMunicipality}
                filter={pendingFilter} onFilter={setPendingFilter} refresh={refresh} />
            </>
          )}
        </>
      )}
    </section>
  );
}
