// The form that plans or changes a campaign: title, wave, dates, instruments by group, scope, targets.
import { useMemo, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api";
import { useLoader } from "../../lib/use-loader";
import { ErrorNotice } from "../../lib/ui";
import { campaignsApi, type CampaignBody } from "./campaigns-api";
import { bodyOf, groupInstruments, LOCALITY_LABELS, shortInstrumentTitle, WAVE_OPTIONS, type CampaignForm as FormState, type FormErrors, type ScopeMode } from "./campaign-logic";
import { MultiPicker } from "./multi-picker";

const SCOPES: ReadonlyArray<{ value: ScopeMode; label: string }> = [
  { value: "region", label: "Весь регион" },
  { value: "municipalities", label: "Выбранные муниципалитеты" },
  { value: "schools", label: "Выбранные школы" },
  { value: "both", label: "Муниципалитеты и отдельные школы" },
];

export function CampaignForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: FormState;
  submitLabel: string;
  onSubmit: (body: CampaignBody) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const instruments = useLoader(() => campaignsApi.instruments(), []);
  const municipalities = useLoader(() => campaignsApi.municipalities(), []);
  const needsSchools = form.scope === "schools" || form.scope === "both";
  const schools = useLoader(() => (needsSchools ? campaignsApi.schools() : Promise.resolve(null)), [needsSchools]);
  const [schoolMunicipality, setSchoolMunicipality] = useState("");

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const groups = useMemo(() => groupInstruments(instruments.data ?? []), [instruments.data]);
  const municipalityOptions = useMemo(() => (municipalities.data ?? []).map((m) => ({ id: m.id, label: m.name, hint: `${m.schools} школ` })), [municipalities.data]);
  const schoolOptions = useMemo(() => (schools.data ?? [])
    .filter((s) => !schoolMunicipality || s.municipalityId === schoolMunicipality)
    .map((s) => ({ id: s.id, label: s.shortName || s.name, hint: `${s.municipalityName}${LOCALITY_LABELS[s.locality] ? `, ${LOCALITY_LABELS[s.locality]}` : ""}` })), [schools.data, schoolMunicipality]);

  const toggleInstrument = (id: string) =>
    set("instrumentIds", form.instrumentIds.includes(id) ? form.instrumentIds.filter((i) => i !== id) : [...form.instrumentIds, id]);
  const toggleGroup = (ids: string[], on: boolean) =>
    set("instrumentIds", on ? [...new Set([...form.instrumentIds, ...ids])] : form.instrumentIds.filter((i) => !ids.includes(i)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const checked = bodyOf(form);
    if (checked.errors) {
      setErrors(checked.errors);
      // Keyboard and screen-reader users land on the first field to fix.
      const first = Object.keys(checked.errors)[0];
      document.querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] select`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit(checked.body);
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new Error("Не удалось сохранить кампанию"));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: keyof FormState) => errors[key] && <small className="field-error" id={`cf-${key}-error`}>{errors[key]}</small>;
  const describedBy = (key: keyof FormState) => (errors[key] ? `cf-${key}-error` : undefined);

  return (
    <form className="campaign-form" onSubmit={submit} noValidate aria-busy={busy}>
      <div className="form-grid">
        <label className="field field-wide" data-field="title">
          <span>Название</span>
          <input value={form.title} onChange={(e) => set("title", e.target.value)} maxLength={300} required
            placeholder="Например: Входная диагностика учителей математики" aria-invalid={!!errors.title} aria-describedby={describedBy("title")} />
          {fieldError("title")}
        </label>
        <label className="field" data-field="wave">
          <span>Этап мониторинга</span>
          <select value={form.wave} onChange={(e) => set("wave", e.target.value as FormState["wave"])}>
            {WAVE_OPTIONS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
          </select>
        </label>
        <label className="field" data-field="startsOn">
          <span>Начало</span>
          <input type="date" value={form.startsOn} onChange={(e) => set("startsOn", e.target.value)} required aria-invalid={!!errors.startsOn} aria-describedby={describedBy("startsOn")} />
          {fieldError("startsOn")}
        </label>
        <label className="field" data-field="endsOn">
          <span>Окончание (последний день)</span>
          <input type="date" value={form.endsOn} min={form.startsOn || undefined} onChange={(e) => set("endsOn", e.target.value)} required aria-invalid={!!errors.endsOn} aria-describedby={describedBy("endsOn")} />
          {fieldError("endsOn")}
        </label>
      </div>

      <h3>Инструменты</h3>
      {instruments.error ? <ErrorNotice error={instruments.error} onRetry={instruments.reload} /> : !instruments.data ? <p className="muted">Загрузка инструментов…</p> : (
        <div className="instrument-groups" data-field="instrumentIds">
          {groups.map((g) => {
            const ids = g.items.map((i) => i.id);
            const all = ids.every((i) => form.instrumentIds.includes(i));
            return (
              <fieldset key={g.kind} className="checks">
                <legend>{g.title}</legend>
                {g.note && <p className="muted small">{g.note}</p>}
                {g.items.map((i) => (
                  <label key={i.id}>
                    <input type="checkbox" checked={form.instrumentIds.includes(i.id)} onChange={() => toggleInstrument(i.id)} />
                    <span title={i.title}>{shortInstrumentTitle(i.title)}</span>
                  </label>
                ))}
                {ids.length > 1 && (
                  <button type="button" className="button button-ghost-dark" onClick={() => toggleGroup(ids, !all)}>{all ? "Снять все" : "Выбрать все"}</button>
                )}
              </fieldset>
            );
          })}
        </div>
      )}
      {fieldError("instrumentIds")}

      <h3>Охват</h3>
      <fieldset className="checks scope-modes" data-field="scope">
        <legend>Кого охватывает кампания</legend>
        {SCOPES.map((s) => (
          <label key={s.value}>
            <input type="radio" name="campaign-scope" value={s.value} checked={form.scope === s.value} onChange={() => set("scope", s.value)} />
            <span>{s.label}</span>
          </label>
        ))}
      </fieldset>
      {(form.scope === "municipalities" || form.scope === "both") && (
        <div data-field="municipalityIds">
          <MultiPicker legend="Муниципалитеты" options={municipalityOptions} selected={form.municipalityIds} loading={!municipalities.data}
            onChange={(next) => set("municipalityIds", next)} error={errors.municipalityIds} />
        </div>
      )}
      {needsSchools && (
        <div data-field="schoolIds">
          <MultiPicker legend="Школы" options={schoolOptions} selected={form.schoolIds} loading={!schools.data}
            onChange={(next) => set("schoolIds", next)} error={errors.schoolIds}
            filters={(
              <label className="field">
                <span>Муниципалитет</span>
                <select value={schoolMunicipality} onChange={(e) => setSchoolMunicipality(e.target.value)}>
                  <option value="">Все</option>
                  {(municipalities.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                </select>
              </label>
            )} />
        </div>
      )}

      <h3>Цели охвата</h3>
      <p className="muted small">Необязательно. С ними на странице кампании видно, сколько осталось до цели.</p>
      <div className="form-grid">
        <label className="field" data-field="targetTeachers">
          <span>Учителей пройдут</span>
          <input inputMode="numeric" value={form.targetTeachers} onChange={(e) => set("targetTeachers", e.target.value)} placeholder="например, 1100"
            aria-invalid={!!errors.targetTeachers} aria-describedby={describedBy("targetTeachers")} />
          {fieldError("targetTeachers")}
        </label>
        <label className="field" data-field="targetPrincipals">
          <span>Руководителей пройдут</span>
          <input inputMode="numeric" value={form.targetPrincipals} onChange={(e) => set("targetPrincipals", e.target.value)} placeholder="например, 94"
            aria-invalid={!!errors.targetPrincipals} aria-describedby={describedBy("targetPrincipals")} />
          {fieldError("targetPrincipals")}
        </label>
        <label className="field" data-field="targetSchoolPercent">
          <span>Доля школ, %</span>
          <input inputMode="decimal" value={form.targetSchoolPercent} onChange={(e) => set("targetSchoolPercent", e.target.value)} placeholder="например, 60"
            aria-invalid={!!errors.targetSchoolPercent} aria-describedby={describedBy("targetSchoolPercent")} />
          {fieldError("targetSchoolPercent")}
        </label>
      </div>

      {serverError != null && <ErrorNotice error={serverError} />}
      {Object.values(errors).some(Boolean) && <p className="field-error" role="alert">Проверьте отмеченные поля</p>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? "Сохранение…" : submitLabel}</button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>Отмена</button>
      </div>
    </form>
  );
}
