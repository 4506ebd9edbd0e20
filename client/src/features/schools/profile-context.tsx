// The school's context: conditions and the well-being index with its components, clusters with their rules, risks with reasons.
import { Panel } from "../../lib/ui";
import { IndexChart } from "./school-charts";
import { decimal, RISK_LEVEL_LABELS, type RiskLevel, type SchoolProfile } from "./schools-api";

/** A risk level as a calm badge: high and medium coloured, low quiet, «нет данных» said plainly. */
export function RiskBadge({ level }: { level: RiskLevel }) {
  return <span className={`risk-badge risk-${level}`}>{RISK_LEVEL_LABELS[level]}</span>;
}

/** Shares to one decimal; small ratios (computers per student) to two. */
const valueText = (value: number | null, unit?: string) =>
  value === null ? "нет ответа" : `${Number.isInteger(value) ? String(value) : decimal(value, value < 1 && unit !== "%" ? 2 : 1)}${unit ? (unit === "%" ? " %" : ` ${unit}`) : ""}`;

export function ConditionsPanel({ profile }: { profile: SchoolProfile }) {
  const { index } = profile;
  return (
    <Panel id="conditions" title="Условия и индекс социального благополучия">
      {index ? (
        <>
          <p>
            Индекс <strong>{decimal(index.value, 2)}</strong> — место <strong>{index.rank}</strong> из {index.of} школ региона с рассчитанным индексом
            (1 — самые благополучные условия); условия благополучнее, чем у {index.scaled}% других школ региона.
            Индекс — среднее {index.measured} составляющих, каждая переведена в z-оценку относительно региона так, что больше — благополучнее.
          </p>
          <IndexChart components={index.components} />
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Составляющие индекса</caption>
              <thead><tr><th scope="col">Составляющая</th><th scope="col" className="num">Значение</th><th scope="col" className="num">z-оценка</th><th scope="col" className="num">Школ в сравнении</th></tr></thead>
              <tbody>
                {index.components.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    <td className="num">{valueText(c.value, c.unit)}</td>
                    <td className="num">{c.z === null ? "—" : decimal(c.z, 2)}</td>
                    <td className="num">{c.schools}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : <p className="notice notice-warn">{profile.indexReason ?? "Индекс не рассчитан."}</p>}
      {profile.conditions.indicators.length > 0 && (
        <details className="school-details">
          <summary>Все показатели карты условий ({profile.conditions.indicators.length})</summary>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Показатели карты условий</caption>
              <thead><tr><th scope="col">Показатель</th><th scope="col" className="num">Значение</th></tr></thead>
              <tbody>
                {profile.conditions.indicators.map((i) => (
                  <tr key={i.id}><th scope="row">{i.title}</th><td className="num">{valueText(i.value, i.unit)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </Panel>
  );
}

export function ClustersPanel({ profile }: { profile: SchoolProfile }) {
  return (
    <Panel id="clusters" title="Кластеры">
      {profile.clusterDetails.length === 0
        ? <p className="muted">Школа не попала ни в один кластер программы: ни одно правило не сработало.</p>
        : (
          <ul className="school-list">
            {profile.clusterDetails.map((c) => (
              <li key={c.code}>
                <h3>{c.title}</h3>
                <ul className="reasons">{c.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
              </li>
            ))}
          </ul>
        )}
    </Panel>
  );
}

const ORDER = { high: 0, medium: 1, low: 2, unknown: 3 } as const;

export function RisksPanel({ profile }: { profile: SchoolProfile }) {
  const risks = [...profile.risks].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  const unknown = risks.filter((r) => r.level === "unknown").length;
  return (
    <Panel id="risks" title="Профиль рисков">
      <p className="muted">
        Факторы риска федеральной программы: уровень по документированным порогам и причины.
        {unknown > 0 && ` По ${unknown} из ${risks.length} факторов данных нет — так и сказано, без догадок.`}
      </p>
      <ul className="school-list risks">
        {risks.map((r) => (
          <li key={r.id} className={`risk-item risk-item-${r.level}`}>
            <h3><span>{r.title}</span> <RiskBadge level={r.level} /></h3>
            <ul className="reasons">{r.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
