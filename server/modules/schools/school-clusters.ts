// The programme's clusters of a school by documented rules, each with the rule that put the school there, in words. Pure.
import { CLUSTERS, type ClusterCode } from "../../shared/labels.js";
import { CORE_SUBJECTS, failShareWhere, type CoreSubject, type ExamSummary } from "./exam-summary.js";
import { inWorstShare, num, pctText, sharePct, type TeacherFigures } from "./school-inputs.js";
import { SCHOOL_RULES, type SchoolRules } from "./school-thresholds.js";
import type { SchoolIndex } from "./wellbeing-index.js";

export interface ClusterInput {
  /** The region's own designation of the school (the schools import). */
  school: { lowResults: boolean; unfavourable: boolean; clusters: readonly string[] };
  /** The card's indicators; null when the card is not filled. */
  indicators: ReadonlyMap<string, number | null> | null;
  exams: ExamSummary;
  index: SchoolIndex | null;
  teachers: TeacherFigures;
}

/** What a school is compared with: the figures of the region's schools that have them, each list in ascending order. */
export interface ClusterRegion {
  failShares: Readonly<Record<CoreSubject, readonly number[]>>;
  indexValues: readonly number[];
}

export interface ClusterRule {
  cluster: ClusterCode;
  /** Stable id of the rule: region, exam-threshold:math, exam-worst:russian, index-lowest, share-ovz, share-non-native, teacher-deficits, exam-fails. */
  rule: string;
  fired: boolean;
  /** Why the school is in the cluster, in words; null when the rule does not fire. */
  reason: string | null;
}

export interface AssignedCluster { code: ClusterCode; title: string; reasons: string[] }

const TEACHING: Record<CoreSubject, { cluster: ClusterCode; teachers: string }> = {
  math: { cluster: "math-teaching", teachers: "учителей математики" },
  russian: { cluster: "russian-teaching", teachers: "учителей русского языка" },
};

const rule = (cluster: ClusterCode, id: string, reason: string | null): ClusterRule => ({ cluster, rule: id, fired: reason !== null, reason });

/** The region's designation: an official flag, or the cluster listed for the school in the schools import. */
function regionRule(cluster: ClusterCode, input: ClusterInput): ClusterRule {
  const flag = cluster === "low-results" ? input.school.lowResults : cluster === "unfavourable" ? input.school.unfavourable : false;
  if (flag) {
    const what = cluster === "low-results" ? "школ с низкими результатами обучения (ШНОР)" : "школ, функционирующих в сложных социальных условиях (ССУ)";
    return rule(cluster, "region", `Официальный признак региона: школа в списке ${what}`);
  }
  return rule(cluster, "region", input.school.clusters.includes(cluster) ? "Кластер указан регионом в списке школ" : null);
}

/** Every rule of every cluster, fired or not, in the order of the programme's clusters. */
export function clusterRules(input: ClusterInput, region: ClusterRegion, rules: SchoolRules = SCHOOL_RULES): ClusterRule[] {
  const c = rules.clusters;
  const out: ClusterRule[] = [regionRule("low-results", input)];
  for (const f of input.exams.failShares) {
    out.push(rule("low-results", `exam-threshold:${f.subject}`, f.share >= c.lowResults.failShare
      ? `Доля «2» ${failShareWhere(f)} — ${pctText(f.share)}, не ниже порога ${pctText(c.lowResults.failShare)}` : null));
    const compared = region.failShares[f.subject];
    const worst = inWorstShare(f.share, compared, c.lowResults.worstShare, rules.minSchoolsForQuartile);
    out.push(rule("low-results", `exam-worst:${f.subject}`, worst
      ? `Доля «2» ${failShareWhere(f)} — ${pctText(f.share)}: среди ${num(c.lowResults.worstShare * 100)} % худших значений по региону (сравнивались ${compared.length} школ)` : null));
  }

  out.push(regionRule("unfavourable", input));
  const lowest = input.index !== null && inWorstShare(input.index.value, region.indexValues, c.unfavourable.lowestShare, rules.minSchoolsForQuartile, false);
  out.push(rule("unfavourable", "index-lowest", lowest
    ? `Индекс социального благополучия ${num(input.index!.value)} — в нижней четверти по региону (место ${input.index!.rank} из ${input.index!.of})` : null));

  const ovz = input.indicators?.get("share-ovz") ?? null;
  out.push(regionRule("special-needs", input));
  out.push(rule("special-needs", "share-ovz", ovz !== null && ovz >= c.specialNeeds.shareOvz
    ? `Доля обучающихся с ОВЗ — ${pctText(ovz)}, не ниже порога ${pctText(c.specialNeeds.shareOvz)} (карта условий)` : null));

  const nonNative = input.indicators?.get("share-non-native") ?? null;
  out.push(regionRule("non-native", input));
  out.push(rule("non-native", "share-non-native", nonNative !== null && nonNative >= c.nonNative.shareNonNative
    ? `Доля обучающихся, для которых русский язык не язык семьи, — ${pctText(nonNative)}, не ниже порога ${pctText(c.nonNative.shareNonNative)} (карта условий)` : null));

  for (const subject of CORE_SUBJECTS) {
    const { cluster, teachers } = TEACHING[subject];
    out.push(regionRule(cluster, input));
    const t = input.teachers.bySubject[subject];
    const deficitShare = t && t.tested >= c.teaching.minTested ? sharePct(t.deficit, t.tested) : null;
    out.push(rule(cluster, "teacher-deficits", deficitShare !== null && deficitShare >= c.teaching.deficitShare
      ? `${t!.deficit} из ${t!.tested} протестированных ${teachers} (${pctText(deficitShare)}) имеют дефициты по темам предмета, порог ${pctText(c.teaching.deficitShare)}` : null));
    const fail = input.exams.failShares.find((f) => f.subject === subject);
    out.push(rule(cluster, "exam-fails", fail && fail.share >= c.teaching.examFailShare
      ? `Доля «2» ${failShareWhere(fail)} — ${pctText(fail.share)}, не ниже порога ${pctText(c.teaching.examFailShare)}` : null));
  }
  return out;
}

/** The clusters the school is in, each with the reasons of the rules that put it there. */
export function schoolClusters(input: ClusterInput, region: ClusterRegion, rules: SchoolRules = SCHOOL_RULES): AssignedCluster[] {
  const fired = clusterRules(input, region, rules).filter((r) => r.fired);
  return CLUSTERS.flatMap(({ code, title }) => {
    const reasons = fired.filter((r) => r.cluster === code).map((r) => r.reason!);
    return reasons.length ? [{ code, title, reasons }] : [];
  });
}
