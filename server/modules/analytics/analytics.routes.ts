// Routes of the analytics module (being built).
import type { FastifyInstance } from "fastify";
import type { ModuleDeps } from "../../shared/module-deps.js";

export default async function analyticsRoutes(_app: FastifyInstance, _deps: ModuleDeps): Promise<void> {}
