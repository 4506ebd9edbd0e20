// `npm run seed:demo`: loads the demo region into the configured database if it holds no region yet.
import { loadConfig } from "../config.js";
import { openPlatform } from "../bootstrap.js";
import { DEMO_PASSWORD, seedDemoRegion } from "../modules/demo/demo-seed.js";

const config = loadConfig();
const platform = await openPlatform(config);
const started = Date.now();
const summary = await seedDemoRegion(platform.database.db, platform.registry);
await platform.database.close();
if (!summary) {
  console.log("The database already holds a region: nothing seeded.");
} else {
  console.log(`Demo region loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.schools} schools, ${summary.teachers} teachers, ${summary.principals} principals, ${summary.attempts} attempts.`);
  console.log(`Sign-ins (password "${DEMO_PASSWORD}"): ${summary.logins.join(", ")}`);
}
