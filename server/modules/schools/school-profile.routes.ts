// Routes of the school profile (contract: GET /api/schools/:id/profile) and the region registry with its export.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { errors, FileResponse, IdParams } from "../../shared/http-schemas.js";
import { sendTable } from "../../shared/spreadsheet.js";
import type { SchoolProfileService } from "./school-profile.service.js";
import { RegistryExportQuery, RegistryQuery, RegistrySchema, SchoolProfileSchema } from "./school-profile.schemas.js";
import type { SchoolRegistryService } from "./school-registry.service.js";

export default async function schoolProfileRoutes(fastify: FastifyInstance, { profiles, registry }: { profiles: SchoolProfileService; registry: SchoolRegistryService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ["schools"];
  const readers = { roles: ["methodologist" as const, "admin" as const, "municipal" as const] };

  app.get("/api/schools/:id/profile", {
    // Everyone signed in may ask; the service answers 404 unless it is their school, municipality or region.
    config: { access: "user" },
    schema: {
      tags, summary: "Профиль школы: педагоги и дефициты, руководитель, климат рядом с регионом, условия, индекс, кластеры, риски, рекомендации",
      description: "Руководителю школы, координатору её муниципалитета, методистам и администраторам; остальным — 404. Группа климата меньше порога анонимности: suppressed: true и без шкал.",
      params: IdParams, response: { 200: SchoolProfileSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => profiles.profile(request.principal, request.params.id));

  app.get("/api/schools/registry", {
    config: { access: readers },
    schema: {
      tags, summary: "Реестр школ региона (координатору — своего муниципалитета): индекс, кластеры, риски, охват, климат",
      description: "risk — фактор риска (без level: средний или высокий уровень); level — уровень (low, medium, high, unknown).",
      querystring: RegistryQuery, response: { 200: RegistrySchema, ...errors(401, 403, 404) },
    },
  }, async (request) => registry.list(request.principal, request.query));

  app.get("/api/schools/registry/export", {
    config: { access: readers },
    schema: {
      tags, summary: "Реестр школ: XLSX или CSV с теми же фильтрами (скрытые группы климата — без цифр)",
      querystring: RegistryExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { format, ...filter } = request.query;
    const { sheet, baseName } = await registry.export(request.principal, filter);
    return sendTable(reply, sheet, baseName, format ?? "xlsx");
  });
}
