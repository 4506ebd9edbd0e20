// A school's exam results as the rules read them: per exam and subject, and the shares of «2» in mathematics and Russian. Pure.
import { EXAM_TITLES, examSubjectTitle, type Exam } from "../imports/exam-rows.js";
import { SCHOOL_RULES } from "./school-thresholds.js";

/** Results of one school, year, exam and subject, over its grades (as the repository aggregates them). */
export interface ExamRow {
  year: number;
  exam: Exam;
  subject: string;
  grades: number[];
  participants: number;
  meanScore: number | null;
  /** Shares 0–1, weighted by participants over the grades that gave them. */
  shareFailed: number | null;
  shareHigh: number | null;
}

export interface ExamResult {
  year: number;
  exam: Exam;
  examTitle: string;
  subject: string;
  subjectTitle: string;
  grades: number[];
  participants: number;
  meanScore: number | null;
  /** Percent, one decimal. */
  failShare: number | null;
  highShare: number | null;
}

export type CoreSubject = "math" | "russian";
export const CORE_SUBJECTS: readonly CoreSubject[] = ["math", "russian"];

export interface FailShare {
  subject: CoreSubject;
  year: number;
  participants: number;
  /** Percent of «2» over ВПР and ОГЭ of the subject in that year, one decimal. */
  share: number;
}

export interface ExamSummary {
  /** Years with results, latest first. */
  years: number[];
  results: ExamResult[];
  /** Per core subject: the latest year with enough participants (SCHOOL_RULES.exams.minParticipants). */
  failShares: FailShare[];
  /** ЕГЭ, every subject: share below the minimum in the latest year with enough participants. */
  egeBelowMinimum: { year: number; participants: number; share: number } | null;
}

const pct = (share: number) => Math.round(share * 1000) / 10;

/** Participant-weighted share over rows that give it, per year; the latest year with enough participants wins. */
function latestWeighted(rows: readonly ExamRow[], minParticipants: number) {
  const byYear = new Map<number, { participants: number; failed: number }>();
  for (const r of rows) {
    if (r.shareFailed === null || r.participants <= 0) continue;
    const y = byYear.get(r.year) ?? { participants: 0, failed: 0 };
    y.participants += r.participants;
    y.failed += r.shareFailed * r.participants;
    byYear.set(r.year, y);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const year = years.find((y) => byYear.get(y)!.participants >= minParticipants);
  if (year === undefined) return null;
  const y = byYear.get(year)!;
  return { year, participants: y.participants, share: pct(y.failed / y.participants) };
}

export function summarizeExams(rows: readonly ExamRow[], minParticipants = SCHOOL_RULES.exams.minParticipants): ExamSummary {
  const results = [...rows]
    .sort((a, b) => b.year - a.year || a.exam.localeCompare(b.exam) || a.subject.localeCompare(b.subject))
    .map((r) => ({
      year: r.year, exam: r.exam, examTitle: EXAM_TITLES[r.exam], subject: r.subject, subjectTitle: examSubjectTitle(r.subject),
      grades: r.grades, participants: r.participants, meanScore: r.meanScore === null ? null : Math.round(r.meanScore * 100) / 100,
      failShare: r.shareFailed === null ? null : pct(r.shareFailed), highShare: r.shareHigh === null ? null : pct(r.shareHigh),
    }));
  const failShares: FailShare[] = [];
  for (const subject of CORE_SUBJECTS) {
    const found = latestWeighted(rows.filter((r) => r.subject === subject && (r.exam === "vpr" || r.exam === "oge")), minParticipants);
    if (found) failShares.push({ subject, ...found });
  }
  return {
    years: [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a),
    results, failShares,
    egeBelowMinimum: latestWeighted(rows.filter((r) => r.exam === "ege"), minParticipants),
  };
}

export const SUBJECT_DATIVE: Record<CoreSubject, string> = { math: "математике", russian: "русскому языку" };

/** «по математике (ВПР и ОГЭ, 2025 г.)». */
export const failShareWhere = (f: FailShare): string => `по ${SUBJECT_DATIVE[f.subject]} (ВПР и ОГЭ, ${f.year} г.)`;
