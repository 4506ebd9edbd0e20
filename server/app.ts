// buildApp: registers the plugins, then every module, in order. It never listens; main.ts and tests do.
import Fastify, { LogController, type FastifyInstance } from "fastify";
import fastifyMultipart from "@fastify/multipart";
import fastifySwagger from "@fastify/swagger";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/database.js";
import { ErrorBody } from "./shared/http-schemas.js";
import authPlugin from "./plugins/auth.js";
import errorsPlugin from "./plugins/errors.js";
import loadShedding from "./plugins/load-shedding.js";
import requestLog from "./plugins/request-log.js";
import securityHeaders from "./plugins/security-headers.js";
import { schemaController } from "./plugins/validation.js";
import staticClient from "./plugins/static-client.js";
import { AttemptsService } from "./modules/attempts/attempts.service.js";
import attemptsRoutes from "./modules/attempts/attempts.routes.js";
import { AuthService } from "./modules/auth/auth.service.js";
import authRoutes from "./modules/auth/auth.routes.js";
import { UserSchema } from "./modules/auth/auth.schemas.js";
import { AttemptSchema, ResultSchema } from "./modules/attempts/attempts.schemas.js";
import { ProfileSchema } from "./modules/profiles/profiles.schemas.js";
import type { TokenService } from "./modules/auth/tokens.js";
import healthRoutes from "./modules/health/health.routes.js";
import instrumentsRoutes from "./modules/instruments/instruments.routes.js";
import type { InstrumentRegistry } from "./modules/instruments/registry.js";
import { ProfilesService } from "./modules/profiles/profiles.service.js";
import profilesRoutes from "./modules/profiles/profiles.routes.js";
import accessCodesRoutes from "./modules/access-codes/access-codes.routes.js";
import climateRoutes from "./modules/climate/climate.routes.js";
import plansRoutes from "./modules/plans/plans.routes.js";
import notificationsRoutes from "./modules/notifications/notifications.routes.js";
import analyticsRoutes from "./modules/analytics/analytics.routes.js";
import { CampaignSchema } from "./modules/campaigns/campaigns.schemas.js";
import { CampaignsService } from "./modules/campaigns/campaigns.service.js";
import campaignsRoutes from "./modules/campaigns/campaigns.routes.js";
import courseGroupsRoutes from "./modules/course-groups/course-groups.routes.js";
import importsRoutes from "./modules/imports/imports.routes.js";
import mentoringRoutes from "./modules/mentoring/mentoring.routes.js";
import schoolsRoutes from "./modules/schools/schools.routes.js";
import schoolFactsRoutes from "./modules/schools/school-facts.routes.js";
import progressRoutes from "./modules/progress/progress.routes.js";
import type { ModuleDeps } from "./shared/module-deps.js";

export interface AppDependencies {
  config: Readonly<Config>;
  database: DatabaseHandle;
  registry: InstrumentRegistry;
  tokens: TokenService;
  logger?: boolean | object;
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, registry, tokens } = deps;
  const app = Fastify({
    // Request log lines carry no client address: paired with an anonymous respondent's requests it
    // would tie answers to a device. Rate limits read the address in memory only.
    logger: deps.logger ?? { level: config.logLevel, serializers: { req: (req) => ({ method: req.method, url: req.url }) } },
    // Not two lines per request: request-log.ts writes the slow, failing and sampled ones.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    schemaController,
  });

  await app.register(errorsPlugin);
  await app.register(requestLog);
  // Before authentication: a request refused for load costs next to nothing.
  await app.register(loadShedding, { queueDelayMs: database.queueDelayMs });
  await app.register(securityHeaders);
  await app.register(fastifySwagger, {
    openapi: { info: { title: "Orientir API", version: "1" }, components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } } },
  });
  for (const schema of [ErrorBody, UserSchema, AttemptSchema, ResultSchema, ProfileSchema, CampaignSchema]) app.addSchema(schema);
  await app.register(authPlugin, { tokens });
  // Uploads (imports): one file per request, up to 20 MB; a 5,000-person XLSX is well under 1 MB.
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20, parts: 30 } });

  const db = database.db;
  const attempts = new AttemptsService(db, registry, config.attemptGraceSeconds);
  await app.register(healthRoutes, { db, kind: database.kind });
  await app.register(authRoutes, { auth: new AuthService(db, tokens) });
  await app.register(instrumentsRoutes, { registry, attempts });
  await app.register(attemptsRoutes, { attempts });
  await app.register(profilesRoutes, { profiles: new ProfilesService(db, () => registry.catalogues.courses) });
  const moduleDeps: ModuleDeps = { db, registry, config };
  await app.register(campaignsRoutes, { campaigns: new CampaignsService(db, registry) });
  await app.register(schoolsRoutes, moduleDeps);
  await app.register(schoolFactsRoutes, moduleDeps);
  await app.register(importsRoutes, moduleDeps);
  await app.register(accessCodesRoutes, moduleDeps);
  await app.register(analyticsRoutes, moduleDeps);
  await app.register(courseGroupsRoutes, moduleDeps);
  await app.register(mentoringRoutes, moduleDeps);
  await app.register(climateRoutes, moduleDeps);
  await app.register(progressRoutes, moduleDeps);
  await app.register(plansRoutes, moduleDeps);
  await app.register(notificationsRoutes, moduleDeps);

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  await app.register(staticClient, { clientDir: config.clientDir });
  return app;
}
