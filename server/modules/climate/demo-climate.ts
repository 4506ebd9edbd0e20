// Demo climate rounds: most programme schools asked all three audiences, a few groups below the threshold to show suppression.
import { sql, type Insertable, type Kysely } from "kysely";
import type { AccessCodesTable, AttemptsTable, Audience, Database } from "../../db/schema.js";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../auth/access-codes.js";
import { respondentKeyOf } from "../attempts/attempts.service.js";
import { Rng } from "../demo/demo-region.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { isoDay } from "../../shared/dates.js";
import { climateInstruments } from "./climate-sums.js";
import { demographics, schoolLevels, simulateClimateAnswers } from "./demo-climate-answers.js";
import { effectiveThreshold } from "./suppression.js";

const SEED = 20261203;
const CHUNK = 500;
const LETTERS = ["А", "Б", "В"];

export interface DemoClimateSummary { campaignId: string | null; schools: number; rounds: number; answers: number; belowThreshold: number }

/**
 * Seeds climate rounds into the demo region, inside the caller's transaction (it opens none): for
 * most schools of the running campaign that includes the climate questionnaires, a round per
 * audience with codes used and unused, and answers stored as the anonymous path stores them
 * (no person, times to the day). principal@demo's school has too few teachers' answers yet, so that
 * its profile shows suppression until more answer; a few other groups are below the threshold too.
 */
export async function seedDemoClimate(db: Kysely<Database>, registry: InstrumentRegistry, regionId: string, threshold: number): Promise<DemoClimateSummary> {
  const t = effectiveThreshold(threshold);
  const rng = new Rng(SEED);
  const instruments = climateInstruments(registry);
  const ids = [...instruments.values()].map((i) => i.definition.id);
  const campaign = ids.length ? await db.selectFrom("campaigns as c").select(["c.id", "c.starts_on"])
    .where("c.region_id", "=", regionId).where("c.status", "=", "active")
    .where(({ exists, selectFrom }) => exists(selectFrom("campaign_instruments as ci").select("ci.campaign_id").whereRef("ci.campaign_id", "=", "c.id").where("ci.instrument_id", "in", ids)))
    .orderBy("c.starts_on", "desc").executeTakeFirst() : undefined;
  if (!campaign) return { campaignId: null, schools: 0, rounds: 0, answers: 0, belowThreshold: 0 };

  const schools = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.municipality_id", "s.students", "s.low_results", "s.unfavourable",
      sql<number>`(select count(*)::int from users u join user_roles r on r.user_id = u.id and r.role = 'teacher' where u.school_id = s.id and u.is_active)`.as("teachers")])
    .where("m.region_id", "=", regionId)
    .where(sql<boolean>`(
      (not exists (select 1 from campaign_municipalities x where x.campaign_id = ${campaign.id}) and not exists (select 1 from campaign_schools x where x.campaign_id = ${campaign.id}))
      or s.municipality_id in (select x.municipality_id from campaign_municipalities x where x.campaign_id = ${campaign.id})
      or s.id in (select x.school_id from campaign_schools x where x.campaign_id = ${campaign.id}))`)
    .orderBy("s.id").execute();
  const showcase = (await db.selectFrom("users").select("school_id").where("login", "=", "principal@demo").executeTakeFirst())?.school_id ?? null;

  // Answers fall on days of the campaign so far, never today or later.
  const first = Date.parse(`${campaign.starts_on}T00:00:00Z`);
  const days = Math.max(1, Math.min(40, Math.floor((Date.now() - first) / 86_400_000) - 1));
  const dayOf = (offset: number) => isoDay(Math.min(offset, days), first);

  const rounds: Array<Insertable<Database["climate_rounds"]>> = [];
  const codes: Array<Insertable<AccessCodesTable>> = [];
  const attempts: Array<Insertable<AttemptsTable>> = [];
  // principal@demo's municipality keeps its one small group: that school's own.
  const smallMunicipalities = new Set<string>(schools.filter((s) => s.id === showcase).map((s) => s.municipality_id));
  let belowThreshold = 0;
  const endsOn = await db.selectFrom("campaigns").select("ends_on").where("id", "=", campaign.id).executeTakeFirstOrThrow();
  const expires = isoDay(1, Date.parse(`${endsOn.ends_on}T00:00:00Z`));

  for (const school of schools) {
    const isShowcase = school.id === showcase;
    if (!isShowcase && !rng.chance(0.85)) continue;
    // A few groups below the threshold, at most one per municipality, so that each is hidden with a complement beside it.
    const smallAudience: Audience | null = isShowcase ? "teacher"
      : !smallMunicipalities.has(school.municipality_id) && rng.chance(0.08) ? rng.pick(["teacher", "parent"] as const) : null;
    if (smallAudience) { smallMunicipalities.add(school.municipality_id); belowThreshold++; }
    // Two answers short of the threshold at principal@demo's school: a round or two more and its teachers show.
    const smallSize = isShowcase ? Math.max(1, t - 2) : rng.int(1, t - 1);
    for (const [audience, loaded] of instruments) {
      const def = loaded.definition;
      const levels = schoolLevels(def, { id: school.id, lowResults: school.low_results, unfavourable: school.unfavourable }, rng);
      const opened = rng.int(0, Math.max(0, days - 10));
      const groups = audienceGroups(audience, school, rng, smallAudience === audience ? smallSize : null);
      const id = rng.uuid();
      const issued = groups.reduce((s, g) => s + g.answers + g.unused, 0);
      rounds.push({
        id, school_id: school.id, campaign_id: campaign.id, instrument_id: def.id, audience, codes_issued: issued,
        classes: groups.flatMap((g) => (g.className ? [g.className] : [])), created_by: null, created_at: dayOf(opened),
      });
      for (const g of groups) {
        for (let i = 0; i < g.answers + g.unused; i++) {
          const used = i < g.answers;
          codes.push({
            code_hash: accessCodeDigest(normalizeAccessCode(generateAccessCode())!), kind: "anonymous", user_id: null, school_id: school.id,
            instrument_id: def.id, audience, round_id: id, class_name: g.className, expires_at: expires,
            created_at: dayOf(opened), used_at: used ? dayOf(opened) : null,
          });
          if (!used) continue;
          const day = dayOf(opened + rng.int(0, 9));
          const submitted = (isShowcase && smallAudience === audience) || rng.chance(0.97);
          const answers = simulateClimateAnswers(def, levels, rng, demographics(def, rng, g.className));
          attempts.push({
            id: rng.uuid(), user_id: null, respondent_key: respondentKeyOf(rng.uuid()), school_id: school.id, audience, instrument_id: def.id,
            version: def.version, campaign_id: campaign.id, status: submitted ? "submitted" : "in_progress",
            data: JSON.stringify(submitted ? answers : Object.fromEntries(Object.entries(answers).slice(0, 10))),
            current_page: submitted ? 0 : 1, started_at: day, updated_at: day, submitted_at: submitted ? day : null, deadline_at: null,
            round_id: id, class_name: g.className,
          });
        }
      }
    }
  }
  for (let i = 0; i < rounds.length; i += CHUNK) await db.insertInto("climate_rounds").values(rounds.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < codes.length; i += CHUNK) await db.insertInto("access_codes").values(codes.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < attempts.length; i += CHUNK) await db.insertInto("attempts").values(attempts.slice(i, i + CHUNK)).execute();
  return { campaignId: campaign.id, schools: new Set(rounds.map((r) => r.school_id)).size, rounds: rounds.length, answers: attempts.length, belowThreshold };
}

