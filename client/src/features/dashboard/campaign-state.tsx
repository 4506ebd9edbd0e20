// The state of one running campaign: figures, progress against its targets, coverage by municipality.
import type { Static } from "@sinclair/typebox";
import type { OverviewSchema } from "../../../../server/modules/analytics/analytics.schemas";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { formatPercent } from "../../lib/format";
import { Panel, ProgressBar, Stat } from "../../lib/ui";
import { CoverageChart, type CoverageRow } from "../../lib/coverage-chart";

export type RunningCampaign = Static<typeof OverviewSchema>["running"][number];

const share = (part: number, whole: number) => (whole > 0 ? formatPercent((100 * part) / whole) : "—");

const COLUMNS: Array<Column<CoverageRow>> = [
  { key: "name", header: "Муниципалитет", value: (r) => r.name },
  { key: "assigned", header: "Назначено", value: (r) => r.assigned, numeric: true },
  { key: "submitted", header: "Прошли", value: (r) => r.submitted, numeric: true },
  { key: "inProgress", header: "Начали, не закончили", value: (r) => r.started - r.submitted, numeric: true },
  { key: "notStarted", header: "Не начали", value: (r) => r.assigned - r.started, numeric: true },
  { key: "share", header: "Доля прошедших", value: (r) => (r.assigned ? Math.round((100 * r.submitted) / r.assigned) : 0), render: (r) => share(r.submitted, r.assigned), numeric: true },
];

/**
 * Targets are the region's (1,100 teachers, 94 principals): a coordinator's municipality is measured
 * against those assigned in it instead; the share of schools means the same at any scale.
 */
function Targets({ campaign, local }: { campaign: RunningCampaign; local: boolean }) {
  const { coverage: c, targets } = campaign;
  const teachers = !local && targets.teachers ? targets.teachers : c.teachers.assigned;
  const principals = !local && targets.principals ? targets.principals : c.principals.assigned;
  // The schools' target is a share: the bar runs over every school covered, the label names the share wanted.
  const schoolsNeeded = targets.schoolShare !== undefined ? Math.ceil(c.schools.total * targets.schoolShare) : 0;
  const teacherLabel = !local && targets.teachers ? `Педагоги: цель — ${targets.teachers}` : "Педагоги: из назначенных";
  const principalLabel = !local && targets.principals ? `Руководители: цель — ${targets.principals}` : "Руководители: из назначенных";
  const schoolLabel = targets.schoolShare !== undefined
    ? `Школы, где прошли диагностику: цель — ${formatPercent(targets.schoolShare * 100)} (${schoolsNeeded})`
    : "Школы, где прошли диагностику";
  return (
    <div className="dashboard-targets">
      {c.teachers.assigned > 0 && <ProgressBar label={teacherLabel} value={c.teachers.submitted} max={teachers} good={c.teachers.submitted >= teachers} />}
      {c.principals.assigned > 0 && <ProgressBar label={principalLabel} value={c.principals.submitted} max={principals} good={c.principals.submitted >= principals} />}
      {c.schools.total > 0 && <ProgressBar label={schoolLabel} value={c.schools.covered} max={c.schools.total} good={targets.schoolShare !== undefined && c.schools.covered >= schoolsNeeded} />}
    </div>
  );
}

export function CampaignState({ campaign, local }: { campaign: RunningCampaign; local: boolean }) {
  const c = campaign.coverage;
  return (
    <>
      <div className="stats">
        <Stat label="Прошли диагностику" value={c.submitted} note={`из ${c.assigned} назначенных · ${share(c.submitted, c.assigned)}`} />
        <Stat label="Педагоги" value={c.teachers.submitted} note={`из ${c.teachers.assigned}; начали ${c.teachers.started}`} />
        <Stat label="Руководители" value={c.principals.submitted} note={`из ${c.principals.assigned}; начали ${c.principals.started}`} />
        <Stat label="Школы охвачены" value={c.schools.covered} note={`из ${c.schools.total} · ${share(c.schools.covered, c.schools.total)}`} />
      </div>
      <Panel id="targets" title="Ход кампании">
        <Targets campaign={campaign} local={local} />
        <p className="dashboard-more"><Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>Охват по школам и кто ещё не прошёл</Link></p>
      </Panel>
      <Panel id="coverage" title={local ? "Охват муниципалитета" : "Охват по муниципалитетам"}>
        <CoverageChart rows={campaign.municipalities} label="Охват кампании по муниципалитетам" />
        <details className="dashboard-details">
          <summary>Таблица охвата</summary>
          <DataTable rows={campaign.municipalities} columns={COLUMNS} rowKey={(r) => r.id} caption="Охват по муниципалитетам"
            initialSort={{ key: "share", direction: "asc" }} exportName="ohvat-po-municipalitetam.csv" />
        </details>
      </Panel>
    </>
  );
}
