// The codes just issued: shown once, printable as slips with QR codes (PDF) or a list (XLSX), then gone from the page.
import { useEffect, useRef, useState } from "react";
import { plural } from "../../lib/format";
import { ErrorNotice } from "../../lib/ui";
import { AUDIENCE_FOR, climateApi } from "./climate-api";
import { CODE_FORMS, type IssuedCodes } from "./open-round-form";

export function IssuedCodesPanel({ issued, onDone }: { issued: IssuedCodes; onDone: () => void }) {
  const [busy, setBusy] = useState<"pdf" | "xlsx" | null>(null);
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const n = issued.codes.length;
  const panel = useRef<HTMLElement>(null);
  // The codes appear where the form was: focus moves to them once, so a keyboard or a screen reader finds them.
  useEffect(() => panel.current?.focus(), [issued.codes[0]]);

  const download = async (format: "pdf" | "xlsx") => {
    setBusy(format);
    setError(null);
    try {
      await climateApi.sheet(issued.id, issued.codes, format);
      setSaved((s) => new Set(s).add(format));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const byClass = new Map<string, number>();
  for (const s of issued.slips) byClass.set(s.className ?? "", (byClass.get(s.className ?? "") ?? 0) + 1);
  const classes = [...byClass].filter(([c]) => c).map(([c, k]) => `${c} — ${k}`).join(", ");

  return (
    <section className="climate-issued notice notice-warn" aria-labelledby="issued-title" tabIndex={-1} ref={panel}>
      <h3 id="issued-title">Выдано {n} {plural(n, CODE_FORMS)} {AUDIENCE_FOR[issued.audience]}</h3>
      {classes && <p>По классам: {classes}.</p>}
      <p><strong>Коды показываются только сейчас.</strong> В системе хранится лишь их отпечаток, по которому нельзя узнать сам код,
        поэтому напечатать их позже не получится: скачайте листы для печати или список сейчас.</p>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void download("pdf")}>
          {busy === "pdf" ? "Готовим PDF…" : "Скачать листы для печати (PDF)"}
        </button>
        <button type="button" className="button button-secondary" disabled={busy !== null} onClick={() => void download("xlsx")}>
          {busy === "xlsx" ? "Готовим XLSX…" : "Скачать список (XLSX)"}
        </button>
      </div>
      <p aria-live="polite" className="muted">{saved.size ? `Скачано: ${[...saved].map((f) => f.toUpperCase()).join(", ")}.` : ""}</p>
      {error !== null && <ErrorNotice error={error} />}
      <details className="climate-code-list">
        <summary>Показать коды на экране</summary>
        <ol>
          {issued.slips.map((s) => (
            <li key={s.code}><code>{s.code}</code>{s.className ? <span className="muted"> · {s.className}</span> : null}</li>
          ))}
        </ol>
      </details>
      <p className="muted">Каждый код открывает анкету один раз. Листок разрезается по пунктиру: на каждом — код, QR-код для телефона и короткая инструкция.</p>
      <button type="button" className="button button-ghost-dark" onClick={onDone}>{saved.size ? "Готово" : "Закрыть без скачивания"}</button>
    </section>
  );
}
