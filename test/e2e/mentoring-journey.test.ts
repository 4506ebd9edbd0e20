// The issue's «Done when» in a real browser: a mentor adds a plan item and records a meeting on the mentee's page; the
// teacher sees both (and the notifications) and marks the item done; after a retest in the intermediate wave both see
// the change per competency with its reliability; the methodologist sees the effect by course and by mentoring.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, startServer, type RunningServer } from "./harness";
import { signIn } from "./workspace-steps";

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let teacherId = "";
let teacherName = "";
const stamp = Date.now().toString(36);
const ITEM = `Посетить открытый урок наставника по теме «Функции» (${stamp})`;
const TOPIC = `Разбор урока по функциям (${stamp})`;
/** What the progress table says of a compared competency, whichever way it went. */
const VERDICT = /Надёжный рост|Надёжное снижение|В пределах погрешности/;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser({ width: 1280, height: 900 });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The API as a demo person, with every method the steps need; a refused call throws with the server's answer. */
async function apiAs(login: string) {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const { token } = await call<{ token: string }>("POST", "/api/auth/login", { login, password: "demo" });
  return {
    get: <T>(path: string) => call<T>("GET", path, undefined, token),
    post: <T>(path: string, body: unknown = {}) => call<T>("POST", path, body, token),
    patch: <T>(path: string, body: unknown) => call<T>("PATCH", path, body, token),
  };
}

type Element = { type: string; name?: string; elements?: Element[]; choices?: unknown[]; rows?: unknown[]; columns?: unknown[] };
const valueOf = (c: unknown) => (c !== null && typeof c === "object" && "value" in c ? (c as { value: unknown }).value : c);

/**
 * Answers to every item of the survey as the respondent sees it (no key involved): `first` takes the first
 * choice (column, order) of each, otherwise the last, so the two waves' answers differ.
 */
function answersTo(survey: { pages: Array<{ elements?: Element[] }> }, first: boolean): Record<string, unknown> {
  const pick = <T>(list: T[]) => (first ? list[0] : list[list.length - 1]);
  const answers: Record<string, unknown> = {};
  const walk = (elements: Element[] = []) => {
    for (const e of elements) {
      if (e.elements) walk(e.elements);
      if (!e.name) continue;
      const choices = (e.choices ?? []).map(valueOf);
      if (e.type === "radiogroup" || e.type === "dropdown") answers[e.name] = pick(choices);
      else if (e.type === "checkbox" || e.type === "tagbox") answers[e.name] = [pick(choices)];
      else if (e.type === "ranking") answers[e.name] = first ? choices : [...choices].reverse();
      else if (e.type === "boolean") answers[e.name] = first;
      else if (e.type === "text") answers[e.name] = first ? "1" : "2";
      else if (e.type === "matrix") answers[e.name] = Object.fromEntries((e.rows ?? []).map((r) => [valueOf(r), pick((e.columns ?? []).map(valueOf))]));
    }
  };
  for (const p of survey.pages) walk(p.elements);
  return answers;
}

async function takeMathTest(teacher: Awaited<ReturnType<typeof apiAs>>, first: boolean) {
  const { survey } = await teacher.get<{ survey: { pages: Array<{ elements?: Element[] }> } }>("/api/instruments/subject-math");
  const attempt = await teacher.post<{ id: string }>("/api/attempts", { instrumentId: "subject-math" });
  await teacher.post(`/api/attempts/${attempt.id}/submit`, { data: answersTo(survey, first) });
}

/** Opens the bell, waits for a notification with this title, and closes it again. */
async function bellShows(title: string | RegExp) {
  await page.locator(".bell-button").click();
  await page.locator(".bell-list .bell-title").filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press("Escape");
}

