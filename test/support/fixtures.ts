// A small region for API tests: two municipalities, three schools, people in every role, one running campaign.
import type { Kysely } from "kysely";
import type { Database, Role } from "../../server/db/schema.js";
import { hashPassword } from "../../server/modules/auth/passwords.js";
import type { InstrumentRegistry } from "../../server/modules/instruments/registry.js";
import { assignEligible } from "../../server/modules/campaigns/campaigns.repository.js";
import { isoDay } from "../../server/shared/dates.js";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export const PEOPLE = {
  teacher: { roles: ["teacher"], subjects: ["math"], school: "s-low" },
  teacherRussian: { roles: ["teacher"], subjects: ["russian", "literature"], school: "s-low" },
  teacherElsewhere: { roles: ["teacher"], subjects: ["math"], school: "s-other" },
  principal: { roles: ["principal"], subjects: [], school: "s-low" },
  principalElsewhere: { roles: ["principal"], subjects: [], school: "s-other" },
  mentor: { roles: ["teacher", "mentor"], subjects: ["math"], school: "s-high" },
  otherMentor: { roles: ["teacher", "mentor"], subjects: ["math"], school: "s-high" },
  methodologist: { roles: ["methodologist"], subjects: [], school: null },
  municipal: { roles: ["municipal"], subjects: [], school: null, municipality: "m1" },
  municipalElsewhere: { roles: ["municipal"], subjects: [], school: null, municipality: "m2" },
  admin: { roles: ["admin"], subjects: [], school: null },
} as const satisfies Record<string, { roles: Role[]; subjects: string[]; school: string | null; municipality?: string }>;

export type PersonKey = keyof typeof PEOPLE;
export type Fixtures = Record<PersonKey, { id: string; login: string }> & { campaignId: string };

const SCHOOL_MUNICIPALITY: Record<string, string> = { "s-low": "m1", "s-high": "m1", "s-other": "m2" };

export async function seedFixtures(db: Kysely<Database>, registry: InstrumentRegistry): Promise<Fixtures> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  await db.insertInto("regions").values({ id: "r1", name: "Тестовая область" }).execute();
  await db.insertInto("municipalities").values([
    { id: "m1", region_id: "r1", name: "Первый район" }, { id: "m2", region_id: "r1", name: "Второй район" },
  ]).execute();
  await db.insertInto("schools").values([
    { id: "s-low", municipality_id: "m1", name: "Школа с низкими результатами", short_name: "СОШ № 1", low_results: true, clusters: ["low-results"] },
    { id: "s-high", municipality_id: "m1", name: "Школа с высокими результатами", short_name: "СОШ № 2", high_results: true, clusters: [] },
    { id: "s-other", municipality_id: "m2", name: "Школа другого района", short_name: "СОШ № 3", unfavourable: true, clusters: ["unfavourable"] },
  ]).execute();
  const fixtures = { campaignId: "c1" } as Fixtures;
  for (const [key, p] of Object.entries(PEOPLE) as Array<[PersonKey, (typeof PEOPLE)[PersonKey]]>) {
    const login = `${key.toLowerCase()}@test`;
    const municipality = p.school ? SCHOOL_MUNICIPALITY[p.school]! : "municipality" in p ? p.municipality : null;
    const row = await db.insertInto("users").values({
      login, password_hash: hash, full_name: `Тест ${key}`, region_id: "r1", municipality_id: municipality, school_id: p.school, subjects: [...p.subjects],
    }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("user_roles").values(p.roles.map((role) => ({ user_id: row.id, role }))).execute();
    fixtures[key] = { id: row.id, login };
  }
  await db.insertInto("mentor_assignments").values({ mentor_id: fixtures.mentor.id, mentee_id: fixtures.teacher.id }).execute();
  await db.insertInto("campaigns").values({
    // The window moves with the calendar, so the suite means the same whenever it runs.
    id: "c1", region_id: "r1", title: "Входная диагностика", wave: "input", status: "active", starts_on: isoDay(-30), ends_on: isoDay(60),
  }).execute();
  await db.insertInto("campaign_instruments").values(registry.all().map((i) => ({ campaign_id: "c1", instrument_id: i.definition.id }))).execute();
  await db.insertInto("municipality_neighbours").values([
    { municipality_id: "m1", neighbour_id: "m2" }, { municipality_id: "m2", neighbour_id: "m1" },
  ]).execute();
  await assignEligible(db, "c1");
  return fixtures;
}
