// Shared steps of the campaign API tests: a fresh region per block, calls as a person, planning and opening, what was written.
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

export type Table = "campaigns" | "campaign_instruments" | "campaign_assignments" | "campaign_municipalities" | "campaign_schools";

/** The steps, bound to the test file's own app: `t` always reads the app of the block that is running. */
export function campaignSteps() {
  let current: TestContext | undefined;
  const app = () => {
    if (!current) throw new Error("freshRegion() must run before the tests");
    return current;
  };
  const t = {
    get db() { return app().db; },
    get people() { return app().people; },
    get registry() { return app().registry; },
    as: (...args: Parameters<TestContext["as"]>) => app().as(...args),
  };

  /** Each block starts from the fixtures: c1 running region-wide with every instrument, everyone assigned. */
  function freshRegion() {
    beforeAll(async () => { current = await setupTestApp(); });
    afterAll(async () => { await current?.close(); current = undefined; });
  }

  const call = (who: PersonKey | null, method: InjectOptions["method"], url: string, payload?: unknown) =>
    t.as(who, { method, url, ...(payload !== undefined ? { payload: payload as InjectOptions["payload"] } : {}) });

  const plan = (overrides: Record<string, unknown> = {}) => ({
    title: "Промежуточная диагностика", wave: "intermediate", instrumentIds: ["subject-math"], startsOn: isoDay(0), endsOn: isoDay(30), ...overrides,
  });

  async function create(overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string } & Record<string, unknown>> {
    const res = await call("methodologist", "POST", "/api/campaigns", plan(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function openCampaign(id: string) {
    const res = await call("methodologist", "POST", `/api/campaigns/${id}/open`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const closeC1 = async () => expect((await call("methodologist", "POST", "/api/campaigns/c1/close")).statusCode).toBe(200);

  async function count(table: Table, campaignId?: string) {
    let query = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
    if (campaignId) query = query.where(table === "campaigns" ? "id" : "campaign_id", "=", campaignId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /** What a refused write must leave alone: every campaign, its scope, and every assignment. */
  async function snapshot() {
    const campaigns = await t.db.selectFrom("campaigns").select(["id", "title", "status", "starts_on", "ends_on"]).orderBy("id").execute();
    const active = await t.db.selectFrom("campaign_assignments").select((eb) => eb.fn.countAll<number>().as("n")).where("active", "=", true).executeTakeFirstOrThrow();
    return {
      campaigns, instruments: await count("campaign_instruments"), assignments: await count("campaign_assignments"), active: Number(active.n),
      municipalities: await count("campaign_municipalities"), schools: await count("campaign_schools"),
    };
  }

  /** The key's own answers to the first `n` items of the mathematics test. */
  function mathAnswers(n: number): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const item of t.registry.get("subject-math")!.answerKey.items.slice(0, n)) {
      const r = item.rule;
      data[item.name] = r.kind === "choice" ? r.value : r.kind === "set" || r.kind === "order" ? r.values : r.kind === "matching" ? r.pairs : r.kind === "text" ? r.accepted[0] : undefined;
    }
    return data;
  }

  return { t, freshRegion, call, plan, create, openCampaign, closeC1, count, snapshot, mathAnswers };
}
