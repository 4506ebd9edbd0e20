// «Результаты»: each audience's scales against the region, a class for students; small groups plainly hidden.
import { useState } from "react";
import { formatDate, plural } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, Loading } from "../../lib/ui";
import { AUDIENCE_LABELS, AUDIENCES, BAND_LABELS, climateApi, hiddenText, type Audience, type ClimateGroup, type SchoolClimate } from "./climate-api";
import { ScalesChart } from "./scales-chart";

const people = (n: number) => `${n} ${plural(n, ["ответ", "ответа", "ответов"])}`;

export function ResultsSection({ schoolId, refresh }: { schoolId: string; refresh: number }) {
  const [audience, setAudience] = useState<Audience | "">("");
  const [className, setClassName] = useState("");
  const climate = useLoader(() => climateApi.school(schoolId, {
    ...(audience ? { audience } : {}), ...(audience === "student" && className ? { className } : {}),
  }), [schoolId, audience, className, refresh]);
  const [exporting, setExporting] = useState<unknown>(null);

  return (
    <div className="climate-results">
      <div className="toolbar">
        <label className="field">
          <span>Группа</span>
          <select value={audience} onChange={(e) => { setAudience(e.target.value as Audience | ""); setClassName(""); }}>
            <option value="">Все группы</option>
            {AUDIENCES.map((a) => <option key={a} value={a}>{AUDIENCE_LABELS[a]}</option>)}
          </select>
        </label>
        {audience === "student" && (climate.data?.classes.length ?? 0) > 0 && (
          <label className="field">
            <span>Класс</span>
            <select value={className} onChange={(e) => setClassName(e.target.value)}>
              <option value="">Вся школа</option>
              {climate.data!.classes.map((c) => <option key={c.className} value={c.className}>{c.className} ({people(c.respondents)})</option>)}
            </select>
          </label>
        )}
        <button type="button" className="button button-secondary" onClick={() => climateApi.exportSchool(schoolId).then(() => setExporting(null), setExporting)}>Скачать XLSX</button>
      </div>
      {exporting !== null && <ErrorNotice error={exporting} />}
      {climate.error ? <ErrorNotice error={climate.error} onRetry={climate.reload} /> : !climate.data ? <Loading label="Считаем результаты…" /> : (
        <Groups climate={climate.data} />
      )}
    </div>
  );
}

function Groups({ climate }: { climate: SchoolClimate }) {
  if (!climate.campaign) {
    return <p className="notice">Опросов о климате в этой школе ещё не было. Когда откроете опрос и люди ответят, результаты появятся здесь.</p>;
  }
  return (
    <>
      <p className="muted">{climate.campaign.title} ({formatDate(climate.campaign.startsOn)} — {formatDate(climate.campaign.endsOn)}).
        Баллы от 0 до 100: благоприятно — от 75, частично благоприятно — от 50. Группы меньше {climate.threshold} человек не показываются.</p>
      {climate.groups.map((g) => <GroupPanel key={`${g.audience}-${g.className ?? ""}`} group={g} threshold={climate.threshold} />)}
    </>
  );
}

function GroupPanel({ group, threshold }: { group: ClimateGroup; threshold: number }) {
  const title = `${AUDIENCE_LABELS[group.audience]}${group.className ? `, ${group.className} класс` : ""}`;
  const id = `climate-${group.audience}-${group.className ?? "all"}`;
  return (
    <section className="panel climate-group" aria-labelledby={`${id}-title`} data-audience={group.audience} data-suppressed={group.suppressed}>
      <h2 id={`${id}-title`}>{title} <span className="muted climate-count">· {people(group.respondents)}</span></h2>
      {group.suppressed ? (
        <p className="climate-hidden" role="note">{group.respondents === 0 ? "Ответов пока нет." : hiddenText(group.reason, threshold)}</p>
      ) : (
        <>
          <ScalesChart group={group} label={`Климат: ${title}`} />
          <div className="table-scroll">
            <table className="table climate-table">
              <caption className="visually-hidden">Шкалы: {title}</caption>
              <thead><tr><th scope="col">Шкала</th><th scope="col" className="num">Школа</th><th scope="col">Уровень</th><th scope="col" className="num">Регион</th><th scope="col" className="num">Ответили</th></tr></thead>
              <tbody>
                {group.scales.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.title}</th>
                    <td className="num"><strong>{String(s.score).replace(".", ",")}</strong></td>
                    <td><span className={`climate-band climate-band-${s.band}`}>{BAND_LABELS[s.band]}</span></td>
                    <td className="num">{s.region ? String(s.region.score).replace(".", ",") : "—"}</td>
                    <td className="num">{s.respondents}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {group.hiddenScales.length > 0 && (
            <p className="muted">Без цифр, чтобы сохранить анонимность (по этим шкалам ответили меньше {threshold} человек или шкала скрыта вместе с малой группой): {group.hiddenScales.map((h) => h.title).join(", ")}.</p>
          )}
        </>
      )}
    </section>
  );
}
