// Starts Orientir: configuration, platform, demo data when asked, then listening. Nothing else listens.
import { buildApp } from "./app.js";
import { openPlatform } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { DEMO_PASSWORD, seedDemoRegion } from "./modules/demo/demo-seed.js";

const config = loadConfig();
const started = Date.now();
const platform = await openPlatform(config).catch((error: Error) => {
  console.error(`Orientir cannot start: ${error.message}`);
  process.exit(1);
});

const seedWanted = config.seedDemo === "yes" || (config.seedDemo === "auto" && platform.database.kind === "pglite");
const seeded = seedWanted ? await seedDemoRegion(platform.database.db, platform.registry) : null;

const app = await buildApp({ config, ...platform });
await app.listen({ port: config.port, host: config.host });

const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
const lines = [
  "",
  `Orientir is running: ${url}  (database: ${platform.database.kind}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
];
if (seeded) {
  lines.push(
    `Demo region loaded: ${seeded.municipalities} municipalities, ${seeded.schools} schools, ${seeded.teachers} teachers, ${seeded.principals} principals, ${seeded.attempts} attempts.`,
  );
}
if (seeded || seedWanted) {
  lines.push(`Demo sign-ins (password "${DEMO_PASSWORD}"): teacher@demo, principal@demo, mentor@demo, methodologist@demo, municipal@demo, admin@demo, teacher-<subject>@demo`);
}
app.log.info(lines.join("\n"));
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await app.close();
    await platform.database.close();
    process.exit(0);
  });
}
