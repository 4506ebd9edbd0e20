// TypeBox schemas of imports: the check or import result, the upload, templates and the log of batches.
import { Type, type Static, type TSchema } from "@sinclair/typebox";

export const ImportKindSchema = Type.Union([Type.Literal("municipalities"), Type.Literal("schools"), Type.Literal("people"), Type.Literal("exam-results")]);

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: "true: только проверить файл, ничего не записывая" })),
}, { additionalProperties: false });

/**
 * The multipart body, for the OpenAPI document. It has no `type`, so the validator (which sees no parsed
 * body: the file is read as a stream by the handler) lets every request through to the handler's checks.
 */
export const UploadBody = {
  content: {
    "multipart/form-data": {
      schema: Type.Unsafe<unknown>({
        properties: { file: { type: "string", format: "binary", description: "Таблица CSV (UTF-8 или Windows-1251; «;», «,» или табуляция) или XLSX" } },
        required: ["file"],
      }) as TSchema,
    },
  },
};

export const ImportErrorSchema = Type.Object({
  /** The row as Excel numbers it: the header is row 1. */
  row: Type.Integer(),
  /** The column's Russian header. */
  field: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
});
export type ImportError = Static<typeof ImportErrorSchema>;

export const ImportResultSchema = Type.Object({
  kind: ImportKindSchema,
  dryRun: Type.Boolean(),
  /** No errors: the file was (or may be) imported as it is. */
  valid: Type.Boolean(),
  /** Rows with data, the header not counted. */
  rows: Type.Integer(),
  /** Every error of every row, sorted by row and column (at most the first 10,000; see errorsTotal). */
  errors: Type.Array(ImportErrorSchema),
  errorsTotal: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  /** What importing this file would do now (for a valid file). */
  wouldCreate: Type.Integer(),
  wouldUpdate: Type.Integer(),
  batchId: Type.Optional(Type.String()),
  /** New assignments in running campaigns that the imported people received. */
  assigned: Type.Optional(Type.Integer()),
});
export type ImportResult = Static<typeof ImportResultSchema>;

export const TemplateParams = Type.Object({ kind: ImportKindSchema });
export const TemplateQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

export const ImportBatchSchema = Type.Object({
  id: Type.String(),
  kind: ImportKindSchema,
  fileName: Type.String(),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
  createdBy: Type.Optional(Type.String()),
});
export type ImportBatch = Static<typeof ImportBatchSchema>;
