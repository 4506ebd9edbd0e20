// Steps of the plans API tests: calls as a person, counts of what is stored, and the roles sorted by what they may do.
import { expect } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";

/** Who may do what with the plan of `teacher` (school s-low, municipality m1, mentored by `mentor`). */
export const READERS: PersonKey[] = ["teacher", "mentor", "principal", "methodologist", "admin"];
export const WRITERS: PersonKey[] = ["teacher", "mentor"];
/** Readers who may not write: 403 on every write. */
export const READ_ONLY: PersonKey[] = ["principal", "methodologist", "admin"];
/** Not readers: the plan does not exist for them (404). */
export const STRANGERS: PersonKey[] = ["teacherRussian", "teacherElsewhere", "otherMentor", "principalElsewhere"];
/** Municipal coordinators read no plans (404) and are stopped at every write by the role gate (403). */
export const COORDINATORS: PersonKey[] = ["municipal", "municipalElsewhere"];

export const planUrl = (t: TestContext, who: PersonKey = "teacher") => `/api/users/${t.people[who].id}/plan`;

export async function addItem(t: TestContext, actor: PersonKey, payload: Record<string, unknown>, owner: PersonKey = "teacher") {
  const res = await t.as(actor, { method: "POST", url: `${planUrl(t, owner)}/items`, payload });
  expect(res.statusCode, `${actor} adds ${JSON.stringify(payload)}: ${res.body}`).toBe(201);
  return res.json() as { id: string; status: string; title: string; [k: string]: unknown };
}

export async function stored(t: TestContext) {
  const count = async (table: "plan_items" | "plan_item_events" | "plan_evidence" | "mentor_meetings" | "notifications") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return {
    items: await count("plan_items"), events: await count("plan_item_events"), evidence: await count("plan_evidence"),
    meetings: await count("mentor_meetings"), notifications: await count("notifications"),
  };
}

export async function eventsOf(t: TestContext, itemId: string) {
  return t.db.selectFrom("plan_item_events").select(["action", "actor_id", "changes"]).where("item_id", "=", itemId).orderBy("at").orderBy("id").execute();
}

export async function notificationsOf(t: TestContext, who: PersonKey) {
  return t.db.selectFrom("notifications").select(["kind", "title", "body", "link", "read_at"]).where("user_id", "=", t.people[who].id).orderBy("created_at").execute();
}

/** Back to the fixtures' one pair (mentor → teacher), an empty plan and no notifications. */
export async function resetPlans(t: TestContext): Promise<void> {
  for (const table of ["notifications", "mentor_meetings", "plan_evidence", "plan_item_events", "plan_items", "mentor_assignments"] as const) {
    await t.db.deleteFrom(table).execute();
  }
  await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.mentor.id, mentee_id: t.people.teacher.id }).execute();
}
