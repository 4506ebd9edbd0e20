// The school social well-being index: context components standardised across the region, averaged, ranked (docs/school-index.md). Pure.
import { countBelow } from "./school-inputs.js";
import { SCHOOL_RULES } from "./school-thresholds.js";

export interface IndexComponentDef {
  id: string;
  title: string;
  unit?: string;
  /** Risk components are sign-flipped, so that a higher z is always the more favourable context. */
  direction: "risk" | "resource";
  /** What is standardised, when not the value itself (remoteness: ln(1 + km), so that a few far schools do not flatten the rest). */
  transform?: (value: number) => number;
}

/** The components in the order they are shown; `id`s are the indicator ids the values come from. */
export const INDEX_COMPONENTS: readonly IndexComponentDef[] = [
  { id: "share-low-income", title: "Из малоимущих семей", unit: "%", direction: "risk" },
  { id: "share-single-parent", title: "Из неполных семей", unit: "%", direction: "risk" },
  { id: "share-large-family", title: "Из многодетных семей", unit: "%", direction: "risk" },
  { id: "share-ovz", title: "С ОВЗ", unit: "%", direction: "risk" },
  { id: "share-non-native", title: "Русский язык — не язык семьи", unit: "%", direction: "risk" },
  { id: "registers", title: "На внутришкольном учёте или в ПДН", unit: "%", direction: "risk" },
  { id: "share-unemployed-parents", title: "Из семей с неработающими родителями", unit: "%", direction: "risk" },
  { id: "share-parents-higher-ed", title: "Оба родителя с высшим образованием", unit: "%", direction: "resource" },
  { id: "rural", title: "Сельская местность (0 — город, 0,5 — посёлок, 1 — село)", direction: "risk" },
  { id: "remote-km", title: "Удалённость от центра муниципалитета", unit: "км", direction: "risk", transform: (km) => Math.log1p(km) },
  { id: "staffing-gap", title: "Ставки без специалиста (вакансии и работа не по специальности)", unit: "%", direction: "risk" },
];

export interface IndexInput {
  schoolId: string;
  /** Component values by id; absent or null: not known for this school. */
  values: ReadonlyMap<string, number | null>;
  /** Whether the school's conditions card is filled (only said in the reason when there is no index). */
  hasCard: boolean;
}

export interface ComponentScore {
  id: string;
  title: string;
  unit?: string;
  direction: "risk" | "resource";
  value: number | null;
  /** Standardised and oriented (higher = more favourable); null without a value. */
  z: number | null;
  /** Schools of the region with a value: what the z-score compares with. */
  schools: number;
}

export interface SchoolIndex {
  /** Mean of the available oriented z-scores, three decimals. */
  value: number;
  /** 0–100: the share of the region's other schools with a lower index (ties count half). */
  scaled: number;
  /** 1 = most favourable; tied schools share a rank. */
  rank: number;
  /** Schools of the region with an index. */
  of: number;
  /** Components measured of all. */
  measured: number;
  components: ComponentScore[];
}

export interface IndexOutcome {
  index: SchoolIndex | null;
  /** Why there is no index (null when there is one). */
  reason: string | null;
  components: ComponentScore[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** z-scores over the values present (population SD); all alike → 0 for each: nobody differs from the region. */
export function standardise(values: ReadonlyArray<number | null>): Array<number | null> {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return values.map(() => null);
  const mean = present.reduce((s, v) => s + v, 0) / present.length;
  const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / present.length);
  // Differences at the level of float noise are no difference.
  return values.map((v) => (v === null ? null : sd > 1e-9 * Math.max(1, Math.abs(mean)) ? (v - mean) / sd : 0));
}

export const requiredComponents = (total = INDEX_COMPONENTS.length, share = SCHOOL_RULES.index.minComponentShare) => Math.ceil(total * share);

/** The index of every school of a region (the inputs are the region's schools: standardisation is over them). */
export function computeIndex(inputs: readonly IndexInput[], components: readonly IndexComponentDef[] = INDEX_COMPONENTS): Map<string, IndexOutcome> {
  const need = requiredComponents(components.length);
  const zs = components.map((c) => {
    const raw = inputs.map((i) => {
      const v = i.values.get(c.id);
      return v === undefined || v === null || !Number.isFinite(v) ? null : v;
    });
    const z = standardise(raw.map((v) => (v === null ? null : c.transform ? c.transform(v) : v)));
    return { raw, z: z.map((v) => (v === null ? null : c.direction === "risk" ? -v : v)), count: raw.filter((v) => v !== null).length };
  });

  const partial = inputs.map((input, row) => {
    const scores: ComponentScore[] = components.map((c, k) => ({
      id: c.id, title: c.title, ...(c.unit ? { unit: c.unit } : {}), direction: c.direction,
      value: zs[k]!.raw[row]!, z: zs[k]!.z[row] === null ? null : round3(zs[k]!.z[row]! + 0), schools: zs[k]!.count,
    }));
    const present = zs.map((z) => z.z[row]).filter((v): v is number => v !== null);
    const value = present.length >= need ? round3(present.reduce((s, v) => s + v, 0) / present.length + 0) : null;
    return { input, scores, value, measured: present.length };
  });

  const values = partial.map((p) => p.value).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const out = new Map<string, IndexOutcome>();
  for (const p of partial) {
    if (p.value === null) {
      const known = `известно ${p.measured} из ${components.length} составляющих индекса, нужно не меньше ${need}`;
      out.set(p.input.schoolId, { index: null, reason: p.input.hasCard ? `Индекс не рассчитан: ${known}` : `Индекс не рассчитан: карта условий школы не заполнена (${known})`, components: p.scores });
      continue;
    }
    const below = countBelow(values, p.value);
    const equal = countBelow(values, p.value, true) - below;
    const above = values.length - below - equal;
    const scaled = values.length > 1 ? Math.round((100 * (below + (equal - 1) / 2)) / (values.length - 1)) : 50;
    out.set(p.input.schoolId, {
      index: { value: p.value, scaled, rank: above + 1, of: values.length, measured: p.measured, components: p.scores },
      reason: null, components: p.scores,
    });
  }
  return out;
}
