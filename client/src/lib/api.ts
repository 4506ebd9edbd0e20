// The one typed API client: attaches the session token, turns error bodies into ApiError, renews sessions.
import type { Static } from "@sinclair/typebox";
import type { UserSchema } from "../../../server/modules/auth/auth.schemas";
import type { InstrumentSchema, InstrumentSummarySchema } from "../../../server/modules/instruments/instruments.schemas";
import type { AttemptSchema, ResultSchema } from "../../../server/modules/attempts/attempts.schemas";
import type { ProfileSchema } from "../../../server/modules/profiles/profiles.schemas";

export type User = Static<typeof UserSchema>;
export type InstrumentSummary = Static<typeof InstrumentSummarySchema>;
export type Instrument = Static<typeof InstrumentSchema> & { survey: Record<string, unknown> };
export type Attempt = Static<typeof AttemptSchema>;
export type Result = Static<typeof ResultSchema>;
export type Profile = Static<typeof ProfileSchema>;
export type Level = Result["competencies"][number]["level"];
export interface Session { token: string; expiresAt: string; user: User }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
  get isNetwork() { return this.status === 0; }
}

const SESSION_KEY = "orientir.session";
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null") as Session | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (session) headers.authorization = `Bearer ${session.token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", "Нет связи с сервером. Проверьте подключение к интернету.");
  }
  const payload = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (response.status === 401 && session) saveSession(null);
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `Ошибка сервера (${response.status})`);
  }
  return payload as T;
}

/** Renews the token when under 40 minutes are left, so that a long test never outlives its session. */
export async function renewSessionIfNeeded(): Promise<void> {
  const session = loadSession();
  if (!session) return;
  if (Date.parse(session.expiresAt) - Date.now() > 40 * 60_000) return;
  saveSession(await request<Session>("POST", "/api/auth/refresh"));
}

export const api = {
  login: (login: string, password: string) => request<Session>("POST", "/api/auth/login", { login, password }),
  loginWithCode: (code: string) => request<Session>("POST", "/api/auth/code", { code }),
  me: () => request<User>("GET", "/api/me"),
  instruments: () => request<InstrumentSummary[]>("GET", "/api/instruments"),
  instrument: (id: string) => request<Instrument>("GET", `/api/instruments/${encodeURIComponent(id)}`),
  startAttempt: (instrumentId: string) => request<Attempt>("POST", "/api/attempts", { instrumentId }),
  saveAttempt: (id: string, data: Record<string, unknown>, currentPage: number) =>
    request<Attempt>("PUT", `/api/attempts/${id}`, { data, currentPage }),
  submitAttempt: (id: string, data: Record<string, unknown>) =>
    request<{ attempt: Attempt; result: Result | null }>("POST", `/api/attempts/${id}/submit`, { data }),
  result: (attemptId: string) => request<Result>("GET", `/api/attempts/${attemptId}/result`),
  myProfile: () => request<Profile>("GET", "/api/me/profile"),
};
