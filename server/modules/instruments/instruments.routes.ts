// Instrument routes: what this user may take, and an instrument as its respondent sees it.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type, type Static } from "@sinclair/typebox";
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
    schema: {
      tags: ["instruments"], summary: "Инструмент в том виде, в каком его видит респондент", params: IdParams,
      description: "Отвечает с ETag; с заголовком If-None-Match, равным ему, — 304 без тела (проверка доступа та же).",
      response: { 200: InstrumentSchema, 304: Type.Null({ description: "Не изменился с копии, названной в If-None-Match" }), ...errors(401, 403, 404) },
    },
    // Revalidated, not stored blindly: the copy changes only with the library, and the ETag says when.
    onSend: (_request, reply, payload, done) => {
      if (reply.statusCode === 200 || reply.statusCode === 304) reply.header("cache-control", "private, no-cache");
      done(null, payload);
    },
  }, async (request, reply) => {
    const loaded = registry.get(request.params.id);
    if (!loaded) throw notFound("Инструмент не найден", "instrument_not_found");
    if (!mayView(loaded.definition, await attempts.viewerOf(request.principal!, loaded.definition))) throw forbidden("Этот инструмент вам не назначен", "not_assigned");
    // The body was serialised once (registry.ts); the access check above still runs for every request.
    reply.header("etag", loaded.served.etag);
    // No payload at all: a serialised null would announce a body that a 304 never has.
    if (matchesEtag(request.headers["if-none-match"], loaded.served.etag)) return reply.code(304).send(undefined as unknown as null);
    // A Buffer goes out as it is: the type provider only knows the object it stands for.
    return reply.type("application/json; charset=utf-8").send(loaded.served.body as unknown as Static<typeof InstrumentSchema>);
  });
}

/** If-None-Match holds this ETag (weakly compared, as RFC 9110 asks for this header), or is "*". */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || (t.startsWith("W/") ? t.slice(2) : t) === etag;
  });
}
