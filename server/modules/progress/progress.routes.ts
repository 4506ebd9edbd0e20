// Waves and measured growth: a person's progress and deficit details (as the profile), the effect in aggregate (staff).
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { currentUser } from "../../plugins/auth.js";
import { errors, FileResponse, UuidParams } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { sendTable } from "../../shared/spreadsheet.js";
import { effectiveThreshold } from "../climate/suppression.js";
import { effectFileName, effectSheet } from "./effect-export.js";
import { EffectExportQuery, EffectQuery, EffectSchema } from "./effect.schemas.js";
import { EffectService } from "./effect.service.js";
import { DeficitDetailsSchema, ProgressSchema } from "./progress.schemas.js";
import { ProgressService } from "./progress.service.js";
import { ReliabilityCache } from "./reliability-cache.js";

const STAFF: Role[] = ["methodologist", "admin", "municipal"];

export default async function progressRoutes(fastify: FastifyInstance, { db, registry, config }: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const reliability = new ReliabilityCache(db, registry);
  const progress = new ProgressService(db, registry, reliability);
  const effect = new EffectService(db, registry, reliability, effectiveThreshold(config.anonymityThreshold));
  app.addSchema(ProgressSchema);
  app.addSchema(EffectSchema);
  const tags = ["waves"];

  app.get("/api/me/progress", {
    config: { access: "user" },
    schema: { tags, summary: "Мои результаты по волнам мониторинга и надёжность изменений", response: { 200: Type.Ref("Progress"), ...errors(401, 403) } },
  }, async (request) => progress.progressOf(request.principal!, currentUser(request).id));

  app.get("/api/users/:id/progress", {
    config: { access: "user" },
    schema: {
      tags, summary: "Результаты человека по волнам (видит тот, кому виден профиль)", params: UuidParams,
      response: { 200: Type.Ref("Progress"), ...errors(401, 403, 404) },
    },
  }, async (request) => progress.progressOf(request.principal!, request.params.id));

  app.get("/api/users/:id/deficit-details", {
    config: { access: "user" },
    schema: {
      tags, summary: "За каждым дефицитом: темы и виды заданий, выполненных не полностью (без текстов и ключей)", params: UuidParams,
      response: { 200: DeficitDetailsSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => progress.deficitDetailsOf(request.principal!, request.params.id));

  app.get("/api/analytics/effect", {
    config: { access: { roles: STAFF } },
    schema: {
      tags, summary: "Изменение между двумя волнами: по курсам, наставничеству, муниципалитетам", querystring: EffectQuery,
      response: { 200: Type.Ref("Effect"), ...errors(401, 403, 404) },
    },
  }, async (request) => effect.report(request.principal, request.query));

  app.get("/api/analytics/effect/export", {
    config: { access: { roles: STAFF } },
    schema: { tags, summary: "Изменение между двумя волнами: XLSX или CSV", querystring: EffectExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const report = await effect.report(request.principal, filters);
    return sendTable(reply, effectSheet(report), effectFileName(report), format);
  });
}
