// Routes of the access-codes module (being built).
import type { FastifyInstance } from "fastify";
import type { ModuleDeps } from "../../shared/module-deps.js";

export default async function accessCodesRoutes(_app: FastifyInstance, _deps: ModuleDeps): Promise<void> {}
