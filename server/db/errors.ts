// Database errors the services turn into answers: both drivers report PostgreSQL's SQLSTATE in `code`.

/** 23505: a unique index refused a row (a race between two requests, or a duplicate). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}
