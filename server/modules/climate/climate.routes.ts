// The climate module as one plugin: anonymous rounds with their codes, and the results with suppression.
import type { FastifyInstance } from "fastify";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { ClimateResultsService } from "./climate-results.service.js";
import climateResultsRoutes from "./climate-results.routes.js";
import { ClimateRoundsService } from "./climate-rounds.service.js";
import climateRoundsRoutes from "./climate-rounds.routes.js";
import { effectiveThreshold } from "./suppression.js";

export default async function climateRoutes(app: FastifyInstance, { db, registry, config }: ModuleDeps): Promise<void> {
  const threshold = effectiveThreshold(config.anonymityThreshold);
  await app.register(climateRoundsRoutes, { rounds: new ClimateRoundsService(db, registry, threshold) });
  await app.register(climateResultsRoutes, { results: new ClimateResultsService(db, registry, threshold) });
}