describe("the mentor's workspace and the teacher's side, in a browser", () => {
  it("mentor@demo opens teacher@demo's page from the list, adds a plan item and records a meeting", async () => {
    const me = await (await apiAs("teacher@demo")).get<{ id: string; name: string }>("/api/me");
    teacherId = me.id;
    teacherName = me.name;

    await signIn(page, server.url, "mentor@demo");
    await page.getByRole("link", { name: "Наставляемые", exact: true }).click();
    const table = page.locator("table", { has: page.getByRole("columnheader", { name: /Последняя встреча/ }) });
    await table.getByRole("link", { name: teacherName }).click();
    await page.waitForURL(`**/people/${teacherId}`);
    await page.getByRole("heading", { level: 1, name: teacherName }).waitFor();
    await page.getByText("Наставляемый", { exact: true }).first().waitFor();

    await page.getByRole("button", { name: "Добавить пункт" }).click();
    const form = page.locator("form.plan-form", { has: page.getByRole("heading", { name: "Новый пункт плана" }) });
    await form.locator("label", { has: page.locator("span", { hasText: /^Вид$/ }) }).locator("select").selectOption("open-lesson");
    await form.getByLabel("Что сделать").fill(ITEM);
    await form.getByLabel("Срок").fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole("button", { name: "Добавить", exact: true }).click();
    await page.getByRole("heading", { name: ITEM }).waitFor({ timeout: 15_000 });

    await page.locator("#meetings").getByRole("button", { name: "Записать встречу" }).click();
    const meeting = page.locator("#meetings form");
    await meeting.getByLabel("Тема").fill(TOPIC);
    await meeting.getByLabel("О чём договорились").fill("Наставник проводит открытый урок, учитель готовит разбор.");
    await meeting.getByRole("button", { name: "Записать встречу" }).click();
    await page.locator("#meetings").getByText(TOPIC).waitFor({ timeout: 15_000 });
  }, 90_000);

  it("teacher@demo is told of both, sees them in «Мой план» and marks the item done", async () => {
    await signIn(page, server.url, "teacher@demo");
    await bellShows(/^Вам назначен наставник/);
    await bellShows("Наставник добавил пункт в ваш план");
    await bellShows("Наставник записал встречу");

    await page.getByRole("link", { name: "Мой план", exact: true }).click();
    const item = page.locator("li.plan-item", { has: page.getByRole("heading", { name: ITEM }) });
    await item.waitFor({ timeout: 15_000 });
    await page.locator("#meetings").getByText(TOPIC).waitFor();
    await item.getByLabel("Статус").selectOption("done");
    await expect.poll(() => item.locator(".plan-status").textContent(), { timeout: 15_000 }).toBe("выполнено");
  }, 90_000);

  it("after a retest in the intermediate wave, the teacher's profile shows the change per competency with its reliability", async () => {
    const teacher = await apiAs("teacher@demo");
    const staff = await apiAs("methodologist@demo");
    await takeMathTest(teacher, true);
    await staff.post("/api/campaigns/demo-input/close");
    const today = new Date().toISOString().slice(0, 10);
    await staff.patch("/api/campaigns/demo-intermediate", { startsOn: today, endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    await staff.post("/api/campaigns/demo-intermediate/open");
    await takeMathTest(teacher, false);

    const progress = await teacher.get<{ competencies: Array<{ change?: { reliable: boolean } }> }>("/api/me/progress");
    expect(progress.competencies.filter((c) => c.change).length).toBeGreaterThan(0);

    await signIn(page, server.url, "teacher@demo");
    await page.getByRole("link", { name: "Мой профиль", exact: true }).click();
    await page.getByRole("heading", { name: "Мой наставник" }).waitFor();
    await page.locator("#mentor").getByText("Как связаться").waitFor();
    await page.getByRole("heading", { name: "Мои курсы и группы" }).waitFor();
    await page.getByRole("link", { name: "Открыть мой план" }).waitFor();
    const waves = page.locator("#waves");
    await waves.getByRole("heading", { name: "Мои результаты по волнам" }).waitFor();
    await expect.poll(() => waves.locator("table tbody").getByText(VERDICT).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The words say what changed, against the measurement error.
    expect(await waves.locator(".progress-words").first().textContent()).toMatch(/погрешност|надёжн|изменени|с \d+%/i);
  }, 90_000);

  it("the mentor is told of the item done and the new result, and sees the mentee's change with its reliability", async () => {
    await signIn(page, server.url, "mentor@demo");
    await bellShows(`Пункт плана выполнен: ${teacherName}`);
    await bellShows(`Новый результат: ${teacherName}`);

    await page.getByRole("link", { name: "Наставляемые", exact: true }).click();
    const row = page.locator("tr", { has: page.getByRole("link", { name: teacherName }) });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/промежуточная диагностика/);
    expect(await row.textContent()).toMatch(/1 из \d+/);

    await page.goto(`${server.url}/people/${teacherId}`);
    await page.getByRole("heading", { level: 1, name: teacherName }).waitFor();
    await page.getByRole("heading", { name: "Что стоит за дефицитами" }).waitFor();
    const waves = page.locator("#waves");
    await expect.poll(() => waves.locator("table tbody").getByText(VERDICT).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator("li.plan-item", { has: page.getByRole("heading", { name: ITEM }) }).locator(".plan-status", { hasText: "выполнено" }).waitFor();
  }, 90_000);

  it("methodologist@demo sees the effect by course and by mentoring, as figures or as suppression notices", async () => {
    await signIn(page, server.url, "methodologist@demo");
    await page.getByRole("link", { name: "Эффект", exact: true }).click();
    for (const title of ["По курсам между волнами", "Наставничество"]) {
      const panel = page.locator("section.panel", { has: page.getByRole("heading", { name: title, exact: true }) });
      await panel.locator("table tbody tr").first().waitFor({ timeout: 30_000 });
      expect(await panel.locator("table tbody").textContent()).toMatch(/п\. п\.|скрыт|меньше/i);
    }
  }, 90_000);

  it("mentor@demo opens only their own mentees: another teacher's page and plan are not found", async () => {
    const stranger = await (await apiAs("teacher-physics@demo")).get<{ id: string }>("/api/me");
    const mentor = await apiAs("mentor@demo");
    await expect(mentor.get(`/api/users/${stranger.id}/profile`)).rejects.toThrow(/→ 404/);
    await expect(mentor.get(`/api/users/${stranger.id}/plan`)).rejects.toThrow(/→ 404/);
    await signIn(page, server.url, "mentor@demo");
    await page.goto(`${server.url}/people/${stranger.id}`);
    await page.getByText("Профиль не найден").waitFor({ timeout: 15_000 });
    expect(await page.getByRole("button", { name: "Добавить пункт" }).count()).toBe(0);
  }, 60_000);
});
