// The demo's plans: every mentored teacher has a lived-in plan and meetings; teacher@demo has what mentor@demo added.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPersonByLogin } from "../../server/modules/people/people.repository.js";
import { DEMO_PASSWORD, seedDemoRegion } from "../../server/modules/demo/demo-seed.js";
import { seedDemoPlans, type DemoPlansSummary } from "../../server/modules/plans/demo-plans.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { resetData } from "../support/test-database.js";

let t: TestContext;
let summary: DemoPlansSummary;
const tokens = new Map<string, { token: string; id: string }>();

beforeAll(async () => {
  t = await setupTestApp();
  await resetData(t.db);
  await seedDemoRegion(t.db, t.registry);
  // seedDemoRegion may already call it (once wired in); start from the plans this function makes.
  for (const table of ["notifications", "mentor_meetings", "plan_evidence", "plan_item_events", "plan_items"] as const) await t.db.deleteFrom(table).execute();
  // As the demo seed calls it: inside the transaction it was given.
  const started = performance.now();
  summary = await t.db.transaction().execute((trx) => seedDemoPlans(trx, "demo"));
  console.info(`seedDemoPlans: ${summary.plans} plans, ${summary.items} items, ${summary.meetings} meetings in ${Math.round(performance.now() - started)} ms`);
  // One real sign-in with the demo password; the other tokens are issued directly (sign-ins are rate limited).
  const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "teacher@demo", password: DEMO_PASSWORD } });
  expect(login.statusCode).toBe(200);
  tokens.set("teacher@demo", { token: login.json().token, id: login.json().user.id });
  for (const name of ["mentor@demo", "methodologist@demo", "principal@demo"]) {
    const p = (await findPersonByLogin(t.db, name))!;
    const { token } = await t.tokens.issue({ kind: "user", id: p.id, roles: p.roles, regionId: p.regionId, municipalityId: p.municipalityId, schoolId: p.schoolId });
    tokens.set(name, { token, id: p.id });
  }
}, 180_000);
afterAll(async () => { await t.close(); });

