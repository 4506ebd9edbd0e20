// Pure helpers of the campaigns section: words for states and scopes, the form and its request body, coverage figures.
import type { Campaign, CampaignBody, Coverage, InstrumentOption } from "./campaigns-api";

export type Wave = Campaign["wave"];
export type Status = Campaign["status"];

export const STATUS_LABELS: Record<Status, string> = { planned: "Запланирована", active: "Идёт", closed: "Закрыта" };
export const WAVE_OPTIONS: ReadonlyArray<{ value: Wave; label: string }> = [
  { value: "input", label: "Входная" },
  { value: "intermediate", label: "Промежуточная" },
  { value: "final", label: "Итоговая" },
];
export const WAVE_LABELS = Object.fromEntries(WAVE_OPTIONS.map((w) => [w.value, w.label])) as Record<Wave, string>;
export const LOCALITY_LABELS: Record<string, string> = { city: "город", town: "посёлок", rural: "село" };
export const PENDING_STATE_LABELS = { not_started: "Не начат", in_progress: "Начат, не отправлен" } as const;

/** "2026-10-01" → "1 октября 2026 г.": a calendar day, the same in every time zone. */
const DAY = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
export const formatDay = (iso: string): string => DAY.format(new Date(`${iso}T00:00:00Z`));
export const windowText = (startsOn: string, endsOn: string): string => `с ${formatDay(startsOn)} по ${formatDay(endsOn)}`;
/** A calendar day `days` from `now` in the browser's own calendar, as "YYYY-MM-DD". */
export function localDay(days = 0, now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
export const formatNumber = (n: number): string => n.toLocaleString("ru-RU");
export const percentOf = (value: number, total: number): number => (total > 0 ? Math.round((100 * value) / total) : 0);

/** plural(5, ["школа", "школы", "школ"]) → "школ" */
export function plural(n: number, forms: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** "Весь регион", "Первый район", "3 муниципалитета и 2 школы". */
export function scopeText(c: Pick<Campaign, "municipalityIds" | "schoolIds">, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  const m = c.municipalityIds;
  if (m.length && m.length <= 2 && m.every((id) => names.has(id))) parts.push(m.map((id) => names.get(id)!).join(", "));
  else if (m.length) parts.push(`${m.length} ${plural(m.length, ["муниципалитет", "муниципалитета", "муниципалитетов"])}`);
  if (c.schoolIds.length) parts.push(`${c.schoolIds.length} ${plural(c.schoolIds.length, ["школа", "школы", "школ"])}`);
  return parts.length ? parts.join(" и ") : "Весь регион";
}

/** "1 100 учителей · 94 руководителя · 60% школ", or "" without targets. */
export function targetsText(t: Campaign["targets"]): string {
  const parts: string[] = [];
  if (t.teachers !== undefined) parts.push(`${formatNumber(t.teachers)} ${plural(t.teachers, ["учитель", "учителя", "учителей"])}`);
  if (t.principals !== undefined) parts.push(`${formatNumber(t.principals)} ${plural(t.principals, ["руководитель", "руководителя", "руководителей"])}`);
  if (t.schoolShare !== undefined) parts.push(`${sharePercent(t.schoolShare)}% школ`);
  return parts.join(" · ");
}

/** 0.6 → "60", 0.125 → "12.5": the share as the form shows it. */
export const sharePercent = (share: number): string => String(Math.round(share * 1000) / 10);

/**
 * A short name for narrow tables: the library's subject-test titles all begin with the same eight words.
 * Any other title is kept as it is.
 */
export function shortInstrumentTitle(title: string): string {
  const subject = /^Диагностика предметной и методической компетентности учителя (.+)$/.exec(title);
  if (subject) return `Тест учителя ${subject[1]}`;
  if (/^Диагностика управленческих компетенций руководителя/.test(title)) return "Диагностика руководителя";
  return title;
}

export const INSTRUMENT_GROUPS: ReadonlyArray<{ kind: InstrumentOption["kind"]; title: string; note?: string }> = [
  { kind: "subject-test", title: "Предметные тесты учителей", note: "назначаются учителям своих предметов" },
  { kind: "leader", title: "Диагностика руководителей", note: "назначается директорам" },
  { kind: "conditions", title: "Карта условий школы", note: "заполняет директор" },
  { kind: "climate", title: "Анкеты школьного климата", note: "анонимные, по кодам доступа: никому не назначаются, ответы считаются по школам" },
];

export function groupInstruments(list: readonly InstrumentOption[]) {
  return INSTRUMENT_GROUPS.map((g) => ({ ...g, items: list.filter((i) => i.kind === g.kind) })).filter((g) => g.items.length > 0);
}

export type ScopeMode = "region" | "municipalities" | "schools" | "both";

/** The form as typed: numbers stay text until the form is sent, so that a half-typed field is not lost. */
export interface CampaignForm {
  title: string;
  wave: Wave;
  startsOn: string;
  endsOn: string;
  instrumentIds: string[];
  scope: ScopeMode;
  municipalityIds: string[];
  schoolIds: string[];
  targetTeachers: string;
  targetPrincipals: string;
  targetSchoolPercent: string;
}
export type FormErrors = Partial<Record<keyof CampaignForm, string>>;

export const modeOf = (municipalityIds: readonly string[], schoolIds: readonly string[]): ScopeMode =>
  municipalityIds.length && schoolIds.length ? "both" : municipalityIds.length ? "municipalities" : schoolIds.length ? "schools" : "region";

export function emptyForm(today: string, endsOn: string): CampaignForm {
  return {
    title: "", wave: "input", startsOn: today, endsOn, instrumentIds: [], scope: "region", municipalityIds: [], schoolIds: [],
    targetTeachers: "", targetPrincipals: "", targetSchoolPercent: "",
  };
}

export function formOf(c: Campaign): CampaignForm {
  return {
    title: c.title, wave: c.wave, startsOn: c.startsOn, endsOn: c.endsOn, instrumentIds: [...c.instrumentIds],
    scope: modeOf(c.municipalityIds, c.schoolIds), municipalityIds: [...c.municipalityIds], schoolIds: [...c.schoolIds],
    targetTeachers: c.targets.teachers === undefined ? "" : String(c.targets.teachers),
    targetPrincipals: c.targets.principals === undefined ? "" : String(c.targets.principals),
    targetSchoolPercent: c.targets.schoolShare === undefined ? "" : sharePercent(c.targets.schoolShare),
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumber(text: string, max: number): number | null | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= max ? n : null;
}

/** The request body of a valid form, or what is wrong with it, field by field, in Russian. */
export function bodyOf(form: CampaignForm): { body: CampaignBody; errors?: undefined } | { errors: FormErrors; body?: undefined } {
  const errors: FormErrors = {};
  const title = form.title.trim();
  if (title.length < 3) errors.title = "Название — не короче трёх символов";
  else if (title.length > 300) errors.title = "Название — не длиннее 300 символов";
  if (!ISO_DAY.test(form.startsOn)) errors.startsOn = "Укажите дату начала";
  if (!ISO_DAY.test(form.endsOn)) errors.endsOn = "Укажите дату окончания";
  else if (ISO_DAY.test(form.startsOn) && form.endsOn < form.startsOn) errors.endsOn = "Окончание раньше начала";
  if (!form.instrumentIds.length) errors.instrumentIds = "Выберите хотя бы один инструмент";
  const municipalityIds = form.scope === "municipalities" || form.scope === "both" ? [...new Set(form.municipalityIds)] : [];
  const schoolIds = form.scope === "schools" || form.scope === "both" ? [...new Set(form.schoolIds)] : [];
  if ((form.scope === "municipalities" || form.scope === "both") && !municipalityIds.length) errors.municipalityIds = "Выберите хотя бы один муниципалитет";
  if ((form.scope === "schools" || form.scope === "both") && !schoolIds.length) errors.schoolIds = "Выберите хотя бы одну школу";
  const teachers = wholeNumber(form.targetTeachers, 10_000_000);
  if (teachers === null) errors.targetTeachers = "Целое число, не меньше нуля";
  const principals = wholeNumber(form.targetPrincipals, 1_000_000);
  if (principals === null) errors.targetPrincipals = "Целое число, не меньше нуля";
  const percentText = form.targetSchoolPercent.trim().replace(",", ".");
  const percent = percentText === "" ? undefined : /^\d{1,3}(\.\d)?$/.test(percentText) && Number(percentText) <= 100 ? Number(percentText) : null;
  if (percent === null) errors.targetSchoolPercent = "Процент от 0 до 100";
  if (Object.keys(errors).length) return { errors };
  return {
    body: {
      title, wave: form.wave, startsOn: form.startsOn, endsOn: form.endsOn, instrumentIds: [...new Set(form.instrumentIds)],
      municipalityIds, schoolIds,
      targets: {
        ...(teachers != null ? { teachers } : {}),
        ...(principals != null ? { principals } : {}),
        ...(percent != null ? { schoolShare: Math.round(percent * 10) / 1000 } : {}),
      },
    },
  };
}

export interface TargetBar { key: string; label: string; value: number; max: number; good: boolean; note: string }

/**
 * Progress against the campaign's targets. A coordinator sees one municipality, so a region-wide
 * head count would mislead: their bars run against those assigned, with the region's target as a note.
 */
export function targetBars(coverage: Coverage, targets: Campaign["targets"], coordinator: boolean): TargetBar[] {
  const people = (key: "teachers" | "principals", label: string, target: number | undefined): TargetBar => {
    const c = coverage.roles[key];
    const byTarget = target !== undefined && target > 0 && !coordinator;
    const max = byTarget ? target : c.assigned;
    return {
      key, label, value: c.submitted, max, good: max > 0 && c.submitted >= max,
      note: byTarget ? `цель — ${formatNumber(target)}` : target !== undefined ? `из назначенных; цель региона — ${formatNumber(target)}` : "из назначенных",
    };
  };
  const bars = [people("teachers", "Учителя прошли диагностику", targets.teachers), people("principals", "Руководители прошли диагностику", targets.principals)];
  const { total, covered } = coverage.schools;
  const share = targets.schoolShare;
  bars.push({
    key: "schools", label: "Школы, где есть прошедшие диагностику", value: covered, max: total,
    good: total > 0 && (share !== undefined ? covered / total >= share : covered === total),
    note: share !== undefined ? `цель — ${sharePercent(share)}% школ (${formatNumber(Math.ceil(share * total))} из ${formatNumber(total)})` : "цель не задана",
  });
  return bars.filter((b) => b.max > 0 || b.key === "schools");
}
