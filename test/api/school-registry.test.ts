// The region registry and GET /api/schools through the API: who sees what, filters, coverage, climate suppression, the export.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { csvFile, multipart, SCHOOLS_HEADER } from "../fixtures/import-files.js";
import { seedSchoolWorld, submitAs } from "./school-steps.js";

let t: TestContext;

beforeAll(async () => {
  t = await setupTestApp();
  await seedSchoolWorld(t);
}, 240_000);
afterAll(async () => { await t.close(); });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const get = (who: PersonKey | null, url: string) => t.as(who, { method: "GET", url });
const registry = async (who: PersonKey, query = ""): Promise<Json> => {
  const res = await get(who, `/api/schools/registry${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ids = (r: Json) => (r.schools as Json[]).map((s) => s.schoolId).sort();
const row = (r: Json, id: string) => (r.schools as Json[]).find((s) => s.schoolId === id)!;

async function sheetRows(buffer: Buffer): Promise<Array<Record<string, unknown>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((r, n) => { if (n > 1) out.push(Object.fromEntries(header.map((h, i) => [h, r.getCell(i + 1).value]))); });
  return out;
}

describe("who reaches the registry and its export", () => {
  it.each(["teacher", "teacherRussian", "principal", "principalElsewhere", "mentor"] as PersonKey[])("%s gets 403 on both", async (who) => {
    expect((await get(who, "/api/schools/registry")).statusCode).toBe(403);
    expect((await get(who, "/api/schools/registry/export")).statusCode).toBe(403);
  });

  it("without a token both answer 401", async () => {
    expect((await get(null, "/api/schools/registry")).statusCode).toBe(401);
    expect((await get(null, "/api/schools/registry/export")).statusCode).toBe(401);
  });

  it.each(["methodologist", "admin"] as PersonKey[])("%s sees every school of the region, or one municipality's", async (who) => {
    expect(ids(await registry(who))).toEqual(["s-high", "s-low", "s-other"]);
    expect(ids(await registry(who, "?municipalityId=m2"))).toEqual(["s-other"]);
  });

  it("a coordinator sees their municipality's schools only; another municipality is 404 in the list and the export", async () => {
    expect(ids(await registry("municipal"))).toEqual(["s-high", "s-low"]);
    expect(ids(await registry("municipalElsewhere"))).toEqual(["s-other"]);
    for (const url of ["/api/schools/registry?municipalityId=m2", "/api/schools/registry/export?municipalityId=m2"]) {
      const res = await get("municipal", url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("municipality_not_found");
    }
  });

  it("an unknown municipality is 404; an unknown cluster, risk, level or parameter is 400 in Russian", async () => {
    expect((await get("methodologist", "/api/schools/registry?municipalityId=m9")).statusCode).toBe(404);
    for (const query of ["?cluster=nope", "?risk=nope", "?level=severe", "?sort=rank"]) {
      const res = await get("methodologist", `/api/schools/registry${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message).toMatch(/^Неверные данные \(параметры запроса\)/);
    }
    expect((await get("methodologist", "/api/schools/registry/export?format=pdf")).statusCode).toBe(400);
  });
});

describe("what each row holds", () => {
  it("the index and rank, the clusters and the risks, as the school's facts give them", async () => {
    const r = await registry("methodologist");
    expect(r.schools.map((s: Json) => s.schoolId)).toEqual(["s-other", "s-high", "s-low"]);
    for (const s of r.schools as Json[]) {
      const facts = (await get("methodologist", `/api/schools/${s.schoolId}/facts`)).json();
      expect(s.index).toEqual({ value: facts.index.value, rank: facts.index.rank, of: 3, scaled: facts.index.scaled });
      expect(s.clusters).toEqual(facts.clusters.map((c: Json) => c.code));
      expect(s.risks).toEqual(facts.risks.map((x: Json) => ({ id: x.id, level: x.level })));
    }
  });

  it("coverage of the running campaign agrees with the campaign's own per-school figures", async () => {
    const r = await registry("methodologist");
    expect(r.campaigns).toEqual([{ id: "c1", title: "Входная диагностика" }]);
    const bySchool = (await get("methodologist", "/api/campaigns/c1/coverage/schools")).json() as Json[];
    expect(bySchool.map((s) => s.id).sort()).toEqual(["s-high", "s-low", "s-other"]);
    for (const s of bySchool) expect(row(r, s.id).coverage, s.id).toEqual({ assigned: s.assigned, started: s.started, submitted: s.submitted });
    expect(row(r, "s-low").coverage).toEqual({ assigned: 3, started: 3, submitted: 2 });
  });

  it("filters by cluster, by risk (medium or high), by risk and level, and by level alone", async () => {
    expect(ids(await registry("methodologist", "?cluster=low-results"))).toEqual(["s-low"]);
    expect(ids(await registry("methodologist", "?cluster=special-needs"))).toEqual(["s-high", "s-low"]);
    expect(ids(await registry("methodologist", "?risk=teacher-competence"))).toEqual(["s-low"]);
    expect(ids(await registry("methodologist", "?risk=teacher-competence&level=unknown"))).toEqual(["s-high", "s-other"]);
    expect(ids(await registry("methodologist", "?risk=failure-risk&level=low"))).toEqual(["s-high", "s-other"]);
    const anyUnknown = await registry("methodologist", "?level=unknown");
    for (const s of anyUnknown.schools as Json[]) expect(s.risks.some((x: Json) => x.level === "unknown")).toBe(true);
    expect(ids(await registry("municipal", "?cluster=special-needs&risk=failure-risk"))).toEqual(["s-low"]);
  });
});

