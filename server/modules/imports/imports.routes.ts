// Import routes: check or import municipalities, schools, staff and exam results from XLSX/CSV; templates; the log of batches.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { errors, FileResponse } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { sendDownload } from "../../shared/spreadsheet.js";
import { IMPORT_KINDS, KIND_TITLES } from "./import-columns.js";
import { ImportBatchSchema, ImportQuery, ImportResultSchema, TemplateParams, TemplateQuery, UploadBody } from "./imports.schemas.js";
import { ImportsService } from "./imports.service.js";
import { readUpload } from "./upload.js";

/** Imports change the region: methodologists and admins only (coordinators read, and get 403 here). */
const WRITERS: Role[] = ["methodologist", "admin"];

export default async function importsRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const imports = new ImportsService(deps.db);
  const tags = ["imports"];

  for (const kind of IMPORT_KINDS) {
    app.post(`/api/imports/${kind}`, {
      config: { access: { roles: WRITERS } },
      schema: {
        tags, summary: `Импорт из XLSX или CSV: ${KIND_TITLES[kind]} (dryRun=true — только проверить)`,
        description: "Файл в поле `file` (multipart/form-data). Пока в файле есть хоть одна ошибка, ничего не записывается: в ответе все ошибки с номером строки и столбцом. Чистый файл записывается одной транзакцией; повторный импорт того же файла ничего не создаёт (результаты экзаменов обновляются по школе, году, экзамену, предмету и классу).",
        querystring: ImportQuery, body: UploadBody,
        response: { 200: ImportResultSchema, ...errors(401, 403, 409, 413) },
      },
    }, async (request) => imports.run(request.principal!, kind, await readUpload(request), request.query.dryRun ?? false));
  }

  app.get("/api/imports/templates/:kind", {
    config: { access: { roles: WRITERS } },
    schema: {
      tags, summary: "Шаблон файла импорта: заголовки, два примера и лист «Инструкция»",
      params: TemplateParams, querystring: TemplateQuery, response: { 200: FileResponse, ...errors(401, 403) },
    },
  }, async (request, reply) => {
    const file = await imports.template(request.principal!, request.params.kind, request.query.format ?? "xlsx");
    return sendDownload(reply, file.body, file.fileName, file.contentType);
  });

  app.get("/api/imports/history", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Последние 50 импортов региона", response: { 200: Type.Array(ImportBatchSchema), ...errors(401, 403) } },
  }, async (request) => imports.history(request.principal!));
}
