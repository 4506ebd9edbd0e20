// Brings up what the app stands on: database, migrations, instrument library, signing key, demo data.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "./config.js";
import { openDatabase, type DatabaseHandle } from "./db/database.js";
import { migrateToLatest } from "./db/migrator.js";
import { formatProblem, loadLibrary } from "./modules/instruments/instrument-files.js";
import { syncLibrary } from "./modules/instruments/instruments.service.js";
import { InstrumentRegistry } from "./modules/instruments/registry.js";
import { createTokenService, type TokenService } from "./modules/auth/tokens.js";

export class InvalidLibraryError extends Error {}

export interface Platform {
  database: DatabaseHandle;
  registry: InstrumentRegistry;
  tokens: TokenService;
}

/** Loads and checks every instrument; refuses to go on when one is broken, naming file, question and problem. */
export async function loadRegistry(surveysDir: string): Promise<InstrumentRegistry> {
  const { instruments, catalogues, problems } = await loadLibrary(surveysDir);
  if (problems.length) {
    throw new InvalidLibraryError(`the instrument library has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
  }
  return new InstrumentRegistry(instruments, catalogues);
}

export async function openPlatform(config: Readonly<Config>, registry?: InstrumentRegistry): Promise<Platform> {
  const loaded = registry ?? (await loadRegistry(config.surveysDir));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
  try {
    await migrateToLatest(database.db);
    await syncLibrary(database.db, loaded.all().map((i) => i.definition), loaded.catalogues);
  } catch (error) {
    await database.close();
    throw error;
  }
  const secret = config.jwtSecret ?? (await persistentSecret(config.dataDir));
  return { database, registry: loaded, tokens: createTokenService(secret, config.tokenTtlMinutes) };
}

/** Without JWT_SECRET, a random key kept beside the embedded database, so restarts keep sessions valid. */
async function persistentSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "token-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(48).toString("base64url");
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
