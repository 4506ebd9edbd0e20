// TypeBox pieces every route uses: the error body and the error statuses a route may answer with.
import { Type, type TSchema } from "@sinclair/typebox";

export const ErrorBody = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { $id: "ErrorBody", description: "Any 4xx/5xx answer" },
);

const ErrorRef = Type.Ref("ErrorBody");

/** `{ 400: ErrorBody, 401: ErrorBody, … }` for the statuses a route declares. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const status of new Set([400, 429, 500, ...statuses])) out[status] = ErrorRef;
  return out;
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9_.:-]+$" }) });
export const UuidParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** A downloaded file (XLSX, CSV, PDF): documented as binary, sent as-is. */
export const FileResponse = Type.Unsafe<Buffer>({ type: "string", format: "binary", description: "Файл для скачивания" });

/** `?format=xlsx|csv` of every table export. */
export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
});

export const DateString = Type.String({ format: "date", description: "YYYY-MM-DD" });
