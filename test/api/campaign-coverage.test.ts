// Campaigns: closing keeps every answer; coverage and the list of those still to test, within each viewer's scope; downloads.
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { isoDay, ruDate } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { campaignSteps } from "./campaign-steps.js";

const { t, freshRegion, call, create, openCampaign, count, mathAnswers } = campaignSteps();

describe("closing keeps every answer and takes no more", () => {
  freshRegion();

  it("refuses saving and submitting an attempt in progress, keeps what was stored, and shows the campaign as closed", async () => {
    const started = (await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json();
    const partial = mathAnswers(3);
    expect((await call("teacher", "PUT", `/api/attempts/${started.id}`, { data: partial, currentPage: 1 })).statusCode).toBe(200);
    const done = (await call("mentor", "POST", "/api/attempts", { instrumentId: "subject-math" })).json();
    const submitted = (await call("mentor", "POST", `/api/attempts/${done.id}/submit`, { data: mathAnswers(5) })).json();
    const stored = async (id: string) => t.db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const [inProgressBefore, submittedBefore] = [await stored(started.id), await stored(done.id)];

    const closed = await call("methodologist", "POST", "/api/campaigns/c1/close");
    expect(closed.json()).toMatchObject({ status: "closed", closedAt: expect.any(String) });

    const save = await call("teacher", "PUT", `/api/attempts/${started.id}`, { data: mathAnswers(8), currentPage: 2 });
    expect(save.statusCode).toBe(409);
    expect(save.json().error).toMatchObject({ code: "campaign_closed", message: expect.stringContaining("Мониторинг закрыт") });
    const submit = await call("teacher", "POST", `/api/attempts/${started.id}/submit`, { data: mathAnswers(8) });
    expect(submit.statusCode).toBe(409);
    expect(submit.json().error.code).toBe("campaign_closed");
    expect(await stored(started.id)).toEqual(inProgressBefore);
    expect(inProgressBefore.data).toEqual(expect.objectContaining(Object.fromEntries(Object.keys(partial).map((k) => [k, expect.anything()]))));
    expect(await stored(done.id)).toEqual(submittedBefore);
    expect((await call("mentor", "GET", `/api/attempts/${done.id}/result`)).json().score).toBe(submitted.result.score);

    expect((await call("teacher", "GET", "/api/instruments")).json()).toEqual([]);
    expect((await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json().error.code).toBe("no_active_campaign");
    const mine = (await call("teacher", "GET", "/api/me/assignments")).json();
    expect(mine).toEqual([{
      campaign: { id: "c1", title: "Входная диагностика", wave: "input", status: "closed", startsOn: isoDay(-30), endsOn: isoDay(60), inWindow: true },
      instrumentId: "subject-math", instrumentTitle: t.registry.get("subject-math")!.definition.title,
      attempt: { id: started.id, status: "in_progress" },
    }]);
    expect((await call("methodologist", "POST", "/api/campaigns/c1/close")).json().error.code).toBe("campaign_not_active");
    expect((await call("methodologist", "POST", "/api/campaigns/c1/open")).json().error.code).toBe("campaign_not_planned");
  });

  it("a campaign whose last day is past takes no more answers either, and says when it ended", async () => {
    const { id } = await create({ startsOn: isoDay(-5), endsOn: isoDay(5) });
    await openCampaign(id);
    const attempt = (await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json();
    expect(attempt.id).toBeDefined();
    await t.db.updateTable("campaigns").set({ ends_on: sql<string>`current_date - 1` }).where("id", "=", id).execute();
    const endsOn = (await call("methodologist", "GET", `/api/campaigns/${id}`)).json().endsOn;
    const res = await call("teacher", "PUT", `/api/attempts/${attempt.id}`, { data: mathAnswers(2), currentPage: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: "campaign_closed", message: expect.stringContaining(ruDate(endsOn)) });
  });
});

interface Counts { assigned: number; started: number; submitted: number }
type Coverage = Counts & {
  roles: { teachers: Counts; principals: Counts }; schools: { total: number; covered: number };
  municipalities: Array<Counts & { id: string; schools: { total: number; covered: number } }>;
  instruments: Array<Counts & { id: string; anonymous: boolean }>;
};

describe("coverage moves as people start and submit, within each viewer's scope", () => {
  freshRegion();
  const coverage = async (who: PersonKey = "methodologist", query = ""): Promise<Coverage> => {
    const res = await call(who, "GET", `/api/campaigns/c1/coverage${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const pending = async (who: PersonKey = "methodologist", query = "") => {
    const res = await call(who, "GET", `/api/campaigns/c1/pending${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; rows: Array<{ userId: string; instrumentId: string; municipalityId: string; schoolId: string; state: string; name: string }> };
  };
  const row = <T extends { id: string }>(rows: T[], id: string) => rows.find((r) => r.id === id)!;

  it("counts assigned, started and submitted before and after a teacher starts and submits", async () => {
    // Assigned: five teachers (four in m1: two at s-low, two mentors at s-high; one in m2) and two principals (s-low, s-other).
    const before = await coverage();
    expect(before).toMatchObject({
      campaignId: "c1", assigned: 7, started: 0, submitted: 0,
      roles: { teachers: { assigned: 5, started: 0, submitted: 0 }, principals: { assigned: 2, started: 0, submitted: 0 } },
      schools: { total: 3, covered: 0 },
    });
    expect(row(before.municipalities, "m1")).toMatchObject({ assigned: 5, started: 0, submitted: 0 });
    expect(row(before.municipalities, "m2")).toMatchObject({ assigned: 2, started: 0, submitted: 0 });
    expect(row(before.instruments, "subject-math")).toMatchObject({ assigned: 4, started: 0, submitted: 0, anonymous: false });
    expect(row(before.instruments, "subject-chemistry")).toMatchObject({ assigned: 0, started: 0, submitted: 0 });
    expect(row(before.instruments, "climate-teachers")).toMatchObject({ assigned: 0, anonymous: true });
    const pendingBefore = await pending();
    expect(pendingBefore.total).toBe(await count("campaign_assignments", "c1"));
    expect(pendingBefore.total).toBe(10);

    const attempt = (await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json();
    const afterStart = await coverage();
    expect(afterStart).toMatchObject({ assigned: 7, started: 1, submitted: 0, roles: { teachers: { started: 1, submitted: 0 } } });
    expect(row(afterStart.municipalities, "m1")).toMatchObject({ started: 1, submitted: 0 });
    expect(row(afterStart.municipalities, "m2")).toMatchObject({ started: 0 });
    expect(row(afterStart.instruments, "subject-math")).toMatchObject({ started: 1, submitted: 0 });
    const mine = (await pending("methodologist", "?limit=1000")).rows.filter((r) => r.userId === t.people.teacher.id);
    expect(mine).toEqual([expect.objectContaining({ instrumentId: "subject-math", state: "in_progress", schoolId: "s-low" })]);

    await call("teacher", "POST", `/api/attempts/${attempt.id}/submit`, { data: mathAnswers(4) });
    const afterSubmit = await coverage();
    expect(afterSubmit).toMatchObject({ assigned: 7, started: 1, submitted: 1, roles: { teachers: { submitted: 1 }, principals: { submitted: 0 } }, schools: { total: 3, covered: 1 } });
    expect(row(afterSubmit.municipalities, "m1")).toMatchObject({ submitted: 1, schools: { total: 2, covered: 1 } });
    expect(row(afterSubmit.instruments, "subject-math")).toMatchObject({ assigned: 4, started: 1, submitted: 1 });
    const schools = (await call("methodologist", "GET", "/api/campaigns/c1/coverage/schools")).json();
    expect(row(schools, "s-low")).toMatchObject({ municipalityId: "m1", assigned: 3, started: 1, submitted: 1, lowResults: true });
    const pendingAfter = await pending("methodologist", "?limit=1000");
    expect(pendingAfter.total).toBe(9);
    expect(pendingAfter.rows.some((r) => r.userId === t.people.teacher.id)).toBe(false);
  });

  it("pages the list of those still to test, and filters it by municipality and school", async () => {
    const all = await pending("methodologist", "?limit=1000");
    const first = await pending("methodologist", "?limit=4&offset=0");
    const second = await pending("methodologist", "?limit=4&offset=4");
    expect(first.total).toBe(all.total);
    expect([...first.rows, ...second.rows]).toEqual(all.rows.slice(0, 8));
    const m2 = await pending("methodologist", "?municipalityId=m2");
    expect(m2.rows.length).toBe(m2.total);
    expect(m2.rows.every((r) => r.municipalityId === "m2")).toBe(true);
    expect(m2.total).toBe(all.rows.filter((r) => r.municipalityId === "m2").length);
    const high = await pending("methodologist", "?schoolId=s-high");
    expect(high.rows.map((r) => r.userId).sort()).toEqual([t.people.mentor.id, t.people.otherMentor.id].sort());
    expect((await call("methodologist", "GET", "/api/campaigns/c1/pending?limit=0")).statusCode).toBe(400);
  });

  it("a coordinator sees their municipality only, in coverage, schools and the list, and 404 for another", async () => {
    const mine = await coverage("municipal");
    expect(mine.municipalities.map((m) => m.id)).toEqual(["m1"]);
    expect(mine.assigned).toBe(row(mine.municipalities, "m1").assigned);
    expect(mine.assigned).toBe(5);
    expect((await call("municipal", "GET", "/api/campaigns/c1/coverage/schools")).json().map((s: { id: string }) => s.id).sort()).toEqual(["s-high", "s-low"]);
    const list = await pending("municipal", "?limit=1000");
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.municipalityId === "m1")).toBe(true);
    // Asking for a school elsewhere finds nothing of it.
    expect((await pending("municipal", "?schoolId=s-other")).total).toBe(0);
    for (const path of ["/coverage", "/coverage/schools", "/pending", "/pending/export"]) {
      const res = await call("municipal", "GET", `/api/campaigns/c1${path}?municipalityId=m2`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code).toBe("municipality_not_found");
    }
    expect((await coverage("municipalElsewhere")).municipalities.map((m) => m.id)).toEqual(["m2"]);
  });

  it("a coordinator lists only the campaigns that cover their municipality", async () => {
    const m1Only = await create({ municipalityIds: ["m1"] });
    const schoolInM2 = await create({ schoolIds: ["s-other"] });
    const m2Only = await create({ municipalityIds: ["m2"] });
    const ids = async (who: PersonKey) => (await call(who, "GET", "/api/campaigns")).json().map((c: { id: string }) => c.id).sort();
    expect(await ids("municipalElsewhere")).toEqual(["c1", schoolInM2.id, m2Only.id].sort());
    expect(await ids("municipal")).toEqual(["c1", m1Only.id].sort());
    expect(await ids("methodologist")).toEqual(["c1", m1Only.id, schoolInM2.id, m2Only.id].sort());
  });
});

describe("the list of those still to test, downloaded", () => {
  freshRegion();
  const formulaName = '=HYPERLINK("http://example.com","нажмите")';
  beforeAll(async () => {
    await t.db.updateTable("users").set({ full_name: formulaName }).where("id", "=", t.people.teacherElsewhere.id).execute();
    const attempt = (await call("teacher", "POST", "/api/attempts", { instrumentId: "subject-math" })).json();
    await call("teacher", "POST", `/api/attempts/${attempt.id}/submit`, { data: {} });
  });

  it("as XLSX: one row per person and instrument not submitted, with the school and its state", async () => {
    const res = await call("methodologist", "GET", "/api/campaigns/c1/pending/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    const header = Array.from(sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["Муниципалитет", "Школа", "Телефон школы", "ФИО", "Должность", "E-mail", "Инструмент", "Состояние"]);
    const rows: string[][] = [];
    sheet.eachRow((r, n) => { if (n > 1) rows.push(Array.from(r.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)))); });
    const list = (await call("methodologist", "GET", "/api/campaigns/c1/pending?limit=1000")).json();
    expect(rows).toHaveLength(list.total);
    expect(rows).toHaveLength(9);
    const keys = rows.map((r) => `${r[3]}|${r[6]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.some((r) => r[3] === "Тест teacher")).toBe(false);
    expect(rows.filter((r) => r[3] === "Тест principal").map((r) => r[7])).toEqual(["не начат", "не начат"]);
    // A name that looks like a formula is plain text in the workbook, never a formula.
    const cell = sheet.getColumn(4).values.findIndex((v) => v === formulaName);
    expect(cell).toBeGreaterThan(1);
    expect(sheet.getRow(cell).getCell(4).type).toBe(ExcelJS.ValueType.String);

    const municipal = await call("municipal", "GET", "/api/campaigns/c1/pending/export");
    const own = new ExcelJS.Workbook();
    await own.xlsx.load(municipal.rawPayload as never);
    const munis = new Set<string>();
    own.worksheets[0]!.eachRow((r, n) => { if (n > 1) munis.add(String(r.getCell(1).value)); });
    expect([...munis]).toEqual(["Первый район"]);
  });

  it("as CSV for Excel: BOM, semicolons, and a formula-looking name neutralised", async () => {
    const res = await call("admin", "GET", "/api/campaigns/c1/pending/export?format=csv&municipalityId=m2");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.startsWith("\ufeff\"Муниципалитет\";\"Школа\"")).toBe(true);
    const lines = res.body.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3); // teacherElsewhere: math; principalElsewhere: leader, conditions
    const line = lines.find((l) => l.includes("HYPERLINK"))!;
    expect(line).toContain(`"'=HYPERLINK(""http://example.com"",""нажмите"")"`);
    expect(line.split(";")[0]).toBe('"Второй район"');
  });
});