describe("climate in the registry: no hidden figure, whichever part is shown", () => {
  it("respondents per audience; a group below the threshold and its complement show no figure, a shown one its favourable share", async () => {
    const r = await registry("methodologist");
    expect(row(r, "s-low").climate.audiences).toEqual([
      { audience: "teacher", respondents: 3, suppressed: true }, { audience: "student", respondents: 6, suppressed: false }, { audience: "parent", respondents: 0, suppressed: true },
    ]);
    // s-high's six teachers would be enough alone; shown, they would let the region's figure minus s-other reveal s-low's three.
    expect(row(r, "s-high").climate).toEqual({
      audiences: [{ audience: "teacher", respondents: 6, suppressed: true }, { audience: "student", respondents: 0, suppressed: true }, { audience: "parent", respondents: 0, suppressed: true }],
      scales: 0, favourable: 0, favourableShare: null,
    });
    const other = row(r, "s-other").climate;
    expect(other.audiences[0]).toEqual({ audience: "teacher", respondents: 7, suppressed: false });
    expect(other.scales).toBeGreaterThan(0);
    expect(other.favourableShare).toBe(Math.round((1000 * other.favourable) / other.scales) / 10);
  });

  it("the subtraction attack across the municipality: filtered to m1 (s-low and s-high), s-high still shows nothing", async () => {
    for (const [who, query] of [["methodologist", "?municipalityId=m1"], ["municipal", ""], ["municipal", "?cluster=special-needs"]] as Array<[PersonKey, string]>) {
      const r = await registry(who, query);
      expect(row(r, "s-high").climate.favourableShare, `${who}${query}`).toBeNull();
      expect(row(r, "s-high").climate.audiences[0].suppressed).toBe(true);
      expect(row(r, "s-low").climate.audiences[0].suppressed).toBe(true);
    }
    // The coordinator's climate overview of m1 agrees: suppression is decided once, over the region.
    const overview = (await get("municipal", "/api/climate/schools")).json();
    const teachers = (id: string) => overview.schools.find((s: Json) => s.schoolId === id).groups.find((g: Json) => g.audience === "teacher");
    expect([teachers("s-low").suppressed, teachers("s-high").suppressed]).toEqual([true, true]);
  });

  it("the XLSX export: the rows asked for, levels in words, and no figure for a hidden group", async () => {
    const res = await get("methodologist", "/api/schools/registry/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("Реестр школ.xlsx");
    const rows = await sheetRows(res.rawPayload);
    expect(rows.map((x) => x["Школа"])).toEqual(["Школа другого района", "Школа с высокими результатами", "Школа с низкими результатами"]);
    const high = rows.find((x) => x["Школа"] === "Школа с высокими результатами")!;
    expect(high["Климат: доля благоприятных шкал, %"]).toBeNull();
    expect(high["Климат: ответили (педагоги)"]).toBe(6);
    expect(high["Примечание о климате"]).toBe("Результаты скрыты (педагоги): меньше 5 ответов или скрыто, чтобы малую группу нельзя было вычислить");
    expect(high["Недостаточная предметная и методическая компетентность педагогов"]).toBe("нет данных");
    const low = rows.find((x) => x["Школа"] === "Школа с низкими результатами")!;
    expect(low["Кластеры"]).toBe("Низкие результаты обучения (НОР); Обучающиеся с ОВЗ; Проблемы преподавания математики; Проблемы преподавания русского языка");
    expect(low["Место в регионе"]).toBe("3 из 3");
    expect(low["Прошли все"]).toBe(2);
    const other = rows.find((x) => x["Школа"] === "Школа другого района")!;
    expect(typeof other["Климат: доля благоприятных шкал, %"]).toBe("number");
  });

  it("the CSV export as a coordinator: their municipality only, filters applied, hidden groups blank", async () => {
    const res = await get("municipal", "/api/schools/registry/export?format=csv&cluster=special-needs");
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("Реестр школ — Первый район.csv");
    const lines = res.body.replace(/^\ufeff/, "").trim().split("\r\n").map((l) => l.split(";").map((c) => c.replace(/^"|"$/g, "")));
    const header = lines[0]!;
    const favourable = header.indexOf("Климат: доля благоприятных шкал, %");
    expect(lines.slice(1).map((l) => l[1])).toEqual(["Школа с высокими результатами", "Школа с низкими результатами"]);
    const high = lines.find((l) => l[1] === "Школа с высокими результатами")!;
    expect(high[favourable]).toBe("");
  });
});

describe("GET /api/schools: the clusters the rules assign", () => {
  it("the codes of the assigned clusters, a superset of the region's own list, in the programme's order", async () => {
    const all = (await get("methodologist", "/api/schools")).json() as Json[];
    const clusters = Object.fromEntries(all.map((s) => [s.id, s.clusters]));
    expect(clusters).toEqual({
      "s-low": ["low-results", "special-needs", "math-teaching", "russian-teaching"],
      "s-high": ["special-needs"],
      "s-other": ["unfavourable"],
    });
    expect((await get("teacher", "/api/schools")).json().map((s: Json) => [s.id, s.clusters])).toEqual([["s-low", clusters["s-low"]]]);
    expect((await get("municipal", "/api/schools")).json().map((s: Json) => s.id).sort()).toEqual(["s-high", "s-low"]);
  });

  it.each([
    ["principal", [["s-low", ["low-results", "special-needs", "math-teaching", "russian-teaching"]]]],
    ["principalElsewhere", [["s-other", ["unfavourable"]]]],
    ["mentor", [["s-high", ["special-needs"]]]],
    ["municipalElsewhere", [["s-other", ["unfavourable"]]]],
    ["admin", [["s-high", ["special-needs"]], ["s-low", ["low-results", "special-needs", "math-teaching", "russian-teaching"]], ["s-other", ["unfavourable"]]]],
  ] as Array<[PersonKey, Array<[string, string[]]>]>)("%s sees the schools in reach with their clusters", async (who, expected) => {
    const res = await get(who, "/api/schools");
    expect(res.statusCode).toBe(200);
    expect((res.json() as Json[]).map((s) => [s.id, s.clusters]).sort()).toEqual(expected);
  });

  it("without a token GET /api/schools is 401", async () => {
    expect((await get(null, "/api/schools")).statusCode).toBe(401);
  });

  it("an import shows at once: a new school gets its clusters without waiting for the cache", async () => {
    await get("methodologist", "/api/schools/registry");
    const file = csvFile([SCHOOLS_HEADER, ["m2-s4", "m2", "Новая школа", "СОШ № 4", "село", "120", "да", "нет", "нет", "Неродной русский язык", "", ""]]);
    const imported = await t.as("methodologist", { method: "POST", url: "/api/imports/schools", ...multipart(file, "школы.csv") });
    expect(imported.json(), imported.body).toMatchObject({ valid: true, created: 1 });
    const fresh = (await get("methodologist", "/api/schools?municipalityId=m2")).json() as Json[];
    expect(fresh.find((s) => s.id === "m2-s4")!.clusters).toEqual(["low-results", "non-native"]);
    const r = await registry("methodologist");
    expect(row(r, "m2-s4")).toMatchObject({ index: null, clusters: ["low-results", "non-native"] });
    expect(r.regionSchools).toBe(4);
  });
});

describe("the region's cached view", () => {
  it("a test submitted now shows in the registry after the minute; past it the old view is served while the fresh one is computed", async () => {
    const clusters = async () => row(await registry("methodologist"), "s-other").clusters;
    expect(await clusters()).toEqual(["unfavourable"]);
    // The only mathematics teacher of s-other takes the test with every topic a deficit.
    await submitAs(t, "teacherElsewhere", "subject-math", {});
    // The school's own profile reads fresh; the registry keeps its view for the minute.
    expect((await get("methodologist", "/api/schools/s-other/profile")).json().clusters).toEqual(["unfavourable", "math-teaching"]);
    expect(await clusters()).toEqual(["unfavourable"]);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await clusters()).toEqual(["unfavourable"]);
      await vi.waitFor(async () => expect(await clusters()).toEqual(["unfavourable", "math-teaching"]), { timeout: 10_000, interval: 100 });
      expect((await get("principalElsewhere", "/api/schools")).json()[0].clusters).toEqual(["unfavourable", "math-teaching"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
