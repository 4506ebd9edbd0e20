// Plan routes: a person's plan, its items, history and draft; registers the evidence and meetings routes beside them.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errors } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { DraftService } from "./draft.service.js";
import evidenceRoutes from "./evidence.routes.js";
import meetingsRoutes from "./meetings.routes.js";
import {
  CreateItemBody, DraftSchema, HistoryQuery, HistorySchema, ItemParams, PatchItemBody, PlanItemSchema, PlanParams, PlanSchema, type PatchItem,
} from "./plans.schemas.js";
import { PlansService } from "./plans.service.js";
import { PLAN_WRITER_ROLES } from "./plan-access.js";

export default async function plansRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const plans = new PlansService(deps.db);
  const drafts = new DraftService(deps.db, () => deps.registry.catalogues.courses, plans);
  const tags = ["plans"];
  const write = { access: { roles: PLAN_WRITER_ROLES } };

  app.get("/api/users/:id/plan", {
    config: { access: "user" },
    schema: { tags, summary: "Индивидуальный образовательный маршрут (ИОМ) педагога", params: PlanParams, response: { 200: PlanSchema, ...errors(401, 403, 404) } },
  }, async (request) => plans.plan(request.principal, request.params.id));

  app.post("/api/users/:id/plan/items", {
    config: write,
    schema: { tags, summary: "Добавить пункт в план (сам педагог или его наставник)", params: PlanParams, body: CreateItemBody, response: { 201: PlanItemSchema, ...errors(401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await plans.addItem(request.principal, request.params.id, request.body)));

  app.patch("/api/users/:id/plan/items/:itemId", {
    config: write,
    schema: { tags, summary: "Изменить пункт плана: статус, название, срок, компетенцию (null — очистить)", params: ItemParams, body: PatchItemBody, response: { 200: PlanItemSchema, ...errors(401, 403, 404) } },
  }, async (request) => plans.updateItem(request.principal, request.params.id, request.params.itemId, request.body as PatchItem));

  app.delete("/api/users/:id/plan/items/:itemId", {
    config: write,
    schema: {
      tags, summary: "Удалить свой пункт, пока он запланирован, без подтверждений и никем больше не изменён (иначе — отметить отменённым)",
      params: ItemParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    await plans.deleteItem(request.principal, request.params.id, request.params.itemId);
    return reply.status(204).send(null);
  });

  app.get("/api/users/:id/plan/history", {
    config: { access: "user" },
    schema: { tags, summary: "История плана: кто, когда и что изменил (новые сверху)", params: PlanParams, querystring: HistoryQuery, response: { 200: HistorySchema, ...errors(401, 403, 404) } },
  }, async (request) => plans.history(request.principal, request.params.id, request.query));

  app.post("/api/users/:id/plan/draft", {
    config: write,
    schema: {
      tags, summary: "Составить план по профилю: рекомендованные курсы, группы курсов педагога, самостоятельное изучение для остальных дефицитов (повторный вызов ничего не добавляет)",
      params: PlanParams, response: { 200: DraftSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => drafts.draft(request.principal, request.params.id));

  await app.register(evidenceRoutes, deps);
  await app.register(meetingsRoutes, deps);
}
