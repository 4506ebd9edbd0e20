// The autosave's PUT: like api.saveAttempt, but it also reads Retry-After, which the backoff honours.
import { ApiError, loadSession, saveSession } from "../../lib/api";
import { parseRetryAfter } from "./backoff";

export class SaveError extends ApiError {
  constructor(status: number, code: string, message: string, readonly retryAfterSeconds: number | undefined) {
    super(status, code, message);
  }
}

/** Sends the answers as they stand; rejects with SaveError (status 0 when the server could not be reached). */
export async function putAnswers(attemptId: string, data: Record<string, unknown>, currentPage: number, keepalive = false): Promise<void> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (session) headers.authorization = `Bearer ${session.token}`;
  let response: Response;
  try {
    response = await fetch(`/api/attempts/${attemptId}`, { method: "PUT", headers, body: JSON.stringify({ data, currentPage }), keepalive });
  } catch {
    throw new SaveError(0, "network", "Нет связи с сервером", undefined);
  }
  if (response.ok) return;
  const payload = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (response.status === 401 && session) saveSession(null);
  throw new SaveError(
    response.status, payload?.error?.code ?? "http_error", payload?.error?.message ?? `Ошибка сервера (${response.status})`,
    parseRetryAfter(response.headers.get("retry-after")),
  );
}
