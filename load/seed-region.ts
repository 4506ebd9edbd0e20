// The exam's test region, inserted in bulk: schools, 5,000 mathematics teachers (passwords or access codes), a running campaign.
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../server/db/schema.js";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../server/modules/auth/access-codes.js";
import { hashPassword } from "../server/modules/auth/passwords.js";
import { isoDay } from "../server/shared/dates.js";
import type { Credential } from "./plan.js";

export const LOAD_REGION = { id: "load-region", name: "Нагрузочная область (тест экзаменационного дня)" };
export const LOAD_CAMPAIGN = "load-exam-day";
export const LOAD_PASSWORD = "exam-day-2026";
const MUNICIPALITIES = 10;
const SCHOOLS_PER_MUNICIPALITY = 10;
const CHUNK = 1000;

export interface SeededRegion { credentials: Credential[]; userIds: string[]; seconds: number }

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * `probes` + `count` teachers of mathematics: a `passwordShare` of the `count` sign in with a login and
 * password, the others (and the probes) with a personal access code. Every password teacher shares one
 * password and so one stored scrypt string: hashing 2,500 distinct ones would cost minutes of both cores
 * before the test begins, while verifying costs the same for any of them (same N, r, p), which is what is measured.
 */
export async function seedLoadRegion(db: Kysely<Database>, count: number, passwordShare: number, probes: number): Promise<SeededRegion> {
  const started = performance.now();
  const passwordHash = await hashPassword(LOAD_PASSWORD);
  const municipalities = Array.from({ length: MUNICIPALITIES }, (_, m) => ({
    id: `load-m${String(m + 1).padStart(2, "0")}`, region_id: LOAD_REGION.id, name: `Нагрузочный округ № ${m + 1}`,
  }));
  const schools = municipalities.flatMap((m, mi) => Array.from({ length: SCHOOLS_PER_MUNICIPALITY }, (_, s) => ({
    id: `load-s${String(mi * SCHOOLS_PER_MUNICIPALITY + s + 1).padStart(3, "0")}`, municipality_id: m.id,
    name: `Школа № ${mi * SCHOOLS_PER_MUNICIPALITY + s + 1} нагрузочного округа № ${mi + 1}`, short_name: `Школа № ${mi * SCHOOLS_PER_MUNICIPALITY + s + 1}`,
    locality: "city" as const, students: 600,
  })));
  const credentials: Credential[] = [];
  const users: Array<Insertable<Database["users"]> & { id: string; school_id: string; municipality_id: string }> = [];
  const codes: Array<Insertable<Database["access_codes"]>> = [];
  // Probes sign in with codes (cheap), so that they are saving before the sign-in wave begins.
  const passwordCount = Math.round(count * passwordShare);
  for (let i = 0; i < count + probes; i++) {
    const id = randomUUID();
    const school = schools[i % schools.length]!;
    const withPassword = i >= probes && i - probes < passwordCount;
    const login = withPassword ? `load-${String(i).padStart(5, "0")}@load.test` : null;
    users.push({
      id, login, password_hash: withPassword ? passwordHash : null, full_name: `Учитель математики ${i + 1}`, position: "учитель математики",
      region_id: LOAD_REGION.id, municipality_id: school.municipality_id, school_id: school.id, subjects: ["math"],
    });
    if (withPassword) credentials.push({ login: login!, password: LOAD_PASSWORD });
    else {
      const code = generateAccessCode();
      codes.push({ code_hash: accessCodeDigest(normalizeAccessCode(code)!), kind: "person" as const, user_id: id, school_id: school.id, expires_at: new Date(Date.now() + 2 * 86_400_000) });
      credentials.push({ code });
    }
  }

  await db.transaction().execute(async (trx) => {
    await trx.insertInto("regions").values(LOAD_REGION).execute();
    await trx.insertInto("municipalities").values(municipalities).execute();
    await trx.insertInto("schools").values(schools).execute();
    await chunked(users, (chunk) => trx.insertInto("users").values(chunk).execute());
    await chunked(users, (chunk) => trx.insertInto("user_roles").values(chunk.map((u) => ({ user_id: u.id, role: "teacher" as const }))).execute());
    await chunked(codes, (chunk) => trx.insertInto("access_codes").values(chunk).execute());
    await trx.insertInto("campaigns").values({
      id: LOAD_CAMPAIGN, region_id: LOAD_REGION.id, title: "Входная диагностика учителей математики (нагрузочный тест)", wave: "input", status: "active",
      starts_on: isoDay(-1), ends_on: isoDay(1), opened_at: new Date(), target_teachers: count,
    }).execute();
    await trx.insertInto("campaign_instruments").values({ campaign_id: LOAD_CAMPAIGN, instrument_id: "subject-math" }).execute();
    await trx.insertInto("campaign_schools").values(schools.map((s) => ({ campaign_id: LOAD_CAMPAIGN, school_id: s.id }))).execute();
    await chunked(users, (chunk) => trx.insertInto("campaign_assignments").values(chunk.map((u) => ({
      campaign_id: LOAD_CAMPAIGN, user_id: u.id, instrument_id: "subject-math", school_id: u.school_id, municipality_id: u.municipality_id,
    }))).execute());
  });
  return { credentials, userIds: users.map((u) => u.id), seconds: (performance.now() - started) / 1000 };
}
