// The one typed API client: attaches the session token, turns error bodies into ApiError, renews sessions.
import type { Static } from "@sinclair/typebox";
import type { UserSchema } from "../../../server/modules/auth/auth.schemas";
import type { InstrumentSchema, InstrumentSummarySchema } from "../../../server/modules/instruments/instruments.schemas";
import type { AttemptSchema, ResultSchema } from "../../../server/modules/attempts/attempts.schemas";
import type { ProfileSchema } from "../../../server/modules/profiles/profiles.schemas";
import type { AssignmentSchema } from "../../../server/modules/campaigns/campaigns.schemas";

export type User = Static<typeof UserSchema>;
export type InstrumentSummary = Static<typeof InstrumentSummarySchema>;
export type Instrument = Static<typeof InstrumentSchema> & { survey: Record<string, unknown> };
export type Attempt = Static<typeof AttemptSchema>;
export type Result = Static<typeof ResultSchema>;
export type Profile = Static<typeof ProfileSchema>;
export type Assignment = Static<typeof AssignmentSchema>;
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

/** A JSON request to the API with the session's token; errors become ApiError with the server's Russian message. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

async function errorOf(response: Response, session: Session | null): Promise<ApiError> {
  const payload = await response.json().catch(() => undefined);
  const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (response.status === 401 && session) saveSession(null);
  return new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `Ошибка сервера (${response.status})`);
}

/**
 * Downloads a file the API builds (XLSX, CSV, PDF) and hands it to the browser under the server's
 * file name. A JSON body makes it a POST (for example, codes issued and printed in one step).
 */
export async function apiDownload(path: string, body?: unknown): Promise<void> {
  const session = loadSession();
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", "Нет связи с сервером. Проверьте подключение к интернету.");
  }
  if (!response.ok) throw await errorOf(response, session);
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = disposition.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : disposition.match(/filename="([^"]+)"/)?.[1] ?? "orientir-file";
  saveBlob(await response.blob(), fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Uploads one file as multipart field `file`, reporting the share sent (0–1) as it goes: fetch cannot
 * report upload progress, XMLHttpRequest can. Resolves with the JSON answer.
 */
export function apiUpload<T>(path: string, file: File, onProgress?: (share: number) => void): Promise<T> {
  const session = loadSession();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    if (session) xhr.setRequestHeader("authorization", `Bearer ${session.token}`);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress?.(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError(0, "network", "Нет связи с сервером. Проверьте подключение к интернету."));
    xhr.onload = () => {
      let payload: unknown;
      try { payload = JSON.parse(xhr.responseText); } catch { payload = undefined; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
      if (xhr.status === 401 && session) saveSession(null);
      reject(new ApiError(xhr.status, error?.code ?? "http_error", error?.message ?? `Ошибка сервера (${xhr.status})`));
    };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
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
  myAssignments: () => request<Assignment[]>("GET", "/api/me/assignments"),
  profile: (userId: string) => request<Profile>("GET", `/api/users/${encodeURIComponent(userId)}/profile`),
};
