// For staff: the schools of the region (a coordinator: of their municipality) with answers per group, and α per scale.
import { useMemo } from "react";
import { Link } from "../../app/router";
import { DataTable, type Column } from "../../lib/data-table";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading, Panel } from "../../lib/ui";
import { AUDIENCE_LABELS, AUDIENCES, climateApi, type Audience, type RegionOverview } from "./climate-api";

type SchoolRow = RegionOverview["schools"][number];

function cell(row: SchoolRow, audience: Audience) {
  const g = row.groups.find((x) => x.audience === audience);
  if (!g || g.respondents === 0) return <span className="muted">—</span>;
  if (g.suppressed) return <span title="Результаты скрыты для анонимности">{g.respondents} <span className="tag tag-muted">скрыто</span></span>;
  return <span title={`Шкал в зоне «благоприятно»: ${g.favourable} из ${g.scales}`}>{g.respondents} <span className="muted">· {g.favourable}/{g.scales}</span></span>;
}

export function RegionOverviewSection() {
  const overview = useLoader(() => climateApi.region(), []);
  const columns = useMemo<Array<Column<SchoolRow>>>(() => [
    { key: "school", header: "Школа", value: (r) => r.shortName, render: (r) => <Link href={`/climate/${encodeURIComponent(r.schoolId)}`} title={r.name}>{r.shortName}</Link> },
    { key: "municipality", header: "Муниципалитет", value: (r) => r.municipalityName },
    ...AUDIENCES.map((a): Column<SchoolRow> => ({
      key: a, header: AUDIENCE_LABELS[a], numeric: true,
      value: (r) => r.groups.find((g) => g.audience === a)?.respondents ?? 0, render: (r) => cell(r, a),
    })),
  ], []);
  if (overview.error) return <ErrorNotice error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <Loading label="Собираем результаты по школам…" />;
  const o = overview.data;
  return (
    <>
      <div className="stats">
        {o.audiences.map((a) => (
          <div className="stat" key={a.audience}>
            <span className="stat-label">{AUDIENCE_LABELS[a.audience]}</span>
            <span className="stat-value">{a.respondents}</span>
            <span className="stat-note">ответов по региону, школ: {a.schools}</span>
          </div>
        ))}
      </div>
      <p className="muted">{o.campaign ? `${o.campaign.title}. ` : "Ответов пока нет. "}В ячейке — число ответов и сколько шкал в зоне «благоприятно»; «скрыто» — группа меньше {o.threshold} человек или скрыта вместе с ней.</p>
      <DataTable rows={o.schools} columns={columns} rowKey={(r) => r.schoolId} caption="Климат по школам" pageSize={25}
        initialSort={{ key: "municipality", direction: "asc" }} exportName="Климат по школам.csv" filterPlaceholder="Найти школу…" />
    </>
  );
}

const quality = (alpha: number) => (alpha >= 0.8 ? "хорошая" : alpha >= 0.7 ? "приемлемая" : "низкая");

export function ReliabilitySection() {
  const reliability = useLoader(() => climateApi.reliability(), []);
  if (reliability.error) return <ErrorNotice error={reliability.error} onRetry={reliability.reload} />;
  if (!reliability.data) return <Loading label="Считаем надёжность шкал…" />;
  return (
    <Panel id="reliability" title="Надёжность шкал (α Кронбаха)">
      <p className="muted">По всем ответам региона, где человек ответил на все вопросы шкалы. От 0,8 — хорошая согласованность вопросов, 0,7–0,8 — приемлемая, ниже — шкалу стоит пересмотреть.</p>
      <div className="grid-2 climate-alpha">
        {reliability.data.audiences.map((a) => (
          <div className="table-scroll" key={a.audience}>
            <table className="table">
              <caption>{AUDIENCE_LABELS[a.audience]}</caption>
              <thead><tr><th scope="col">Шкала</th><th scope="col" className="num">Вопросов</th><th scope="col" className="num">Ответили полностью</th><th scope="col" className="num">α</th></tr></thead>
              <tbody>
                {a.scales.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.title}</th>
                    <td className="num">{s.items}</td>
                    <td className="num">{s.respondents}</td>
                    <td className="num">{s.alpha === null ? <span className="muted">мало данных</span> : <span title={quality(s.alpha)}>{s.alpha.toFixed(2).replace(".", ",")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </Panel>
  );
}
