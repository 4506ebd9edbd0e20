// The staff dashboard: the open campaign at a glance, refreshed every 30 seconds, with the way into each section.
import { useState } from "react";
import type { Static } from "@sinclair/typebox";
import type { OverviewSchema } from "../../../../server/modules/analytics/analytics.schemas";
import { useAuth } from "../../app/auth";
import { mayChange } from "../../app/roles";
import { Link } from "../../app/router";
import { apiRequest } from "../../lib/api";
import { formatDate, formatPercent, formatTime, plural, WAVE_LABELS } from "../../lib/format";
import { ErrorNotice, Loading, Panel, Stat } from "../../lib/ui";
import { CampaignState } from "./campaign-state";
import { usePolling } from "./use-polling";
import "./dashboard.css";

type Overview = Static<typeof OverviewSchema>;

const loadOverview = () => apiRequest<Overview>("GET", "/api/analytics/overview");
const REFRESH_MS = 30_000;
/** A calendar day ("2026-09-18") read at local noon, so that no time zone moves it to the day before. */
const day = (iso: string) => formatDate(`${iso}T12:00:00`);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const people = (n: number) => `${n} ${plural(n, ["человек", "человека", "человек"])}`;

export default function DashboardPage() {
  const { user } = useAuth();
  const canChange = mayChange(user);
  const { data, error, updatedAt, refresh } = usePolling(loadOverview, REFRESH_MS);
  const [chosen, setChosen] = useState<string | null>(null);

  if (!data) {
    return error ? <section className="page"><ErrorNotice error={error} onRetry={() => void refresh()} /></section> : <Loading label="Загружаем обзор…" />;
  }
  const campaign = data.running.find((c) => c.id === chosen) ?? data.running[0];
  const local = data.municipality !== undefined;

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <header className="page-header">
        <p className="eyebrow">Обзор · {data.municipality ? data.municipality.name : "весь регион"}</p>
        <h1 id="dashboard-title">{campaign ? campaign.title : "Обзор"}</h1>
        {campaign && (
          <p className="lead">
            {capitalized(WAVE_LABELS[campaign.wave] ?? campaign.wave)}: {day(campaign.startsOn)} — {day(campaign.endsOn)}
            {!campaign.inWindow && " (сегодня вне окна дат)"}.
          </p>
        )}
        <p className="muted dashboard-updated">
          Обновляется каждые 30 секунд{updatedAt && ` · данные на ${formatTime(updatedAt)}`}
          {" "}<button type="button" className="button button-ghost-dark" onClick={() => void refresh()}>Обновить</button>
        </p>
        {error !== null && (
          <p className="notice notice-warn" role="status">
            Не удалось обновить данные ({error instanceof Error ? error.message : "ошибка"}). Показаны прежние.
          </p>
        )}
      </header>

      {data.running.length > 1 && (
        <div className="toolbar">
          <label className="field">
            <span>Идущая кампания</span>
            <select value={campaign!.id} onChange={(e) => setChosen(e.target.value)}>
              {data.running.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </select>
          </label>
        </div>
      )}

      {campaign ? <CampaignState campaign={campaign} local={local} /> : <NoCampaign planned={data.planned} />}

      <div className="stats">
        <Stat label="Педагоги с результатами" value={data.teachers.tested} note="по последним результатам" />
        <Stat label="С дефицитами" value={data.teachers.withDeficits}
          note={data.teachers.tested ? `${formatPercent((100 * data.teachers.withDeficits) / data.teachers.tested)} прошедших` : undefined} />
        <Stat label="Группы курсов" value={data.courseGroups.confirmed + data.courseGroups.proposed}
          note={`утверждено ${data.courseGroups.confirmed}, предложено ${data.courseGroups.proposed}`} />
        <Stat label="Наставнические пары" value={data.mentoring.pairs} note={`без наставника с дефицитами: ${data.mentoring.withoutMentor}`} />
      </div>

      <div className="grid-2">
        <Panel id="top-themes" title="Самые частые дефициты">
          {data.topThemes.length === 0 ? <p className="muted">Результатов диагностики пока нет.</p> : (
            <ol className="dashboard-themes">
              {data.topThemes.map((t) => (
                <li key={t.competencyId}>
                  <span className="dashboard-theme-title">{t.title}</span>
                  <span className="muted"> · {t.subjectTitle ?? "межпредметная"}</span>
                  <span className="dashboard-theme-figure">{people(t.deficit)} · {formatPercent(t.share * 100)}</span>
                </li>
              ))}
            </ol>
          )}
          <p className="dashboard-more"><Link href="/themes">Все темы обучения</Link></p>
        </Panel>
        <Panel id="support" title="Курсы и наставники">
          <ul className="dashboard-facts">
            <li>В группах курсов: <strong>{people(data.courseGroups.people)}</strong>, из них в утверждённых — {data.courseGroups.confirmedPeople}.</li>
            <li>Текущих пар «наставник — педагог»: <strong>{data.mentoring.pairs}</strong>.</li>
            <li>Педагогов с дефицитами без наставника: <strong>{data.mentoring.withoutMentor}</strong>.</li>
          </ul>
          <p className="dashboard-more">
            <Link href="/groups">Группы курсов</Link>
            {canChange && <> · <Link href="/mentoring">Подбор наставников</Link></>}
          </p>
        </Panel>
      </div>

      {data.latestImport && (
        <Panel id="latest-import" title="Последний импорт">
          <p>
            «{data.latestImport.fileName}», {formatDate(data.latestImport.createdAt)}{data.latestImport.by && `, ${data.latestImport.by}`}:
            {" "}строк {data.latestImport.rows}, создано {data.latestImport.created}, обновлено {data.latestImport.updated}.
          </p>
          {canChange && <p className="dashboard-more"><Link href="/imports">Импорт данных</Link></p>}
        </Panel>
      )}

      <nav className="subnav" aria-label="Разделы">
        {campaign && <Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>Кампания</Link>}
        <Link href="/campaigns">Все кампании</Link>
        <Link href="/themes">Темы обучения</Link>
        <Link href="/groups">Группы</Link>
        {canChange && <Link href="/mentoring">Наставничество</Link>}
        {canChange && <Link href="/imports">Импорт</Link>}
      </nav>
    </section>
  );
}

function NoCampaign({ planned }: { planned: Overview["planned"] }) {
  return (
    <div className="notice dashboard-empty">
      <p><strong>Сейчас нет идущей кампании диагностики.</strong></p>
      {planned.length > 0 ? (
        <>
          <p>Запланированы:</p>
          <ul>
            {planned.map((c) => (
              <li key={c.id}><Link href={`/campaigns/${encodeURIComponent(c.id)}`}>{c.title}</Link> — с {day(c.startsOn)} по {day(c.endsOn)}</li>
            ))}
          </ul>
        </>
      ) : <p>Запланированных кампаний тоже нет.</p>}
      <p><Link className="button button-secondary" href="/campaigns">Перейти к кампаниям</Link></p>
    </div>
  );
}
