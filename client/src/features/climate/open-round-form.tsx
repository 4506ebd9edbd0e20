// «Открыть опрос»: the audience, the classes for students, how many codes; the codes come back once.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { plural } from "../../lib/format";
import { AUDIENCE_LABELS, AUDIENCES, climateApi, type Audience, type Issued } from "./climate-api";

export interface IssuedCodes extends Issued { audience: Audience }
export const CODE_FORMS: [string, string, string] = ["код", "кода", "кодов"];

/** "7А, 7Б; 8 в" → ["7А", "7Б", "8 в"]: the server spells them alike. */
export const parseClasses = (text: string) => text.split(/[,;\n]+/).map((c) => c.trim()).filter(Boolean);

export function OpenRoundForm({ schoolId, onIssued }: { schoolId: string; onIssued: (issued: IssuedCodes) => void }) {
  const [audience, setAudience] = useState<Audience>("teacher");
  const [count, setCount] = useState("25");
  const [classes, setClasses] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const students = audience === "student";
  const classList = parseClasses(classes);
  const n = Number(count);
  const total = students && classList.length ? n * classList.length : n;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = students && classList.length
        ? { schoolId, audience, classes: classList, codesPerClass: n }
        : { schoolId, audience, codes: n };
      onIssued({ ...(await climateApi.open(body)), audience });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось выдать коды. Попробуйте ещё раз.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="climate-open" onSubmit={submit} aria-labelledby="open-round-title">
      <h3 id="open-round-title">Открыть опрос</h3>
      <fieldset className="checks climate-audiences">
        <legend>Кого опрашиваем</legend>
        {AUDIENCES.map((a) => (
          <label key={a}>
            <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} />
            {AUDIENCE_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        {students && (
          <label className="field">
            <span>Классы</span>
            <input name="classes" value={classes} onChange={(e) => setClasses(e.target.value)} placeholder="7А, 7Б, 8А" autoComplete="off" />
            <small>Через запятую, с 5 по 11 класс. Можно не указывать: тогда коды общие на школу.</small>
          </label>
        )}
        <label className="field">
          <span>{students && classList.length ? "Кодов на каждый класс" : "Сколько кодов"}</span>
          <input name="codes" type="number" inputMode="numeric" min={1} max={2000} required value={count} onChange={(e) => setCount(e.target.value)} />
          <small>Один код — один человек. Возьмите с небольшим запасом.</small>
        </label>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || !(n >= 1)}>
          {busy ? "Выдаём коды…" : `Выдать ${Number.isFinite(total) && total > 0 ? total : ""} ${plural(total, CODE_FORMS)}`.replace(/\s+/g, " ")}
        </button>
      </div>
    </form>
  );
}
