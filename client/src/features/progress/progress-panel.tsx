// ProgressPanel: a person's competencies across monitoring waves, the error of each, and what changed in words.
import { useMemo } from "react";
import { DataTable, type Column } from "../../lib/data-table";
import { formatDate, formatPercent } from "../../lib/format";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice, LevelBadge, Loading } from "../../lib/ui";
import { campaignsOf, formatPoints, progressApi, type CompetencyProgress, type Progress } from "./progress-api";
import { WavesChart } from "./waves-chart";
import "./progress.css";

/** Column headers stay short: the wave and the month it began (the chart's legend names the campaigns). */
const SHORT_WAVE: Record<string, string> = { input: "Входная", intermediate: "Промежуточная", final: "Итоговая" };

const VERDICT: Record<string, { text: string; className: string }> = {
  growth: { text: "Надёжный рост", className: "change change-growth" },
  decline: { text: "Надёжное снижение", className: "change change-decline" },
  none: { text: "В пределах погрешности", className: "change change-none" },
};

function Verdict({ c }: { c: CompetencyProgress }) {
  if (!c.change) return <span className="muted">одно измерение</span>;
  const v = VERDICT[c.change.direction]!;
  return <span className={v.className}>{v.text}</span>;
}

function Table({ progress }: { progress: Progress }) {
  const columns = useMemo<Array<Column<CompetencyProgress>>>(() => [
    {
      key: "title", header: "Компетенция и что изменилось", value: (c) => c.title,
      render: (c) => <span className="progress-title"><b>{c.title}</b><span className="progress-words">{c.words}</span></span>,
    },
    ...campaignsOf(progress).map((k): Column<CompetencyProgress> => {
      const wave = (c: CompetencyProgress) => c.waves.find((w) => w.campaignId === k.id);
      return {
        key: k.id, header: `${SHORT_WAVE[k.wave] ?? k.wave}, ${formatDate(k.startsOn).replace(/ г\.$/, "")}`, numeric: true,
        value: (c) => (wave(c) ? Math.round(wave(c)!.percent) : null),
        render: (c) => {
          const w = wave(c);
          return w ? <span className="progress-cell" title={`${w.campaignTitle}: погрешность ±${Math.round(w.sem)} п. п.`}>{formatPercent(w.percent)} <span className="muted">±{Math.round(w.sem)}</span><br /><LevelBadge level={w.level} /></span> : "—";
        },
      };
    }),
    { key: "difference", header: "Изменение", numeric: true, value: (c) => (c.change ? Math.round(c.change.difference) : null), render: (c) => <span className="progress-cell">{c.change ? formatPoints(c.change.difference) : "—"}<br /><Verdict c={c} /></span> },
    { key: "rci", header: "Индекс надёжности", numeric: true, value: (c) => (c.change ? Number(c.change.rci.toFixed(2)) : null), render: (c) => (c.change ? c.change.rci.toFixed(2).replace(".", ",") : "—") },
  ], [progress]);
  return <DataTable rows={progress.competencies} columns={columns} rowKey={(c) => c.id} caption="Компетенции по волнам" exportName="rezultaty-po-volnam.csv" pageSize={100} />;
}

/**
 * Each competency across the person's waves (own results without `userId`). The change between the
 * first and the last wave is judged against the measurement error: only a change beyond it is called
 * growth or decline.
 */
export function ProgressPanel({ userId }: { userId?: string }) {
  const { data, error, reload } = useLoader(() => progressApi.progress(userId), [userId]);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Loading label="Загружаем результаты по волнам…" />;
  const compared = data.summary.compared > 0;
  return (
    <section className="panel progress-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">Результаты по волнам диагностики</h2>
      <p className="progress-summary" aria-live="polite">{data.summary.text}</p>
      {data.competencies.length > 0 && (
        <>
          <WavesChart progress={data} />
          {compared && (
            <p className="muted progress-method">
              Изменение считается надёжным, если оно больше погрешности измерения: разница больше 1,96 стандартной ошибки разности
              (индекс надёжного изменения больше 1,96 по модулю). Погрешность каждой волны оценена по заданиям этой компетенции.
            </p>
          )}
          <Table progress={data} />
        </>
      )}
    </section>
  );
}
