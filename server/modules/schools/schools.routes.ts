// Places of the region: municipalities (staff), the schools a user may see (contract: GET /api/schools), and the school pages' routes.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { forbidden } from "../../shared/app-error.js";
import { errors } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { isStaff } from "../auth/principal.js";
import { staffScope } from "../auth/staff-scope.js";
import { effectiveThreshold } from "../climate/suppression.js";
import { regionView } from "./region-view.js";
import schoolProfileRoutes from "./school-profile.routes.js";
import { SchoolProfileService } from "./school-profile.service.js";
import { SchoolRegistryService } from "./school-registry.service.js";
import { listMunicipalities, listSchools, type SchoolFilter } from "./schools.repository.js";
import { MunicipalitySchema, SchoolSchema } from "./schools.schemas.js";

export default async function schoolsRoutes(fastify: FastifyInstance, { db, registry, config }: ModuleDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const threshold = effectiveThreshold(config.anonymityThreshold);
  await app.register(schoolProfileRoutes, {
    profiles: new SchoolProfileService(db, registry, threshold),
    registry: new SchoolRegistryService(db, registry, threshold),
  });

  app.get("/api/municipalities", {
    config: { access: { roles: ["methodologist", "admin", "municipal"] } },
    schema: { tags: ["schools"], summary: "Муниципалитеты региона с соседями", response: { 200: Type.Array(MunicipalitySchema), ...errors(401, 403) } },
  }, async (request) => {
    const scope = staffScope(request.principal);
    return listMunicipalities(db, scope.regionId, scope.municipalityId);
  });

  app.get("/api/schools", {
    config: { access: "user" },
    schema: {
      tags: ["schools"], summary: "Школы, которые видит пользователь: свою, своего муниципалитета или все (сотрудники института)",
      querystring: Type.Object({ municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(SchoolSchema), ...errors(401, 403) },
    },
  }, async (request) => {
    const p = request.principal;
    if (p?.kind !== "user" || !p.regionId) throw forbidden();
    const filter: SchoolFilter = { regionId: p.regionId, municipalityId: request.query.municipalityId };
    if (!isStaff(p)) {
      if (p.roles.includes("municipal") && p.municipalityId) {
        // A coordinator asking for another municipality sees nothing of it.
        if (filter.municipalityId && filter.municipalityId !== p.municipalityId) return [];
        filter.municipalityId = p.municipalityId;
      } else if (p.schoolId) filter.schoolId = p.schoolId;
      else return [];
    }
    const rows = await listSchools(db, filter);
    if (rows.length === 0) return [];
    // The clusters the rules assign (the region's own list is one of the rules), from the region's cached facts.
    const { facts } = await regionView(db, registry, p.regionId, threshold);
    return rows.map((s) => ({
      id: s.id, name: s.name, shortName: s.short_name, municipalityId: s.municipality_id, municipalityName: s.municipality_name,
      clusters: facts.get(s.id)?.clusters.map((c) => c.code) ?? s.clusters, locality: s.locality, ...(s.students !== null ? { students: s.students } : {}),
      lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results,
      ...(s.phone ? { phone: s.phone } : {}), ...(s.email ? { email: s.email } : {}),
    }));
  });
}
