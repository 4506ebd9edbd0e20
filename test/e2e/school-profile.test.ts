// The school side in a real browser: principal@demo opens «Моя школа» (index, clusters, risks with reasons, climate as the
// demo has it); municipal@demo sees only their municipality's schools in the registry; methodologist@demo exports it.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { apiAs, signIn } from "./workspace-steps";

let server: RunningServer;
let desk: BrowserContext;
let phone: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  desk = await openBrowser({ width: 1280, height: 900 }, { acceptDownloads: true });
  phone = await openBrowser({ width: 390, height: 844 });
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await phone?.close();
  await server?.stop();
});

/** With E2E_SHOTS=<folder>, full-page screenshots of the steps, to look at. */
const shot = async (p: Page, name: string) => { if (process.env.E2E_SHOTS) await p.screenshot({ path: `${process.env.E2E_SHOTS}/school-${name}.png`, fullPage: true }); };

interface Profile {
  schoolId: string; name: string; wellbeingIndex?: number; clusters: string[];
  index: { rank: number; of: number } | null;
  clusterDetails: Array<{ code: string; title: string; reasons: string[] }>;
  risks: Array<{ id: string; title: string; level: string; reasons: string[] }>;
  climate: Array<{ audience: string; respondents: number; suppressed: boolean; scales: unknown[] }>;
}

