// Authentication and the first access gate: every /api route declares who may call it, or nobody can.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../db/schema.js";
import type { Principal, UserPrincipal } from "../modules/auth/principal.js";
import type { TokenService } from "../modules/auth/tokens.js";
import { forbidden, unauthorized, type AppError } from "../shared/app-error.js";

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

/** Why this request may not go on, or undefined: the route's access rule against the request's principal. */
function refusal(request: FastifyRequest, header: string | undefined): AppError | undefined {
  if (request.is404) return undefined;
  const access = request.routeOptions.config?.access;
  if (access === "public" || (access === undefined && !request.url.startsWith("/api/"))) return undefined;
  if (access === undefined) return forbidden();
  if (header && !request.principal) return unauthorized("Сеанс истёк или недействителен. Войдите снова.", "invalid_token");
  if (!request.principal) return unauthorized();
  if (access === "respondent") return undefined;
  if (request.principal.kind !== "user") return forbidden("Этот раздел недоступен по анонимному коду");
  if (access === "user") return undefined;
  if (!access.roles.some((r) => (request.principal as UserPrincipal).roles.includes(r))) return forbidden();
  return undefined;
}

export default fp(async function authPlugin(app: FastifyInstance, options: { tokens: TokenService }) {
  app.decorateRequest("principal", null);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && route.config?.access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });

  // A callback hook: a token verified before (tokens.ts keeps them until they expire) is decided
  // without a promise or a turn of the event loop; only a new token waits for its verification.
  app.addHook("onRequest", (request, _reply, done) => {
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) return done(refusal(request, header));
    const token = header.slice(7).trim();
    const known = options.tokens.known(token);
    if (known) {
      request.principal = known;
      return done(refusal(request, header));
    }
    options.tokens.verify(token).then((principal) => {
      request.principal = principal;
      done(refusal(request, header));
    }, done);
  });
});
