// The institute's workspace in a real browser: imports with errors and then clean, a campaign opened and its
// coverage moving, course groups built and exported, a mentor confirmed; a coordinator sees only their municipality.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import path from "node:path";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { ROOT } from "../support/paths.js";
import { apiAs, signIn } from "./workspace-steps";

let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser({ width: 1280, height: 900 }, { acceptDownloads: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The figure of a Stat tile by its label. */
async function statValue(page: Page, label: string): Promise<string> {
  return (await page.locator(".stat", { has: page.locator(".stat-label", { hasText: label }) }).locator(".stat-value").first().textContent()) ?? "";
}

describe("a methodologist imports staff", () => {
  it("sees every bad row of a file listed with nothing written, then imports the fixed file", async () => {
    const staff = await apiAs(server.url, "methodologist@demo");
    const before = await staff.get<Array<{ id: string }>>("/api/imports/history");
    const page = browser.pages()[0] ?? (await browser.newPage());
    await signIn(page, server.url, "methodologist@demo");
    await page.getByRole("link", { name: "Импорт" }).click();
    await page.getByRole("tab", { name: "Сотрудники" }).click();

    await page.locator("#import-file-people").setInputFiles(path.join(ROOT, "docs/samples/people-with-errors.xlsx"));
    await page.getByRole("button", { name: "Проверить файл" }).click();
    await page.getByText("Найдено ошибок").waitFor({ timeout: 20_000 });
    expect(await page.getByText("В базу ничего не записано").count()).toBeGreaterThan(0);
    const errorRows = page.locator("table", { has: page.getByRole("columnheader", { name: /Ошибка/ }) }).locator("tbody tr");
    expect(await errorRows.count()).toBeGreaterThanOrEqual(10);
    expect(await staff.get<unknown[]>("/api/imports/history")).toHaveLength(before.length);

    await page.locator("#import-file-people").setInputFiles(path.join(ROOT, "docs/samples/people-fixed.xlsx"));
    await page.getByRole("button", { name: "Проверить файл" }).click();
    await page.getByText("Ошибок нет").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Импортировать" }).click();
    await page.getByText("Импорт завершён").waitFor({ timeout: 20_000 });
    expect(await staff.get<unknown[]>("/api/imports/history")).toHaveLength(before.length + 1);

    // Their personal codes, as a PDF to print.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Выдать коды и скачать PDF" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByText("Коды выданы").waitFor({ timeout: 20_000 });
  }, 120_000);
});

describe("a methodologist runs a campaign", () => {
  it("plans a campaign for one school, opens it, and sees coverage move when the teacher there submits", async () => {
    // The school of mentor@demo (a high-result school, outside the running input diagnostic).
    const mentor = await apiAs(server.url, "mentor@demo");
    const me = await mentor.get<{ schoolId: string }>("/api/me");
    const staff = await apiAs(server.url, "methodologist@demo");
    const schools = await staff.get<Array<{ id: string; shortName: string; municipalityId: string; municipalityName: string }>>("/api/schools");
    const school = schools.find((s) => s.id === me.schoolId)!;

    const page = browser.pages()[0] ?? (await browser.newPage());
    await signIn(page, server.url, "methodologist@demo");
    // The dashboard shows the running campaign at a glance.
    await expect.poll(() => page.getByText("Входная диагностика профессиональных дефицитов").count(), { timeout: 20_000 }).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Кампании", exact: true }).click();
    await page.getByRole("button", { name: "Новая кампания" }).click();
    await page.getByLabel("Название").fill("Повторная диагностика учителей математики школы-партнёра");
    await page.locator("label", { has: page.locator('span[title*="математик"]') }).locator("input[type=checkbox]").first().check();
    await page.getByLabel("Выбранные школы").check();
    const picker = page.locator("fieldset", { has: page.locator("legend", { hasText: "Школы" }) });
    await picker.getByLabel("Муниципалитет").selectOption(school.municipalityId);
    // "СОШ № 5" must not pick "СОШ № 15": the label starts with the name, then the municipality.
    const exactName = new RegExp(`^${school.shortName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s·`);
    await picker.locator("label").filter({ hasText: exactName }).locator("input[type=checkbox]").first().check();
    await page.getByRole("button", { name: "Создать кампанию" }).click();

    await expect.poll(() => page.getByRole("button", { name: "Открыть" }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole("button", { name: "Открыть" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Открыть" }).click();
    await expect.poll(() => statValue(page, "Назначено людей"), { timeout: 15_000 }).not.toBe("0");
    expect(await statValue(page, "Прошли полностью")).toBe("0");

    // The teacher of that school takes the test (through the API, as a browser elsewhere would).
    const attempt = await mentor.post<{ id: string }>("/api/attempts", { instrumentId: "subject-math" });
    await mentor.post(`/api/attempts/${attempt.id}/submit`, { data: {} });

    // The page refreshes by itself: nobody presses anything.
    await expect.poll(() => statValue(page, "Прошли полностью"), { timeout: 45_000, interval: 2000 }).toBe("1");
  }, 150_000);
});

describe("a methodologist builds course groups", () => {
  it("proposes groups for a course, saves them and downloads the rosters", async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await signIn(page, server.url, "methodologist@demo");
    await page.getByRole("link", { name: "Группы", exact: true }).click();
    await page.getByLabel("Поиск курса").fill("Физика");
    await page.locator("label", { hasText: "«Физика»" }).locator("input[type=radio]").first().check();
    await page.getByRole("button", { name: "Предложить группы" }).click();
    await page.getByRole("button", { name: "Сохранить группы" }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".stat", { hasText: "Кандидатов" }).locator(".stat-value").textContent()).not.toBe("0");
    await page.getByRole("button", { name: "Сохранить группы" }).click();

    await page.getByRole("button", { name: "Сохранённые группы" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Скачать списки курса (XLSX)" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    const staff = await apiAs(server.url, "methodologist@demo");
    const saved = await staff.get<Array<{ courseId: string; members: number }>>("/api/course-groups?courseId=problem-topics-physics");
    expect(saved.length).toBeGreaterThan(0);
  }, 120_000);
});

describe("a methodologist confirms a mentor", () => {
  it("proposes pairs and confirms one, which then stands among the current pairs", async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await signIn(page, server.url, "methodologist@demo");
    await page.getByRole("link", { name: "Наставничество", exact: true }).click();
    await page.getByRole("button", { name: "Подобрать наставников" }).click();
    const proposed = page.locator("table", { has: page.getByRole("columnheader", { name: /Почему/ }) });
    await proposed.locator("tbody tr").first().waitFor({ timeout: 30_000 });
    // Confirm exactly one pair: clear the preselection, tick the first row.
    await page.getByRole("button", { name: "Снять выбор" }).click();
    const first = proposed.locator("tbody tr").first();
    const menteeName = (await first.locator("td").nth(1).textContent())!.trim();
    const mentorName = (await first.locator("td").nth(4).textContent())!.trim();
    await first.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Подтвердить выбранные (1)" }).click();
    await page.getByText("Утверждено 1 пара").waitFor({ timeout: 20_000 });

    // The mentor's own list now holds that teacher.
    const staff = await apiAs(server.url, "methodologist@demo");
    const pairs = await staff.get<Array<{ mentee: { name: string }; mentor: { name: string } }>>("/api/mentoring/assignments");
    const pair = pairs.find((p) => menteeName.includes(p.mentee.name));
    expect(pair, `${menteeName} → ${mentorName}`).toBeDefined();
    expect(mentorName).toContain(pair!.mentor.name);
  }, 120_000);

  it("mentor@demo sees teacher@demo among their mentees", async () => {
    const context = await openBrowser({ width: 390, height: 844 });
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.url, "mentor@demo");
    await page.getByRole("link", { name: "Наставляемые" }).click();
    const teacher = await (await apiAs(server.url, "teacher@demo")).get<{ name: string }>("/api/me");
    await expect.poll(() => page.getByText(teacher.name).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await context.close();
  }, 90_000);
});

describe("a municipal coordinator", () => {
  it("sees the running campaign's coverage of their own municipality only, with nothing to change", async () => {
    const coordinator = await apiAs(server.url, "municipal@demo");
    const me = await coordinator.get<{ municipalityId: string }>("/api/me");
    const staff = await apiAs(server.url, "methodologist@demo");
    const municipalities = await staff.get<Array<{ id: string; name: string }>>("/api/municipalities");
    const own = municipalities.find((m) => m.id === me.municipalityId)!;
    const other = municipalities.find((m) => m.id !== me.municipalityId)!;

    const context = await openBrowser();
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.url, "municipal@demo");
    await page.goto(`${server.url}/campaigns/demo-input`);
    const table = page.locator("#by-municipality-title").locator("xpath=..").locator("table");
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 20_000 }).toBe(1);
    expect(await table.textContent()).toContain(own.name);
    expect(await page.textContent("main")).not.toContain(other.name);
    expect(await page.getByRole("button", { name: "Закрыть" }).count()).toBe(0);
    await context.close();
  }, 90_000);
});
