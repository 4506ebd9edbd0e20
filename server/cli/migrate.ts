// `npm run migrate`: brings the configured database to the latest migration.
import { loadConfig } from "../config.js";
import path from "node:path";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrator.js";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
const applied = await migrateToLatest(database.db);
await database.close();
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
