// Authentication and the first access gate: every /api route declares who may call it, or nobody can.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../db/schema.js";
import type { Principal, UserPrincipal } from "../modules/auth/principal.js";
import type { TokenService } from "../modules/auth/tokens.js";
import { forbidden, unauthorized } from "../shared/app-error.js";

/**
 * "public": anyone; "respondent": any valid token, anonymous included; "user": a signed-in person;
 * `{ roles }`: a signed-in person with one of the roles. Finer scope checks live in each module.
 */
export type Access = "public" | "respondent" | "user" | { roles: Role[] };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The signed-in person of a request whose route requires one. */
export function currentUser(request: FastifyRequest): UserPrincipal {
  const p = request.principal;
  if (p?.kind !== "user") throw unauthorized();
  return p;
}

export default fp(async function authPlugin(app: FastifyInstance, options: { tokens: TokenService }) {
  app.decorateRequest("principal", null);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && route.config?.access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) request.principal = await options.tokens.verify(header.slice(7).trim());
    if (request.is404) return;
    const access = request.routeOptions.config?.access;
    if (access === "public" || (access === undefined && !request.url.startsWith("/api/"))) return;
    if (access === undefined) throw forbidden();
    if (header && !request.principal) throw unauthorized("Сеанс истёк или недействителен. Войдите снова.", "invalid_token");
    if (!request.principal) throw unauthorized();
    if (access === "respondent") return;
    if (request.principal.kind !== "user") throw forbidden("Этот раздел недоступен по анонимному коду");
    if (access === "user") return;
    if (!access.roles.some((r) => (request.principal as UserPrincipal).roles.includes(r))) throw forbidden();
  });
});