const as = (login: string, url: string, method: "GET" | "POST" = "GET") =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(login)!.token}` } });

describe("the demo's plans", () => {
  it("every current pair's mentee has a plan and meetings", async () => {
    const pairs = await t.db.selectFrom("mentor_assignments").select(["mentee_id", "mentor_id", "assigned_at"]).where("ended_at", "is", null).execute();
    expect(summary.plans).toBe(pairs.length);
    expect(pairs.length).toBeGreaterThan(20);
    const withItems = await t.db.selectFrom("plan_items").select("user_id").distinct().execute();
    expect(withItems.length).toBe(pairs.length);
    const meetings = await t.db.selectFrom("mentor_meetings").select(["mentee_id", "mentor_id", "held_on"]).execute();
    const pairOf = new Map(pairs.map((p) => [p.mentee_id, p]));
    for (const m of meetings) {
      const pair = pairOf.get(m.mentee_id)!;
      expect(m.mentor_id).toBe(pair.mentor_id);
      // Held within the pair's life (a pair confirmed today still has its first day).
      expect(m.held_on >= new Date(new Date(pair.assigned_at).getTime() - 86_400_000).toISOString().slice(0, 10)).toBe(true);
      expect(m.held_on <= new Date().toISOString().slice(0, 10)).toBe(true);
    }
    expect(new Set(meetings.map((m) => m.mentee_id)).size).toBe(pairs.length);
  });

  it("has items in every state, some overdue, evidence notes and links, and unread notifications", async () => {
    const states = await t.db.selectFrom("plan_items").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute();
    expect(states.map((s) => s.status).sort()).toEqual(["done", "dropped", "in-progress", "planned"]);
    const { overdue } = await sql<{ overdue: number }>`select count(*)::int as overdue from plan_items where due_on < current_date and status in ('planned', 'in-progress')`.execute(t.db).then((r) => r.rows[0]!);
    expect(overdue).toBeGreaterThan(0);
    const evidence = await t.db.selectFrom("plan_evidence").select(["kind"]).distinct().execute();
    expect(evidence.map((e) => e.kind).sort()).toEqual(["link", "note"]);
    const kinds = await t.db.selectFrom("notifications").select("kind").distinct().where("read_at", "is", null).execute();
    expect(kinds.length).toBeGreaterThan(1);
    // Nothing dated in the future, and every item's history begins with its creation.
    const { future } = await sql<{ future: number }>`select (select count(*) from plan_item_events where at > now()) + (select count(*) from notifications where created_at > now()) as future`.execute(t.db).then((r) => r.rows[0]!);
    expect(Number(future)).toBe(0);
    const { orphans } = await sql<{ orphans: number }>`select count(*)::int as orphans from plan_items i where not exists (select 1 from plan_item_events e where e.item_id = i.id and e.action in ('created', 'drafted'))`.execute(t.db).then((r) => r.rows[0]!);
    expect(orphans).toBe(0);
  });

  it("is what «Составить план по профилю» would draft: drafting again adds nothing", async () => {
    const mentees = await t.db.selectFrom("mentor_assignments as p").innerJoin("users as r", "r.id", "p.mentor_id").select(["p.mentee_id", "r.login"])
      .where("p.ended_at", "is", null).where("r.login", "=", "mentor@demo").execute();
    for (const m of mentees) {
      const res = await as("mentor@demo", `/api/users/${m.mentee_id}/plan/draft`, "POST");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: [], linked: [] });
    }
  });
});

describe("teacher@demo and mentor@demo", () => {
  it("mentor@demo opens teacher@demo's plan with the open lesson and the consultation they added, and the first meeting", async () => {
    const teacherId = tokens.get("teacher@demo")!.id;
    const plan = (await as("mentor@demo", `/api/users/${teacherId}/plan`)).json();
    expect(plan.mode).toBe("mentor");
    expect(plan.items.map((i: { kind: string }) => i.kind).sort()).toEqual(["consultation", "open-lesson"]);
    for (const i of plan.items) expect(i).toMatchObject({ status: "planned", createdBy: { id: tokens.get("mentor@demo")!.id }, overdue: false });
    const meetings = (await as("mentor@demo", `/api/users/${teacherId}/meetings`)).json();
    expect(meetings.meetings).toHaveLength(1);
    expect(meetings.meetings[0].mine).toBe(true);
  });

  it("teacher@demo sees their plan and mentor, and unread notifications of the pair, the items and the meeting", async () => {
    const plan = (await as("teacher@demo", `/api/users/${tokens.get("teacher@demo")!.id}/plan`)).json();
    expect(plan).toMatchObject({ mode: "own", mentor: { id: tokens.get("mentor@demo")!.id } });
    const notes = (await as("teacher@demo", "/api/me/notifications?unread=true")).json();
    expect(notes.items.map((n: { kind: string }) => n.kind).sort()).toEqual(["meeting-recorded", "mentor-assigned", "plan-item-added", "plan-item-added"]);
  });

  it("mentor@demo opens no one else's plan; the principal reads their teacher's", async () => {
    const other = await t.db.selectFrom("mentor_assignments as p").innerJoin("users as r", "r.id", "p.mentor_id").select("p.mentee_id")
      .where("p.ended_at", "is", null).where("r.login", "is distinct from", "mentor@demo").limit(1).executeTakeFirstOrThrow();
    expect((await as("mentor@demo", `/api/users/${other.mentee_id}/plan`)).statusCode).toBe(404);
    expect((await as("principal@demo", `/api/users/${tokens.get("teacher@demo")!.id}/plan`)).json().mode).toBe("read");
    const history = await as("methodologist@demo", `/api/users/${other.mentee_id}/plan/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().total).toBeGreaterThan(0);
  });
});
