// Profile routes: one's own deficit profile, and a person's profile for those allowed to see it.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { currentUser } from "../../plugins/auth.js";
import { errors, UuidParams } from "../../shared/http-schemas.js";
import type { ProfilesService } from "./profiles.service.js";

export default async function profilesRoutes(fastify: FastifyInstance, { profiles }: { profiles: ProfilesService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get("/api/me/profile", {
    config: { access: "user" },
    schema: { tags: ["profiles"], summary: "Мой профиль дефицитов", response: { 200: Type.Ref("Profile"), ...errors(401, 403) } },
  }, async (request) => profiles.profileOf(request.principal!, currentUser(request).id));

  app.get("/api/users/:id/profile", {
    config: { access: "user" },
    schema: { tags: ["profiles"], summary: "Профиль дефицитов сотрудника", params: UuidParams, response: { 200: Type.Ref("Profile"), ...errors(401, 403, 404) } },
  }, async (request) => profiles.profileOf(request.principal!, request.params.id));
}