describe("the principal's school", () => {
  it("«Моя школа» shows the index with its rank, the clusters and risks with their reasons, and the climate as the demo has it", async () => {
    const principal = await apiAs(server.url, "principal@demo");
    const me = await principal.get<{ schoolId: string }>("/api/me");
    const profile = await principal.get<Profile>(`/api/schools/${me.schoolId}/profile`);
    expect(profile.clusters.length).toBeGreaterThan(0);

    const page: Page = desk.pages()[0] ?? (await desk.newPage());
    await signIn(page, server.url, "principal@demo");
    await page.getByRole("link", { name: "Моя школа" }).click();
    await page.getByRole("heading", { name: profile.name, level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Профиль рисков" }).waitFor();

    const tile = page.locator(".stat", { has: page.locator(".stat-label", { hasText: "Индекс благополучия" }) });
    if (profile.index) expect(await tile.locator(".stat-note").textContent()).toBe(`место ${profile.index.rank} из ${profile.index.of} в регионе`);
    const clusters = page.locator("#clusters-title").locator("xpath=..");
    for (const c of profile.clusterDetails) {
      await clusters.getByRole("heading", { name: c.title }).waitFor();
      expect(await clusters.getByText(c.reasons[0]!, { exact: true }).count()).toBeGreaterThan(0);
    }
    const risks = page.locator("#risks-title").locator("xpath=..");
    for (const r of profile.risks) {
      const item = risks.locator("li.risk-item", { has: page.getByRole("heading", { name: r.title }) });
      expect(await item.locator(".risk-badge").textContent()).toBe({ high: "Высокий", medium: "Средний", low: "Низкий", unknown: "Нет данных" }[r.level]);
      expect(await item.locator(".reasons li").first().textContent()).toBe(r.reasons[0]);
    }

    // Climate: a group below the threshold says so with no figure; a shown one has its chart and scales.
    for (const g of profile.climate) {
      const section = page.locator(`.school-climate-group[data-audience='${g.audience}']`);
      expect(await section.getAttribute("data-suppressed")).toBe(String(g.suppressed));
      if (g.suppressed) {
        expect(await section.locator("canvas").count()).toBe(0);
        expect(await section.locator(".school-hidden").textContent()).toMatch(g.respondents === 0 ? /^Ответов пока нет/ : /скрыты/);
      } else {
        await section.locator("canvas").waitFor();
        expect(await section.locator("tbody tr").count()).toBe(g.scales.length);
      }
    }
    // The demo leaves this school's teachers a little short of the threshold.
    expect(profile.climate.find((g) => g.audience === "teacher")!.suppressed).toBe(true);
    await shot(page, "desk-profile");

    // The principal opens a teacher's profile from the list.
    const teachers = page.locator("#teachers-title").locator("xpath=..");
    const first = teachers.locator("tbody a").first();
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole("heading", { name, level: 1 }).waitFor();

    // On a phone the page reads without spilling sideways.
    const mobile = phone.pages()[0] ?? (await phone.newPage());
    await signIn(mobile, server.url, "principal@demo");
    await mobile.goto(`${server.url}/schools/${me.schoolId}`);
    await mobile.getByRole("heading", { name: "Профиль рисков" }).waitFor();
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
    await shot(mobile, "phone-profile");
  }, 120_000);
});

describe("the registry", () => {
  it("municipal@demo sees only their municipality's schools, and another school's profile is not found", async () => {
    const coordinator = await apiAs(server.url, "municipal@demo");
    const me = await coordinator.get<{ municipalityId: string }>("/api/me");
    const registry = await coordinator.get<{ schools: Array<{ schoolId: string; name: string; municipalityId: string }> }>("/api/schools/registry");
    expect(registry.schools.length).toBeGreaterThan(0);
    expect(registry.schools.every((s) => s.municipalityId === me.municipalityId)).toBe(true);

    const page: Page = desk.pages()[0] ?? (await desk.newPage());
    await signIn(page, server.url, "municipal@demo");
    await page.getByRole("link", { name: "Школы" }).click();
    await page.getByRole("heading", { name: `Школы: ${registry.schools.length} из`, exact: false }).waitFor();
    expect(await page.getByLabel("Муниципалитет", { exact: true }).count()).toBe(0);
    expect(await page.getByLabel("Кластер", { exact: true }).count()).toBe(1);
    const rows = page.locator(".data-table tbody tr");
    expect(await rows.count()).toBe(Math.min(50, registry.schools.length));
    await shot(page, "desk-registry-municipal");

    // A school of another municipality: the API says it does not exist, and so does the page.
    const staff = await apiAs(server.url, "methodologist@demo");
    const all = await staff.get<{ schools: Array<{ schoolId: string; municipalityId: string }> }>("/api/schools/registry");
    const foreign = all.schools.find((s) => s.municipalityId !== me.municipalityId)!;
    await page.goto(`${server.url}/schools/${foreign.schoolId}`);
    await page.getByText("Школа не найдена").waitFor();

    // A school of their own opens from the table.
    await page.goto(`${server.url}/schools`);
    await rows.first().locator("a").click();
    await page.getByRole("heading", { name: "Профиль рисков" }).waitFor();
    expect(await page.locator("#teachers-title").count()).toBe(0);
  }, 120_000);

  it("methodologist@demo filters by cluster and exports the registry as XLSX, with no figure for a hidden climate group", async () => {
    const page: Page = desk.pages()[0] ?? (await desk.newPage());
    await signIn(page, server.url, "methodologist@demo");
    await page.getByRole("link", { name: "Школы" }).click();
    await page.getByRole("heading", { name: /^Школы: 265 из 265$/ }).waitFor();
    await page.getByLabel("Кластер", { exact: true }).selectOption("low-results");
    // The filtered list replaces the whole region's.
    const filtered = page.getByRole("heading", { name: /^Школы: (?!265 )\d+ из 265$/ });
    await filtered.waitFor();
    expect(new URL(page.url()).search).toBe("?cluster=low-results");
    const heading = (await filtered.textContent())!;
    const shown = Number(/Школы: (\d+)/.exec(heading)![1]);
    expect(shown).toBeLessThan(265);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Скачать XLSX" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Реестр школ.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(shown);
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const cell = (row: ExcelJS.Row, title: string) => row.getCell(header.indexOf(title)).value;
    // The export agrees with the API row by row; where no group of a school is shown, it has no figure, only the note.
    const staff = await apiAs(server.url, "methodologist@demo");
    const api = await staff.get<{ schools: Array<{ name: string; municipalityName: string; climate: { favourableShare: number | null; audiences: Array<{ suppressed: boolean; respondents: number }> } }> }>("/api/schools/registry?cluster=low-results");
    const byKey = new Map(api.schools.map((s) => [`${s.municipalityName}|${s.name}`, s]));
    let hidden = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const school = byKey.get(`${String(cell(row, "Муниципалитет"))}|${String(cell(row, "Школа"))}`)!;
      expect(school).toBeDefined();
      expect(String(cell(row, "Кластеры"))).toContain("Низкие результаты обучения (НОР)");
      expect(cell(row, "Климат: доля благоприятных шкал, %")).toBe(school.climate.favourableShare);
      if (school.climate.audiences.some((a) => a.suppressed && a.respondents > 0)) {
        hidden++;
        expect(String(cell(row, "Примечание о климате"))).toMatch(/^Результаты скрыты/);
      }
    });
    // The demo keeps a few groups below the threshold among the programme's schools.
    expect(hidden).toBeGreaterThan(0);
    await shot(page, "desk-registry");
  }, 120_000);
});
