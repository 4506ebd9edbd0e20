// The query of «Мои курсы и группы»: the confirmed course groups a person is a member of, with the course and the group's size.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

/**
 * Confirmed groups only: a proposed group may still change or be deleted, so a teacher is not told of it
 * (the plan's draft waits for confirmation too). Soonest first, undated last.
 */
export async function confirmedGroupsOfMember(db: Kysely<Database>, userId: string) {
  return db.selectFrom("course_group_members as m")
    .innerJoin("course_groups as g", "g.id", "m.group_id")
    .innerJoin("courses as c", "c.id", "g.course_id")
    .select([
      "g.id", "g.title", "g.course_id", "c.title as course_title", "c.hours", "c.format", "c.competencies", "g.starts_on", "g.ends_on", "g.confirmed_at",
      sql<number>`(select count(*)::int from course_group_members x where x.group_id = g.id)`.as("members"),
      sql<boolean>`exists (select 1 from plan_items i where i.user_id = m.user_id and i.group_id = g.id)`.as("in_plan"),
    ])
    .where("m.user_id", "=", userId).where("g.status", "=", "confirmed")
    .orderBy(sql`g.starts_on nulls last`).orderBy("c.title").orderBy("g.id")
    .execute();
}
