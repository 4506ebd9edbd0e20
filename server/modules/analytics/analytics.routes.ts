// Routes of the analytics module: the region's training themes (and their download) and the staff dashboard.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Role } from "../../db/schema.js";
import { errors, FileResponse } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { CSV_TYPE, csvText, sendDownload, xlsxBuffer, XLSX_TYPE } from "../../shared/spreadsheet.js";
import { OverviewSchema, ThemesExportQuery, ThemesQuery, ThemesReportSchema } from "./analytics.schemas.js";
import { AnalyticsService } from "./analytics.service.js";
import { mainSheet, themesSheets } from "./themes-export.js";

const READERS: Role[] = ["methodologist", "admin", "municipal"];

export default async function analyticsRoutes(fastify: FastifyInstance, { db, registry }: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const analytics = new AnalyticsService(db, registry);
  const tags = ["analytics"];

  app.get("/api/analytics/themes", {
    config: { access: { roles: READERS } },
    schema: {
      tags, summary: "Темы обучения: самые частые дефициты по предметам и межпредметные, по муниципалитетам и кластерам",
      querystring: ThemesQuery, response: { 200: ThemesReportSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => analytics.themes(request.principal, request.query));

  app.get("/api/analytics/themes/export", {
    config: { access: { roles: READERS } },
    schema: {
      tags, summary: "Темы обучения: XLSX (по предметам, межпредметные, матрицы по муниципалитетам и кластерам) или CSV основной таблицы",
      querystring: ThemesExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) },
    },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const report = await analytics.allThemes(request.principal, filters);
    if (format === "csv") return sendDownload(reply, csvText(mainSheet(report)), "temy-obucheniya.csv", CSV_TYPE);
    return sendDownload(reply, await xlsxBuffer(themesSheets(report)), "temy-obucheniya.xlsx", XLSX_TYPE);
  });

  app.get("/api/analytics/overview", {
    config: { access: { roles: READERS } },
    schema: {
      tags, summary: "Обзор для сотрудников: идущие кампании и охват, дефициты, группы, наставничество, последний импорт",
      response: { 200: OverviewSchema, ...errors(401, 403) },
    },
  }, async (request) => analytics.overview(request.principal));
}
