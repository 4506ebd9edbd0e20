// Demo school data: principals' conditions cards (most programme schools) and two years of imported exam results for every school.
import { sql, type Insertable, type Kysely } from "kysely";
import type { AttemptsTable, Database, ExamResultsTable } from "../../db/schema.js";
import { hashString } from "../../shared/random.js";
import { Rng } from "../demo/demo-region.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { demoConditionsAnswers, demoDisadvantage } from "./demo-conditions.js";
import { demoExamRows, demoFailBase, latestExamYear } from "./demo-exams.js";

export const DEMO_INPUT_CAMPAIGN = "demo-input";
const CARD_INSTRUMENT = "school-conditions";
/** Share of the programme's principals who have submitted their card: the rest show «нет данных». */
const CARD_SHARE = 0.85;
const CHUNK = 500;

export interface DemoSchoolDataSummary { cards: number; schoolsWithoutCard: number; examRows: number; examYears: number[] }

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Runs inside the demo seed's transaction (`db` is that transaction; nothing here opens another).
 * Cards are answers only (the card is scored by nothing), submitted in the running input campaign
 * by the principal of each programme school, except for some schools left without one on purpose.
 */
export async function seedDemoSchoolData(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string, now = new Date()): Promise<DemoSchoolDataSummary> {
  const schools = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.locality", "s.students", "s.low_results", "s.unfavourable", "s.high_results", "s.clusters"])
    .where("m.region_id", "=", regionId).orderBy("s.id").execute();
  const principals = await db.selectFrom("users as u").innerJoin("user_roles as r", "r.user_id", "u.id")
    .select(["u.id", "u.school_id", "u.login"]).where("r.role", "=", "principal").where("u.is_active", "=", true)
    .where("u.region_id", "=", regionId).where("u.school_id", "is not", null).orderBy("u.id").execute();
  const principalOf = new Map<string, { id: string; login: string | null }>();
  for (const p of principals) if (!principalOf.has(p.school_id!)) principalOf.set(p.school_id!, { id: p.id, login: p.login });

  const campaign = await db.selectFrom("campaigns").select(["id", "starts_on"]).where("region_id", "=", regionId)
    .where((eb) => eb.or([eb("id", "=", DEMO_INPUT_CAMPAIGN), eb("status", "=", "active")]))
    .orderBy(sql`id = ${DEMO_INPUT_CAMPAIGN}`, "desc").executeTakeFirst();
  const card = registry.get(CARD_INSTRUMENT)?.definition;

  const attempts: Array<Insertable<AttemptsTable>> = [];
  const exams: Array<Insertable<ExamResultsTable>> = [];
  const lastYear = latestExamYear(now);
  let withoutCard = 0;
  for (const s of schools) {
    const school = { locality: s.locality, students: s.students, lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results, clusters: s.clusters };
    const rng = new Rng(hashString(`demo-school/${s.id}`));
    const d = demoDisadvantage(school, rng);
    const principal = principalOf.get(s.id);
    if (principal && campaign && card) {
      // principal@demo's school always has its card, so that the principal's profile shows it.
      if (principal.login === "principal@demo" || rng.chance(CARD_SHARE)) {
        const start = Date.parse(`${campaign.starts_on}T06:00:00Z`) + rng.int(3, 40) * 86_400_000 + rng.int(0, 8 * 60) * 60_000;
        const submitted = new Date(Math.min(start + rng.int(15, 50) * 60_000, now.getTime() - 3_600_000));
        attempts.push({
          user_id: principal.id, school_id: s.id, audience: "principal", instrument_id: card.id, version: card.version,
          campaign_id: campaign.id, status: "submitted", data: JSON.stringify(demoConditionsAnswers(school, d, rng)), current_page: 0,
          started_at: new Date(Math.min(start, submitted.getTime() - 60_000)), updated_at: submitted, submitted_at: submitted,
        });
      } else withoutCard++;
    }
    for (const r of demoExamRows(school, demoFailBase(school, rng), lastYear, rng)) {
      exams.push({
        school_id: s.id, year: r.year, exam: r.exam, subject: r.subject, grade: r.grade, participants: r.participants,
        mean_score: r.meanScore, share_failed: r.shareFailed, share_high: r.shareHigh,
      });
    }
  }
  await chunked(attempts, (chunk) => db.insertInto("attempts").values(chunk)
    .onConflict((oc) => oc.columns(["user_id", "instrument_id", "campaign_id"]).where("user_id", "is not", null).doNothing()).execute());
  await chunked(exams, (chunk) => db.insertInto("exam_results").values(chunk)
    .onConflict((oc) => oc.constraint("exam_results_key").doNothing()).execute());

  if (exams.length) {
    // The results arrived through the import, as a methodologist would load them: the log shows it.
    const methodologist = await db.selectFrom("users").select("id").where("login", "=", "methodologist@demo").executeTakeFirst();
    await db.insertInto("import_batches").values({
      region_id: regionId, kind: "exam-results", file_name: `Результаты ВПР, ОГЭ, ЕГЭ ${lastYear - 1}–${lastYear}.xlsx`,
      rows: exams.length, created: exams.length, updated: 0, created_by: methodologist?.id ?? null,
    }).execute();
  }
  return { cards: attempts.length, schoolsWithoutCard: withoutCard, examRows: exams.length, examYears: [lastYear - 1, lastYear] };
}
