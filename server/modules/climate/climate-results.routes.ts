// Routes of climate results: a school's figures (principal, coordinator, staff), its export, the region overview, α (staff).
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { errors, FileResponse, IdParams } from "../../shared/http-schemas.js";
import { sendTable } from "../../shared/spreadsheet.js";
import { CLIMATE_READERS } from "./climate-access.js";
import {
  ClimateExportQuery, RegionOverviewSchema, RegionQuery, ReliabilityQuery, ReliabilitySchema, SchoolClimateQuery, SchoolClimateSchema,
} from "./climate-results.schemas.js";
import type { ClimateResultsService } from "./climate-results.service.js";

export default async function climateResultsRoutes(fastify: FastifyInstance, { results }: { results: ClimateResultsService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ["climate"];
  const readers = { roles: [...CLIMATE_READERS] };

  app.get("/api/schools/:id/climate", {
    config: { access: readers },
    schema: {
      tags, summary: "Климат школы по группам и шкалам рядом с регионом; малые группы без цифр",
      description: "Группа, где ответивших меньше порога анонимности, приходит с suppressed: true и без шкал; так же скрываются группы, по которым малую можно было бы вычислить вычитанием. class — класс (только обучающиеся).",
      params: IdParams, querystring: SchoolClimateQuery, response: { 200: SchoolClimateSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => results.school(request.principal!, request.params.id, request.query));

  app.get("/api/schools/:id/climate/export", {
    config: { access: readers },
    schema: {
      tags, summary: "Климат школы: XLSX или CSV (скрытые группы — без цифр)",
      params: IdParams, querystring: ClimateExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { sheet, baseName } = await results.export(request.principal!, request.params.id, request.query.campaignId);
    return sendTable(reply, sheet, baseName, request.query.format ?? "xlsx");
  });

  app.get("/api/climate/schools", {
    config: { access: { roles: ["methodologist", "admin", "municipal"] } },
    schema: {
      tags, summary: "Климат по школам региона (координатору — своего муниципалитета): ответы и скрытые группы",
      querystring: RegionQuery, response: { 200: RegionOverviewSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => results.region(request.principal!, request.query.municipalityId, request.query.campaignId));

  app.get("/api/climate/reliability", {
    config: { access: { roles: ["methodologist", "admin"] } },
    schema: {
      tags, summary: "Надёжность шкал (α Кронбаха) по ответам региона",
      querystring: ReliabilityQuery, response: { 200: ReliabilitySchema, ...errors(401, 403, 404) },
    },
  }, async (request) => results.reliability(request.principal!, request.query.campaignId));
}
