// Campaign routes: list, plan, open, close, coverage and the list of those still to test; a person's assignments.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { currentUser } from "../../plugins/auth.js";
import { errors, FileResponse, IdParams } from "../../shared/http-schemas.js";
import { sendTable } from "../../shared/spreadsheet.js";
import {
  AssignmentSchema, CoverageQuery, InstrumentOptionSchema, CoverageSchema, CreateCampaignBody, PendingExportQuery, PendingQuery, PendingSchema,
  SchoolCoverageSchema, UpdateCampaignBody,
} from "./campaigns.schemas.js";
import type { CampaignsService } from "./campaigns.service.js";

const READERS: Role[] = ["methodologist", "admin", "municipal"];
const WRITERS: Role[] = ["methodologist", "admin"];
const STATE_LABELS = { not_started: "не начат", in_progress: "начат, не отправлен" } as const;

export default async function campaignsRoutes(fastify: FastifyInstance, { campaigns }: { campaigns: CampaignsService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const campaignRef = Type.Ref("Campaign");
  const tags = ["campaigns"];

  app.get("/api/campaigns", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Кампании региона (координатору — охватывающие его муниципалитет)", response: { 200: Type.Array(campaignRef), ...errors(401, 403) } },
  }, async (request) => campaigns.list(request.principal!));

  app.get("/api/campaigns/instruments", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Инструменты, которые может включать кампания", response: { 200: Type.Array(InstrumentOptionSchema), ...errors(401, 403) } },
  }, async (request) => campaigns.instruments(request.principal!));

  app.post("/api/campaigns", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Запланировать кампанию", body: CreateCampaignBody, response: { 201: campaignRef, ...errors(401, 403) } },
  }, async (request, reply) => reply.status(201).send(await campaigns.create(request.principal!, request.body)));

  app.get("/api/campaigns/:id", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Кампания", params: IdParams, response: { 200: campaignRef, ...errors(401, 403, 404) } },
  }, async (request) => campaigns.get(request.principal!, request.params.id));

  app.patch("/api/campaigns/:id", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Изменить запланированную кампанию", params: IdParams, body: UpdateCampaignBody, response: { 200: campaignRef, ...errors(401, 403, 404, 409) } },
  }, async (request) => campaigns.update(request.principal!, request.params.id, request.body));

  app.delete("/api/campaigns/:id", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Удалить запланированную кампанию без ответов", params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await campaigns.remove(request.principal!, request.params.id);
    return reply.status(204).send(null);
  });

  app.post("/api/campaigns/:id/open", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Открыть кампанию: назначить инструменты всем, кого она охватывает", params: IdParams, response: { 200: campaignRef, ...errors(401, 403, 404, 409) } },
  }, async (request) => campaigns.open(request.principal!, request.params.id));

  app.post("/api/campaigns/:id/close", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Закрыть кампанию (все ответы сохраняются)", params: IdParams, response: { 200: campaignRef, ...errors(401, 403, 404, 409) } },
  }, async (request) => campaigns.close(request.principal!, request.params.id));

  app.get("/api/campaigns/:id/coverage", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Охват: назначено, начали, прошли — по муниципалитетам и инструментам", params: IdParams, querystring: CoverageQuery, response: { 200: CoverageSchema, ...errors(401, 403, 404) } },
  }, async (request) => campaigns.coverage(request.principal!, request.params.id, request.query.municipalityId));

  app.get("/api/campaigns/:id/coverage/schools", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Охват по школам", params: IdParams, querystring: CoverageQuery, response: { 200: SchoolCoverageSchema, ...errors(401, 403, 404) } },
  }, async (request) => campaigns.schoolsCoverage(request.principal!, request.params.id, request.query.municipalityId));

  app.get("/api/campaigns/:id/pending", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Кто ещё не прошёл диагностику", params: IdParams, querystring: PendingQuery, response: { 200: PendingSchema, ...errors(401, 403, 404) } },
  }, async (request) => {
    const { municipalityId, schoolId, limit, offset } = request.query;
    const { total, rows } = await campaigns.pending(request.principal!, request.params.id, { municipalityId, schoolId }, limit ?? 100, offset ?? 0);
    return { total, rows };
  });

  app.get("/api/campaigns/:id/pending/export", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Кто ещё не прошёл диагностику: XLSX или CSV для обзвона школ", params: IdParams, querystring: PendingExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const { municipalityId, schoolId, format } = request.query;
    const { rows } = await campaigns.pending(request.principal!, request.params.id, { municipalityId, schoolId }, null);
    return sendTable(reply, {
      name: "Не прошли диагностику",
      columns: [
        { header: "Муниципалитет", key: "municipalityName", width: 34 }, { header: "Школа", key: "schoolName", width: 48 },
        { header: "Телефон школы", key: "schoolPhone", width: 18 }, { header: "ФИО", key: "name", width: 34 },
        { header: "Должность", key: "position", width: 30 }, { header: "E-mail", key: "email", width: 28 },
        { header: "Инструмент", key: "instrumentTitle", width: 44 }, { header: "Состояние", key: "state", width: 20 },
      ],
      rows: rows.map((r) => ({ ...r, state: STATE_LABELS[r.state] })),
    }, "ne-proshli-diagnostiku", format);
  });

  app.get("/api/me/assignments", {
    config: { access: "user" },
    schema: { tags, summary: "Мои назначения: в идущих и закрытых кампаниях", response: { 200: Type.Array(AssignmentSchema), ...errors(401) } },
  }, async (request) => campaigns.assignmentsOf(currentUser(request).id));
}
