// Routes of the imports module (being built).
import type { FastifyInstance } from "fastify";
import type { ModuleDeps } from "../../shared/module-deps.js";

export default async function importsRoutes(_app: FastifyInstance, _deps: ModuleDeps): Promise<void> {}
