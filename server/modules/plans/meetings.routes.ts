// Meetings routes: the current mentor records, changes and deletes meetings; the person, principal and staff read them.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errors } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { CreateMeetingBody, MeetingParams, MeetingSchema, MeetingsSchema, PatchMeetingBody, type PatchMeeting } from "./meetings.schemas.js";
import { MeetingsService } from "./meetings.service.js";
import { PLAN_WRITER_ROLES } from "./plan-access.js";
import { PlanParams } from "./plans.schemas.js";

export default async function meetingsRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const meetings = new MeetingsService(deps.db);
  const tags = ["plans"];
  const write = { access: { roles: PLAN_WRITER_ROLES } };

  app.get("/api/users/:id/meetings", {
    config: { access: "user" },
    schema: { tags, summary: "Встречи наставника с педагогом (новые сверху)", params: PlanParams, response: { 200: MeetingsSchema, ...errors(401, 403, 404) } },
  }, async (request) => meetings.list(request.principal, request.params.id));

  app.post("/api/users/:id/meetings", {
    config: write,
    schema: { tags, summary: "Записать встречу (только текущий наставник)", params: PlanParams, body: CreateMeetingBody, response: { 201: MeetingSchema, ...errors(401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await meetings.create(request.principal, request.params.id, request.body)));

  app.patch("/api/users/:id/meetings/:meetingId", {
    config: write,
    schema: { tags, summary: "Изменить свою запись о встрече", params: MeetingParams, body: PatchMeetingBody, response: { 200: MeetingSchema, ...errors(401, 403, 404) } },
  }, async (request) => meetings.update(request.principal, request.params.id, request.params.meetingId, request.body as PatchMeeting));

  app.delete("/api/users/:id/meetings/:meetingId", {
    config: write,
    schema: { tags, summary: "Удалить свою запись о встрече", params: MeetingParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    await meetings.remove(request.principal, request.params.id, request.params.meetingId);
    return reply.status(204).send(null);
  });
}
