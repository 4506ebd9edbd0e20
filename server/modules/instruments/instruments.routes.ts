// Instrument routes: what this user may take, and an instrument as its respondent sees it.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { forbidden, notFound } from "../../shared/app-error.js";
import { errors, IdParams } from "../../shared/http-schemas.js";
import type { AttemptsService } from "../attempts/attempts.service.js";
import { InstrumentSchema, InstrumentSummarySchema } from "./instruments.schemas.js";
import { mayView } from "./instruments.service.js";
import type { InstrumentRegistry } from "./registry.js";

export default async function instrumentsRoutes(
  fastify: FastifyInstance,
  { registry, attempts }: { registry: InstrumentRegistry; attempts: AttemptsService },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get("/api/instruments", {
    config: { access: "respondent" },
    schema: { tags: ["instruments"], summary: "Инструменты, доступные пользователю", response: { 200: Type.Array(InstrumentSummarySchema), ...errors(401) } },
  }, async (request) => attempts.available(request.principal!));

  app.get("/api/instruments/:id", {
    config: { access: "respondent" },
    schema: { tags: ["instruments"], summary: "Инструмент в том виде, в каком его видит респондент", params: IdParams, response: { 200: InstrumentSchema, ...errors(401, 403, 404) } },
  }, async (request) => {
    const loaded = registry.get(request.params.id);
    if (!loaded) throw notFound("Инструмент не найден", "instrument_not_found");
    if (!mayView(loaded.definition, await attempts.takerOf(request.principal!))) throw forbidden("Этот инструмент вам не назначен", "not_assigned");
    const d = loaded.definition;
    return {
      id: d.id, version: d.version, kind: d.kind, title: d.title,
      ...(d.timeLimitMinutes ? { timeLimitMinutes: d.timeLimitMinutes } : {}),
      survey: loaded.respondentSurvey,
    };
  });
}
