// Sign-in routes: password, access code, token renewal, and the signed-in user.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errors } from "../../shared/http-schemas.js";
import { CodeBody, LoginBody, SessionSchema } from "./auth.schemas.js";
import type { AuthService } from "./auth.service.js";

export default async function authRoutes(fastify: FastifyInstance, { auth }: { auth: AuthService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post("/api/auth/login", {
    config: { access: "public" },
    schema: { tags: ["auth"], summary: "Вход по логину и паролю", body: LoginBody, response: { 200: SessionSchema, ...errors(401) } },
  }, async (request) => auth.loginWithPassword(request.body.login, request.body.password, request.ip));

  app.post("/api/auth/code", {
    config: { access: "public" },
    schema: { tags: ["auth"], summary: "Вход по коду доступа", body: CodeBody, response: { 200: SessionSchema, ...errors(401) } },
  }, async (request) => auth.loginWithCode(request.body.code, request.ip));

  app.post("/api/auth/refresh", {
    config: { access: "respondent" },
    schema: { tags: ["auth"], summary: "Продление сеанса", response: { 200: SessionSchema, ...errors(401) } },
  }, async (request) => auth.renew(request.principal!));

  app.get("/api/me", {
    config: { access: "respondent" },
    schema: { tags: ["auth"], summary: "Текущий пользователь", response: { 200: Type.Ref("User"), ...errors(401) } },
  }, async (request) => auth.me(request.principal!));
}
