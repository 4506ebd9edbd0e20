// A climate round in a real browser: principal@demo opens it and gets the codes, a respondent answers one on a phone,
// and the school's climate page shows the teachers' group hidden until enough have answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { apiAs, signIn, type ApiClient } from "./workspace-steps";

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
const shot = async (p: Page, name: string) => { if (process.env.E2E_SHOTS) await p.screenshot({ path: `${process.env.E2E_SHOTS}/climate-${name}.png`, fullPage: true }); };

interface Group { audience: string; respondents: number; suppressed: boolean }
const teachersOf = async (api: ApiClient, schoolId: string) =>
  (await api.get<{ groups: Group[] }>(`/api/schools/${schoolId}/climate?audience=teacher`)).groups[0]!;

/** Signs in with a code and answers every question of the questionnaire (through the API: the others who answer). */
async function answerByApi(url: string, code: string, value: (i: number) => number): Promise<void> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const { token } = await post("/api/auth/code", { code });
  const instrument = await (await fetch(`${url}/api/instruments/climate-teachers`, { headers: { authorization: `Bearer ${token}` } })).json();
  const names: string[] = [];
  for (const page of instrument.survey.pages) for (const e of page.elements ?? []) if (e.type === "radiogroup" && String(e.name).startsWith("ct-")) names.push(e.name);
  const attempt = await post("/api/attempts", { instrumentId: "climate-teachers" }, token);
  await post(`/api/attempts/${attempt.id}/submit`, { data: Object.fromEntries(names.map((n, i) => [n, value(i)])) }, token);
}

describe("a climate round, from the principal's page to a phone and back", () => {
  it("issues codes, takes an answer on a phone, and keeps the teachers hidden until there are enough", async () => {
    const principal = await apiAs(server.url, "principal@demo");
    const me = await principal.get<{ schoolId: string }>("/api/me");
    const before = await teachersOf(principal, me.schoolId);
    // The demo leaves this school's teachers a little short of the threshold.
    expect(before.suppressed).toBe(true);
    type RoundRow = { id: string; audience: string; answersSubmitted: number; codesUsed: number };
    const roundsPath = `/api/climate-rounds?schoolId=${me.schoolId}`;
    const known = new Set((await principal.get<RoundRow[]>(roundsPath)).map((r) => r.id));

    // The principal opens a round for teachers on the «Климат» page and gets the codes, shown once.
    const page: Page = desk.pages()[0] ?? (await desk.newPage());
    await signIn(page, server.url, "principal@demo");
    await page.getByRole("link", { name: "Климат" }).click();
    await page.getByRole("heading", { name: "Опросы" }).waitFor();
    const teachersPanel = page.locator(".climate-group[data-audience='teacher']");
    expect(await teachersPanel.locator(".climate-hidden").textContent()).toBe("Меньше 5 ответов — результаты скрыты, чтобы сохранить анонимность");
    await page.getByRole("radio", { name: "Педагоги" }).check();
    await page.getByLabel("Сколько кодов").fill("6");
    await page.getByRole("button", { name: /^Выдать 6 кодов/ }).click();
    await page.getByRole("heading", { name: /Выдано 6 кодов для педагогов/ }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Скачать листы для печати (PDF)" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByText("Показать коды на экране").click();
    const codes = (await page.locator(".climate-code-list code").allTextContents()).map((c) => c.trim());
    await shot(page, "desk-codes");
    expect(codes).toHaveLength(6);

    // A teacher scans the slip's QR code on a phone: the sign-in opens with the code filled in.
    const mobile = phone.pages()[0] ?? (await phone.newPage());
    await mobile.goto(`${server.url}/login?code=${encodeURIComponent(codes[0]!)}`);
    expect(await mobile.getByLabel("Код доступа").inputValue()).toBe(codes[0]);
    await shot(mobile, "phone-sign-in");
    await mobile.getByRole("button", { name: "Войти" }).click();
    await mobile.getByRole("link", { name: "Начать" }).click();
    await mobile.locator(".sd-question").first().waitFor();
    await shot(mobile, "phone-survey");
    // Nothing spills sideways on a phone.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
    // Answer each page (the third choice, «скорее согласен», of every question) with a thumb, page by page, then send.
    for (let guard = 0; guard < 12; guard++) {
      for (const question of await mobile.locator(".sd-question").all()) {
        const labels = question.locator("label:has(input[type=radio])");
        const count = await labels.count();
        if (count > 0) await labels.nth(Math.min(2, count - 1)).click();
      }
      if ((await mobile.getByRole("button", { name: "Далее" }).count()) === 0) break;
      await mobile.getByRole("button", { name: "Далее" }).click();
    }
    await mobile.getByRole("button", { name: "Завершить и отправить" }).click();
    await shot(mobile, "phone-confirm");
    await mobile.getByRole("button", { name: "Отправить", exact: true }).click();
    await mobile.getByText("Ответы получены, спасибо").waitFor();
    await shot(mobile, "phone-done");
    // Coming back to the questionnaire: the answers are in, nothing to change, no profile to send them to.
    await mobile.goto(`${server.url}/tests/climate-teachers`);
    await mobile.getByRole("heading", { name: "Ответы уже отправлены" }).waitFor();

    // One more answer, still too few: the principal's page keeps the teachers hidden.
    const afterOne = await teachersOf(principal, me.schoolId);
    expect(afterOne.respondents).toBe(before.respondents + 1);
    if (afterOne.respondents < 5) expect(afterOne.suppressed).toBe(true);
    await page.reload();
    await teachersPanel.waitFor();
    expect(await teachersPanel.getAttribute("data-suppressed")).toBe("true");

    const newRoundId = async () => (await principal.get<RoundRow[]>(roundsPath)).find((r) => !known.has(r.id))!.id;
    // The rest answer through the API until the group shows (more codes if these run out).
    let spare = codes.slice(1);
    let group = afterOne;
    for (let i = 0; group.suppressed && i < 20; i++) {
      if (!spare.length) spare = (await principal.post<{ codes: string[] }>(`/api/climate-rounds/${await newRoundId()}/codes`, { codes: 5 })).codes;
      await answerByApi(server.url, spare.shift()!, (k) => ((k + i) % 4) + 1);
      group = await teachersOf(principal, me.schoolId);
    }
    expect(group.suppressed).toBe(false);
    expect(group.respondents).toBeGreaterThanOrEqual(5);
    await page.reload();
    await teachersPanel.locator("canvas").waitFor();
    expect(await teachersPanel.getAttribute("data-suppressed")).toBe("false");
    expect(await teachersPanel.locator("tbody tr").count()).toBeGreaterThanOrEqual(10);
    await shot(page, "desk-results");
    // The new round's line counts exactly the answers given since.
    const mine = (await principal.get<RoundRow[]>(roundsPath)).find((r) => !known.has(r.id))!;
    expect(mine).toMatchObject({ audience: "teacher", answersSubmitted: group.respondents - before.respondents, codesUsed: group.respondents - before.respondents });
  }, 240_000);
});
