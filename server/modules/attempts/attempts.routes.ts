// Attempt routes: start or resume, autosave, submit, read the attempt and its result.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errors, UuidParams } from "../../shared/http-schemas.js";
import { SaveBody, StartBody, SubmitBody } from "./attempts.schemas.js";
import type { AttemptsService } from "./attempts.service.js";

export default async function attemptsRoutes(fastify: FastifyInstance, { attempts }: { attempts: AttemptsService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const attemptRef = Type.Ref("Attempt");

  app.post("/api/attempts", {
    config: { access: "respondent" },
    schema: {
      tags: ["attempts"], summary: "Начать попытку или продолжить открытую", body: StartBody,
      response: { 200: attemptRef, 201: attemptRef, ...errors(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { attempt, created } = await attempts.start(request.principal!, request.body.instrumentId);
    return reply.status(created ? 201 : 200).send(attempt);
  });

  app.get("/api/attempts/:id", {
    config: { access: "respondent" },
    schema: { tags: ["attempts"], summary: "Попытка", params: UuidParams, response: { 200: attemptRef, ...errors(401, 404) } },
  }, async (request) => attempts.get(request.principal!, request.params.id));

  app.put("/api/attempts/:id", {
    config: { access: "respondent" },
    schema: { tags: ["attempts"], summary: "Автосохранение ответов", params: UuidParams, body: SaveBody, response: { 200: attemptRef, ...errors(401, 404, 409, 413) } },
  }, async (request) => attempts.save(request.principal!, request.params.id, request.body.data, request.body.currentPage));

  app.post("/api/attempts/:id/submit", {
    config: { access: "respondent" },
    schema: {
      tags: ["attempts"], summary: "Отправить ответы (повторная отправка ничего не меняет)", params: UuidParams, body: SubmitBody,
      response: { 200: Type.Object({ attempt: attemptRef, result: Type.Union([Type.Ref("Result"), Type.Null()]) }), ...errors(401, 404, 413) },
    },
  }, async (request) => attempts.submit(request.principal!, request.params.id, request.body.data));

  app.get("/api/attempts/:id/result", {
    config: { access: "respondent" },
    schema: { tags: ["attempts"], summary: "Результат попытки", params: UuidParams, response: { 200: Type.Ref("Result"), ...errors(401, 404, 409) } },
  }, async (request) => attempts.result(request.principal!, request.params.id));
}