interface DemoGroup { className: string | null; answers: number; unused: number }

/** Who answered at a school: teachers by the staff's size, students class by class, parents. `small` forces one small group. */
function audienceGroups(audience: Audience, school: { teachers: number; students: number | null }, rng: Rng, small: number | null): DemoGroup[] {
  const unused = (n: number) => rng.int(0, Math.max(1, Math.round(n * 0.25)));
  if (audience === "teacher") {
    const answers = small ?? Math.max(6, Math.round((school.teachers + rng.int(2, 8)) * (0.7 + rng.float() * 0.3)));
    return [{ className: null, answers, unused: unused(answers) }];
  }
  if (audience === "parent") {
    const answers = small ?? rng.int(9, Math.max(12, Math.min(40, Math.round((school.students ?? 200) / 12))));
    return [{ className: null, answers, unused: unused(answers) }];
  }
  const size = school.students ?? 200;
  const count = size < 150 ? rng.int(1, 2) : size < 500 ? rng.int(2, 3) : rng.int(3, 5);
  const grades = [...new Set(Array.from({ length: count }, () => rng.int(5, 11)))];
  return grades.sort((a, b) => a - b).map((grade) => {
    const className = `${grade}${size < 150 ? "" : rng.pick(LETTERS)}`;
    const answers = size < 150 ? rng.int(5, 12) : rng.int(9, 24);
    return { className, answers, unused: unused(answers) };
  });
}
