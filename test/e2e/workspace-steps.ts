// Steps the workspace's browser tests share: signing in through the page, and calling the API as a demo person.
import type { Page } from "playwright-core";

export async function signIn(page: Page, url: string, login: string): Promise<void> {
  // Whoever was signed in on this page before leaves first.
  await page.goto(`${url}/login`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}/login`);
  await page.getByLabel("Логин", { exact: true }).fill(login);
  await page.getByLabel("Пароль", { exact: true }).fill("demo");
  await page.getByRole("button", { name: "Войти" }).click();
  // Signed in once the app has left the sign-in page for the person's home.
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 20_000 });
  await page.locator("main#main").waitFor();
}

export interface ApiClient {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body: unknown): Promise<T>;
  token: string;
}

/** An API client signed in as a demo person (password "demo"); a failed call throws with the server's answer. */
export async function apiAs(url: string, login: string): Promise<ApiClient> {
  const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const { token } = await call<{ token: string }>("POST", "/api/auth/login", undefined, { login, password: "demo" });
  return {
    token,
    get: (path) => call("GET", path, token),
    post: (path, body) => call("POST", path, token, body),
  };
}
