// Routes of the school facts: one school's indicators, index, clusters, risks and exams; the region's ranking by the index.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Role } from "../../db/schema.js";
import { errors, IdParams } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { effectiveThreshold } from "../climate/suppression.js";
import { IndexQuery, IndexRankingSchema, SchoolFactsSchema } from "./school-facts.schemas.js";
import { SchoolFactsService } from "./school-facts.service.js";

const READERS: Role[] = ["methodologist", "admin", "municipal"];

export default async function schoolFactsRoutes(fastify: FastifyInstance, { db, registry, config }: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = new SchoolFactsService(db, registry, effectiveThreshold(config.anonymityThreshold));
  const tags = ["schools"];

  app.get("/api/schools/index", {
    config: { access: { roles: READERS } },
    schema: {
      tags, summary: "Индекс социального благополучия школ: место в регионе и составляющие (координатору — школы его муниципалитета)",
      querystring: IndexQuery, response: { 200: IndexRankingSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => service.index(request.principal, request.query.municipalityId));

  app.get("/api/schools/:id/facts", {
    // Everyone signed in may ask; the service answers 404 unless it is their school, municipality or region.
    config: { access: "user" },
    schema: {
      tags, summary: "Факты о школе: показатели карты условий, индекс, кластеры с причинами, профиль рисков, результаты ВПР, ОГЭ, ЕГЭ",
      params: IdParams, response: { 200: SchoolFactsSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => service.facts(request.principal, request.params.id));
}
