// The school's climate against the region: each audience's scales, or, for a group below the threshold, only that it is hidden.
import { formatDate, plural } from "../../lib/format";
import { Panel } from "../../lib/ui";
import { ClimateChart } from "./school-charts";
import { AUDIENCE_LABELS, BAND_LABELS, decimal, hiddenText, type ClimateGroup, type SchoolProfile } from "./schools-api";

const answers = (n: number) => `${n} ${plural(n, ["ответ", "ответа", "ответов"])}`;

export function ClimatePanel({ profile }: { profile: SchoolProfile }) {
  const { campaign, threshold } = profile.climateInfo;
  return (
    <Panel id="climate" title="Климат: как школу оценивают педагоги, обучающиеся и родители">
      {!campaign ? (
        <p className="notice">Опросов о климате в школе ещё не было.</p>
      ) : (
        <>
          <p className="muted">{campaign.title} ({formatDate(campaign.startsOn)} — {formatDate(campaign.endsOn)}). Баллы от 0 до 100:
            благоприятно — от 75, частично благоприятно — от 50. Рядом — регион. Группы меньше {threshold} человек не показываются.</p>
          {profile.climate.map((g) => <ClimateGroupView key={g.audience} group={g} threshold={threshold} />)}
        </>
      )}
    </Panel>
  );
}

function ClimateGroupView({ group, threshold }: { group: ClimateGroup; threshold: number }) {
  const title = AUDIENCE_LABELS[group.audience];
  return (
    <section className="school-climate-group" aria-labelledby={`climate-${group.audience}`} data-audience={group.audience} data-suppressed={group.suppressed}>
      <h3 id={`climate-${group.audience}`}>{title} <span className="muted">· {answers(group.respondents)}</span></h3>
      {group.suppressed ? (
        <p className="school-hidden" role="note">{hiddenText(group.reason, threshold, group.respondents)}</p>
      ) : (
        <>
          <ClimateChart group={group} label={`Климат: ${title.toLowerCase()}`} />
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Шкалы климата: {title.toLowerCase()}</caption>
              <thead><tr><th scope="col">Шкала</th><th scope="col" className="num">Школа</th><th scope="col">Уровень</th><th scope="col" className="num">Регион</th></tr></thead>
              <tbody>
                {group.scales.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.title}</th>
                    <td className="num"><strong>{decimal(s.score)}</strong></td>
                    <td><span className={`band band-${s.band}`}>{BAND_LABELS[s.band] ?? s.band}</span></td>
                    <td className="num">{s.region ? decimal(s.region.score) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {group.hiddenScales.length > 0 && (
            <p className="muted">Без цифр, чтобы сохранить анонимность: {group.hiddenScales.map((h) => h.title).join(", ")}.</p>
          )}
        </>
      )}
    </section>
  );
}
