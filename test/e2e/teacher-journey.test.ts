// The teacher's journey in a real browser: sign in, answer, reload and find the answers kept, submit, see the profile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { answerVisiblePage } from "./survey-steps";

let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function checkedNames(page: Page): Promise<string[]> {
  return page.locator(".sd-question:has(input:checked)").evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
}

describe("a mathematics teacher takes the diagnostic", () => {
  it("signs in, answers, reloads without losing answers, submits and sees deficits and courses", async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const foreign: string[] = [];
    page.on("request", (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) foreign.push(r.url()); });

    await page.goto(`${server.url}/login`);
    await page.getByLabel("Логин", { exact: true }).fill("teacher@demo");
    await page.getByLabel("Пароль", { exact: true }).fill("demo");
    await page.getByRole("button", { name: "Войти" }).click();

    await page.getByRole("link", { name: "Начать" }).first().click();
    await expect.poll(() => page.locator(".sd-page").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Далее" }).click(); // past the instructions
    const firstPage = await answerVisiblePage(page);
    expect(firstPage.length).toBeGreaterThan(2);
    const radiosAnswered = await checkedNames(page);
    await page.getByRole("button", { name: "Далее" }).click(); // page change: autosave
    await expect.poll(() => page.locator("[data-save-state=saved]").count(), { timeout: 15_000 }).toBe(1);

    await page.reload();
    await expect.poll(() => page.locator(".sd-page").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Назад" }).click();
    expect(await checkedNames(page)).toEqual(radiosAnswered);

    // Finish: walk to the last page and submit.
    for (let i = 0; i < 30 && (await page.getByRole("button", { name: "Далее" }).count()) > 0; i++) {
      await page.getByRole("button", { name: "Далее" }).click();
    }
    await page.getByRole("button", { name: "Завершить и отправить" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Отправить" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Дефициты" }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator(".deficit-list li").count()).toBeGreaterThan(0);
    expect(await page.locator(".course-list .course").count()).toBeGreaterThan(0);
    expect(await page.locator("canvas").count()).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Мой профиль" }).first().click();
    await expect.poll(() => page.locator(".course-list .course").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  }, 120_000);

  it("the sign-in page does not load SurveyJS", async () => {
    const context = await openBrowser();
    const page = context.pages()[0] ?? (await context.newPage());
    const scripts: string[] = [];
    page.on("response", async (r) => {
      if (r.request().resourceType() === "script") scripts.push(await r.text());
    });
    await page.goto(`${server.url}/login`);
    await page.getByRole("button", { name: "Войти" }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((s) => s.includes("survey-core") || s.includes("sd-question"))).toBe(false);
    await context.close();
  }, 60_000);
});
