// A bad network in a real browser: answers given while the connection is down are kept, survive a reload, and reach the server when it returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { answerVisiblePage } from "./survey-steps";
import { apiAs, signIn } from "./workspace-steps";

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

const indicator = (page: Page) => page.locator("[data-save-state]");

describe("a teacher on a bad network", () => {
  it("keeps the answers given offline in the browser, through a reload, and sends every one when the network returns", async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const api = await apiAs(server.url, "teacher-math@demo");
    await signIn(page, server.url, "teacher-math@demo");

    await page.goto(`${server.url}/tests/subject-math`);
    await expect.poll(() => page.locator(".sd-page").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Далее" }).click(); // past the instructions
    const online = await answerVisiblePage(page, { option: "last", text: "7" });
    await page.getByRole("button", { name: "Далее" }).click(); // page change: autosave, connected
    await expect.poll(() => indicator(page).getAttribute("data-save-state"), { timeout: 15_000 }).toBe("saved");
    const attempt = await api.post<{ id: string; data: Record<string, unknown> }>("/api/attempts", { instrumentId: "subject-math" });
    for (const name of online) expect(attempt.data, name).toHaveProperty(name);

    // The connection drops: the next page is answered and left without the server hearing of it.
    await browser.setOffline(true);
    const offline = await answerVisiblePage(page, { option: "last", text: "7" });
    expect(offline.length).toBeGreaterThan(2);
    await page.getByRole("button", { name: "Далее" }).click();
    await expect.poll(() => indicator(page).getAttribute("data-save-state"), { timeout: 15_000 }).toBe("offline");
    await expect.poll(() => indicator(page).getAttribute("data-unsaved")).toBe(String(offline.length));
    expect(await indicator(page).textContent()).toMatch(/ещё не сохранен[ыо]? на сервере — сохраним, как только появится связь/);
    const kept = await page.evaluate((id) => JSON.parse(localStorage.getItem(`orientir.pending.${id}`) ?? "null") as { unsaved: string[] } | null, attempt.id);
    expect(kept?.unsaved.sort()).toEqual([...offline].sort());

    // A reload while the server still cannot be reached for saves: the page itself comes from the
    // server again (Orientir has no offline copy of the app), every save still fails.
    await page.route("**/api/attempts/*", (route) => (route.request().method() === "PUT" ? route.abort("internetdisconnected") : route.continue()));
    await browser.setOffline(false);
    await page.reload();
    await expect.poll(() => page.locator(".sd-page").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => indicator(page).getAttribute("data-save-state"), { timeout: 15_000 }).toBe("offline");
    expect(await indicator(page).getAttribute("data-unsaved")).toBe(String(offline.length));
    const meanwhile = await api.get<{ data: Record<string, unknown> }>(`/api/attempts/${attempt.id}`);
    for (const name of offline) expect(meanwhile.data, `${name} must not have reached the server yet`).not.toHaveProperty(name);
    // The answers shown after the reload are the ones kept in the browser.
    await page.getByRole("button", { name: "Назад" }).click();
    for (const name of offline) {
      const question = page.locator(`.sd-question[data-name="${name}"]`);
      const filled = (await question.locator("input:checked").count()) > 0 || (await question.locator("input[type=text], input:not([type])").first().inputValue().catch(() => "")) === "7";
      expect(filled, name).toBe(true);
    }

    // The network returns: every answer reaches the server, and the browser forgets what it kept.
    await page.unroute("**/api/attempts/*");
    await browser.setOffline(true);
    await browser.setOffline(false); // the browser's "online" event: the page tries at once
    await expect.poll(async () => {
      const now = await api.get<{ data: Record<string, unknown> }>(`/api/attempts/${attempt.id}`);
      return [...online, ...offline].filter((name) => !(name in now.data));
    }, { timeout: 30_000 }).toEqual([]);
    await expect.poll(() => indicator(page).getAttribute("data-save-state"), { timeout: 15_000 }).toBe("saved");
    expect(await page.evaluate((id) => localStorage.getItem(`orientir.pending.${id}`), attempt.id)).toBeNull();
  }, 120_000);
});
