// Typed application errors: a code for machines, a Russian message for people, and the HTTP status.

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "invalid_input") => new AppError(400, code, message);
export const unauthorized = (message = "Требуется вход в систему", code = "unauthorized") => new AppError(401, code, message);
export const forbidden = (message = "Недостаточно прав для этого действия", code = "forbidden") => new AppError(403, code, message);
export const notFound = (message = "Не найдено", code = "not_found") => new AppError(404, code, message);
export const conflict = (message: string, code = "conflict") => new AppError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, "rate_limited", message, { "retry-after": String(retryAfterSeconds) });
