// Campaigns: who may call each route, planning with validation, opening (assignments, conflicts between running campaigns, windows).
import type { InjectOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { isoDay, ruDate } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { campaignSteps } from "./campaign-steps.js";

const { t, freshRegion, call, plan, create, openCampaign, closeC1, count, snapshot } = campaignSteps();

const EVERYONE: Array<PersonKey | null> = ["teacher", "principal", "mentor", "municipal", "municipalElsewhere", "methodologist", "admin", null];
const USERS: PersonKey[] = ["teacher", "principal", "mentor", "municipal", "municipalElsewhere", "methodologist", "admin"];
const READERS: PersonKey[] = ["municipal", "municipalElsewhere", "methodologist", "admin"];
const WRITERS: PersonKey[] = ["methodologist", "admin"];

interface RouteSpec {
  route: string;
  allowed: PersonKey[];
  status: number;
  writes: boolean;
  /** The request, prepared afresh for every caller (a planned campaign to delete, a running one to close…). */
  request: () => Promise<InjectOptions>;
}

const climateOnly = { instrumentIds: ["climate-teachers"] };
const ROUTES: RouteSpec[] = [
  { route: "GET /api/campaigns", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns" }) },
  { route: "GET /api/campaigns/instruments", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/instruments" }) },
  { route: "POST /api/campaigns", allowed: WRITERS, status: 201, writes: true, request: async () => ({ method: "POST", url: "/api/campaigns", payload: plan() }) },
  { route: "GET /api/campaigns/:id", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/c1" }) },
  {
    route: "PATCH /api/campaigns/:id", allowed: WRITERS, status: 200, writes: true,
    request: async () => ({ method: "PATCH", url: `/api/campaigns/${(await create()).id}`, payload: { title: "Новое название кампании" } }),
  },
  { route: "DELETE /api/campaigns/:id", allowed: WRITERS, status: 204, writes: true, request: async () => ({ method: "DELETE", url: `/api/campaigns/${(await create()).id}` }) },
  { route: "POST /api/campaigns/:id/open", allowed: WRITERS, status: 200, writes: true, request: async () => ({ method: "POST", url: `/api/campaigns/${(await create(climateOnly)).id}/open` }) },
  {
    route: "POST /api/campaigns/:id/close", allowed: WRITERS, status: 200, writes: true,
    request: async () => {
      const { id } = await create(climateOnly);
      await openCampaign(id);
      return { method: "POST", url: `/api/campaigns/${id}/close` };
    },
  },
  { route: "GET /api/campaigns/:id/coverage", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/c1/coverage" }) },
  { route: "GET /api/campaigns/:id/coverage/schools", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/c1/coverage/schools" }) },
  { route: "GET /api/campaigns/:id/pending", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/c1/pending?limit=5" }) },
  { route: "GET /api/campaigns/:id/pending/export", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/campaigns/c1/pending/export?format=csv" }) },
  { route: "GET /api/me/assignments", allowed: USERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/me/assignments" }) },
  { route: "GET /api/municipalities", allowed: READERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/municipalities" }) },
  { route: "GET /api/schools", allowed: USERS, status: 200, writes: false, request: async () => ({ method: "GET", url: "/api/schools" }) },
];

describe("who may call each route", () => {
  freshRegion();
  for (const spec of ROUTES) {
    describe(spec.route, () => {
      it.each(EVERYONE.map((who) => [who ?? "no token", who] as const))("%s", async (_label, who) => {
        const options = await spec.request();
        const before = spec.writes ? await snapshot() : undefined;
        const res = await t.as(who, options);
        const expected = who === null ? 401 : spec.allowed.includes(who) ? spec.status : 403;
        expect(res.statusCode, res.body).toBe(expected);
        if (expected >= 400) {
          expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[а-яё]/i) });
          if (before) expect(await snapshot()).toEqual(before);
        }
      });
    });
  }

  it("a coordinator of another municipality gets 404 for a campaign that does not cover it, on every read", async () => {
    const { id } = await create({ municipalityIds: ["m1"] });
    for (const path of ["", "/coverage", "/coverage/schools", "/pending", "/pending/export"]) {
      const res = await call("municipalElsewhere", "GET", `/api/campaigns/${id}${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code).toBe("campaign_not_found");
      expect((await call("municipal", "GET", `/api/campaigns/${id}${path}`)).statusCode, path).toBe(200);
    }
  });

  it("an unknown campaign is 404 for staff", async () => {
    for (const path of ["", "/coverage", "/pending"]) expect((await call("methodologist", "GET", `/api/campaigns/nope${path}`)).statusCode).toBe(404);
    expect((await call("admin", "POST", "/api/campaigns/nope/open")).statusCode).toBe(404);
  });

  it("the instruments route lists the whole library for the campaign form, grouped by kind", async () => {
    const list = (await call("methodologist", "GET", "/api/campaigns/instruments")).json() as Array<{ id: string; kind: string; anonymous: boolean; title: string }>;
    expect(list.map((i) => i.id).sort()).toEqual(t.registry.all().map((i) => i.definition.id).sort());
    const kinds = list.map((i) => i.kind);
    expect(kinds.indexOf("climate")).toBeGreaterThan(kinds.lastIndexOf("subject-test"));
    expect(list.find((i) => i.id === "subject-math")).toMatchObject({ kind: "subject-test", subject: "math", anonymous: false });
    expect(list.find((i) => i.id === "climate-teachers")).toMatchObject({ kind: "climate", anonymous: true });
  });

  it("places: staff see every municipality and school, a coordinator their own, a teacher their school", async () => {
    expect((await call("methodologist", "GET", "/api/municipalities")).json().map((m: { id: string }) => m.id).sort()).toEqual(["m1", "m2"]);
    expect((await call("municipal", "GET", "/api/municipalities")).json().map((m: { id: string }) => m.id)).toEqual(["m1"]);
    expect((await call("admin", "GET", "/api/schools")).json().map((s: { id: string }) => s.id).sort()).toEqual(["s-high", "s-low", "s-other"]);
    expect((await call("methodologist", "GET", "/api/schools?municipalityId=m2")).json().map((s: { id: string }) => s.id)).toEqual(["s-other"]);
    expect((await call("municipal", "GET", "/api/schools")).json().map((s: { id: string }) => s.id).sort()).toEqual(["s-high", "s-low"]);
    expect((await call("municipal", "GET", "/api/schools?municipalityId=m2")).json()).toEqual([]);
    expect((await call("teacher", "GET", "/api/schools")).json().map((s: { id: string }) => s.id)).toEqual(["s-low"]);
  });
});

describe("planning a campaign", () => {
  freshRegion();
  beforeAll(async () => {
    await t.db.insertInto("regions").values({ id: "r2", name: "Соседняя область" }).execute();
    await t.db.insertInto("municipalities").values({ id: "m9", region_id: "r2", name: "Чужой район" }).execute();
    await t.db.insertInto("schools").values({ id: "s-far", municipality_id: "m9", name: "Школа чужой области", short_name: "СОШ № 9", clusters: [] }).execute();
  });

  it("creates a planned campaign with its instruments, scope and targets", async () => {
    const created = await create({
      wave: "final", instrumentIds: ["subject-math", "leader-competency"], municipalityIds: ["m2"], schoolIds: ["s-low"],
      targets: { teachers: 1100, principals: 94, schoolShare: 0.6 },
    });
    expect(created).toMatchObject({
      status: "planned", wave: "final", instrumentIds: ["leader-competency", "subject-math"], municipalityIds: ["m2"], schoolIds: ["s-low"],
      targets: { teachers: 1100, principals: 94, schoolShare: 0.6 }, inWindow: true, startsOn: isoDay(0), endsOn: isoDay(30),
    });
    expect(created.openedAt).toBeUndefined();
    expect(await count("campaign_assignments", created.id)).toBe(0);
    expect((await call("methodologist", "GET", `/api/campaigns/${created.id}`)).json()).toEqual(created);
    expect((await call("admin", "GET", "/api/campaigns")).json().map((c: { id: string }) => c.id)).toContain(created.id);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ["a missing title", { title: undefined }, "invalid_input"],
    ["a title of two letters", { title: "ab" }, "invalid_input"],
    ["an unknown wave", { wave: "midterm" }, "invalid_input"],
    ["no instruments", { instrumentIds: [] }, "invalid_input"],
    ["an end before the start", { startsOn: isoDay(10), endsOn: isoDay(9) }, "invalid_dates"],
    ["a date that is not one", { startsOn: "2026-02-30x" }, "invalid_input"],
    ["an unknown instrument", { instrumentIds: ["subject-math", "subject-astrology"] }, "unknown_instrument"],
    ["an unknown municipality", { municipalityIds: ["m1", "m404"] }, "unknown_municipality"],
    ["a municipality of another region", { municipalityIds: ["m9"] }, "unknown_municipality"],
    ["an unknown school", { schoolIds: ["s-none"] }, "unknown_school"],
    ["a school of another region", { schoolIds: ["s-far"] }, "unknown_school"],
    ["an extra field", { status: "active" }, "invalid_input"],
    ["a target share over 100%", { targets: { schoolShare: 1.5 } }, "invalid_input"],
  ];
  it.each(invalid)("refuses %s with 400 and writes nothing", async (_name, overrides, code) => {
    const before = await snapshot();
    const body = plan(overrides);
    if (overrides.title === undefined && "title" in overrides) delete (body as Record<string, unknown>).title;
    const res = await call("methodologist", "POST", "/api/campaigns", body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code, message: expect.stringMatching(/[а-яё]/i) } });
    expect(await snapshot()).toEqual(before);
  });

  it("names the unknown instrument in the message", async () => {
    const res = await call("methodologist", "POST", "/api/campaigns", plan({ instrumentIds: ["subject-astrology"] }));
    expect(res.json().error.message).toContain("subject-astrology");
  });

  it("a planned campaign may be changed (dates, scope, targets) and deleted; bad changes are refused and change nothing", async () => {
    const { id } = await create({ municipalityIds: ["m1"] });
    const changed = await call("admin", "PATCH", `/api/campaigns/${id}`, { municipalityIds: ["m2"], schoolIds: [], endsOn: isoDay(45), targets: { teachers: 10 } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ municipalityIds: ["m2"], schoolIds: [], endsOn: isoDay(45), targets: { teachers: 10 }, title: "Промежуточная диагностика" });

    const before = await snapshot();
    const bad = await call("methodologist", "PATCH", `/api/campaigns/${id}`, { startsOn: isoDay(50) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_dates");
    expect((await call("methodologist", "PATCH", `/api/campaigns/${id}`, { municipalityIds: ["m9"] })).statusCode).toBe(400);
    expect((await call("methodologist", "PATCH", `/api/campaigns/${id}`, { owner: "me" })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect((await call("methodologist", "GET", `/api/campaigns/${id}`)).json().municipalityIds).toEqual(["m2"]);

    expect((await call("methodologist", "DELETE", `/api/campaigns/${id}`)).statusCode).toBe(204);
    expect((await call("methodologist", "GET", `/api/campaigns/${id}`)).statusCode).toBe(404);
    expect(await count("campaign_municipalities", id)).toBe(0);
  });

  it("a running or closed campaign can be neither changed nor deleted (409), and stays as it was", async () => {
    const before = await snapshot();
    for (const [method, payload] of [["PATCH", { title: "Другое название" }], ["DELETE", undefined]] as const) {
      const res = await call("methodologist", method, "/api/campaigns/c1", payload);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: "campaign_not_planned", message: expect.stringMatching(/[а-яё]/i) });
    }
    expect(await snapshot()).toEqual(before);
    await closeC1();
    expect((await call("admin", "PATCH", "/api/campaigns/c1", { title: "Другое название" })).statusCode).toBe(409);
    expect((await call("admin", "DELETE", "/api/campaigns/c1")).statusCode).toBe(409);
    expect((await call("admin", "GET", "/api/campaigns/c1")).json()).toMatchObject({ title: "Входная диагностика", status: "closed" });
  });
});

describe("opening: assignments, conflicts between running campaigns, windows", () => {
  freshRegion();
  beforeAll(closeC1);

  const assigned = async (campaignId: string) =>
    (await t.db.selectFrom("campaign_assignments").select(["user_id", "instrument_id", "school_id", "municipality_id", "active"])
      .where("campaign_id", "=", campaignId).orderBy("instrument_id").execute());

  it("assigns everyone in scope who may take an instrument, and nobody outside it", async () => {
    const { id } = await create({ municipalityIds: ["m2"], instrumentIds: ["subject-math", "leader-competency", "climate-teachers"] });
    const opened = await openCampaign(id);
    expect(opened).toMatchObject({ status: "active", openedAt: expect.any(String) });
    expect(await assigned(id)).toEqual([
      { user_id: t.people.principalElsewhere.id, instrument_id: "leader-competency", school_id: "s-other", municipality_id: "m2", active: true },
      { user_id: t.people.teacherElsewhere.id, instrument_id: "subject-math", school_id: "s-other", municipality_id: "m2", active: true },
    ]);
    // The teacher in m1 is not assigned, so cannot start it; the one in m2 can.
    expect((await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json().error.code).toBe("no_active_campaign");
    expect((await call("teacherElsewhere", "POST", "/api/attempts", { instrumentId: "subject-math" })).statusCode).toBe(201);
    expect((await call("methodologist", "POST", `/api/campaigns/${id}/open`)).json().error.code).toBe("campaign_not_planned");
    await call("methodologist", "POST", `/api/campaigns/${id}/close`);
  });

  it("a chosen school brings in its people only", async () => {
    const { id } = await create({ schoolIds: ["s-high"] });
    await openCampaign(id);
    expect((await assigned(id)).map((a) => a.user_id).sort()).toEqual([t.people.mentor.id, t.people.otherMentor.id].sort());
    await call("methodologist", "POST", `/api/campaigns/${id}/close`);
  });

  it("a second campaign holding the same instrument for the same people cannot open while the first runs, and can once it is closed", async () => {
    const first = await create({ title: "Математика, весь регион" });
    await openCampaign(first.id);
    const second = await create({ title: "Математика, первый район", municipalityIds: ["m1"] });
    const before = await snapshot();
    const refused = await call("admin", "POST", `/api/campaigns/${second.id}/open`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("assignment_conflict");
    // The message names the campaign in the way and how many people it holds (teacher, mentor, otherMentor).
    expect(refused.json().error.message).toContain("«Математика, весь регион» (3 чел.)");
    expect(await snapshot()).toEqual(before);
    expect((await call("admin", "GET", `/api/campaigns/${second.id}`)).json()).toMatchObject({ status: "planned" });

    expect((await call("methodologist", "POST", `/api/campaigns/${first.id}/close`)).statusCode).toBe(200);
    await openCampaign(second.id);
    expect((await assigned(second.id)).map((a) => a.user_id).sort()).toEqual([t.people.teacher.id, t.people.mentor.id, t.people.otherMentor.id].sort());
    // The first campaign's assignments are kept, inactive.
    expect((await assigned(first.id)).every((a) => !a.active)).toBe(true);
    expect((await assigned(first.id))).toHaveLength(4);
    await call("methodologist", "POST", `/api/campaigns/${second.id}/close`);
  });

  it("of two campaigns over the same people opened at the same moment, one opens whole and the other is refused whole", async () => {
    const a = await create({ title: "Первая" });
    const b = await create({ title: "Вторая", municipalityIds: ["m1"] });
    const results = await Promise.all([a, b].map((c) => call("methodologist", "POST", `/api/campaigns/${c.id}/open`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [winner, loser] = results[0]!.statusCode === 200 ? [a, b] : [b, a];
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe("assignment_conflict");
    expect((await call("methodologist", "GET", `/api/campaigns/${loser.id}`)).json().status).toBe("planned");
    expect(await count("campaign_assignments", loser.id)).toBe(0);
    expect(await count("campaign_assignments", winner.id)).toBeGreaterThan(0);
    await call("methodologist", "POST", `/api/campaigns/${winner.id}/close`);
  });

  it("two running campaigns with different instruments coexist, each reaching its own people", async () => {
    const math = await create({ title: "Математика" });
    const language = await create({ title: "Русский язык и литература", instrumentIds: ["subject-russian", "subject-literature"] });
    await openCampaign(math.id);
    await openCampaign(language.id);
    const running = (await call("methodologist", "GET", "/api/campaigns")).json().filter((c: { status: string }) => c.status === "active");
    expect(running.map((c: { id: string }) => c.id).sort()).toEqual([math.id, language.id].sort());
    const forTeacher = (await call("teacher", "GET", "/api/instruments")).json();
    expect(forTeacher.map((i: { id: string; campaign: { id: string } }) => [i.id, i.campaign.id])).toEqual([["subject-math", math.id]]);
    const forRussian = (await call("teacherRussian", "GET", "/api/instruments")).json();
    expect(forRussian.map((i: { id: string; campaign: { id: string } }) => [i.id, i.campaign.id]).sort()).toEqual([["subject-literature", language.id], ["subject-russian", language.id]]);
    await call("methodologist", "POST", `/api/campaigns/${math.id}/close`);
    await call("methodologist", "POST", `/api/campaigns/${language.id}/close`);
  });

  it("a campaign whose window is over cannot open", async () => {
    const { id } = await create({ startsOn: isoDay(-20), endsOn: isoDay(-1) });
    const before = await snapshot();
    const res = await call("methodologist", "POST", `/api/campaigns/${id}/open`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: "window_over", message: expect.stringContaining(ruDate(isoDay(-1))) });
    expect(await snapshot()).toEqual(before);
  });

  it("an assignment whose window has not started refuses the attempt with the dates in Russian", async () => {
    const startsOn = isoDay(10);
    const endsOn = isoDay(40);
    const { id } = await create({ title: "Итоговая диагностика", wave: "final", startsOn, endsOn });
    const opened = await openCampaign(id);
    expect(opened.inWindow).toBe(false);
    const res = await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("outside_window");
    expect(res.json().error.message).toContain(`с ${ruDate(startsOn)} по ${ruDate(endsOn)}`);
    expect(await t.db.selectFrom("attempts").select("id").where("campaign_id", "=", id).execute()).toEqual([]);
    // The home page sees it assigned, with its window not yet open.
    const mine = (await call("teacher", "GET", "/api/me/assignments")).json();
    expect(mine.find((a: { campaign: { id: string } }) => a.campaign.id === id)).toMatchObject({ instrumentId: "subject-math", campaign: { status: "active", inWindow: false } });
  });
});
