// Environment → one frozen, typed configuration object; a bad value stops the start with a clear message.
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent, the embedded PGlite database under `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  surveysDir: string;
  clientDir: string;
  /** HS256 key for session tokens; when absent, one is generated and kept in `dataDir`. */
  jwtSecret: string | undefined;
  tokenTtlMinutes: number;
  /** Seed the demo region: "auto" seeds an empty embedded database, "yes" always when empty, "no" never. */
  seedDemo: "auto" | "yes" | "no";
  /** Submissions this many seconds past the time limit are still accepted (scored as they stood at the limit). */
  attemptGraceSeconds: number;
  anonymityThreshold: number;
  logLevel: string;
  trustProxy: boolean;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Readonly<Config> {
  const seed = (env.SEED_DEMO ?? "auto").toLowerCase();
  if (!["auto", "yes", "no", "1", "0", "true", "false"].includes(seed)) throw new ConfigError(`SEED_DEMO must be auto, yes or no, got "${seed}"`);
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new ConfigError("JWT_SECRET must be at least 32 characters");
  return Object.freeze({
    port: integer(env, "PORT", 3000, 0, 65535),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(root, env.DATA_DIR || "data"),
    surveysDir: path.resolve(root, env.SURVEYS_DIR || "surveys"),
    clientDir: path.resolve(root, "dist/client"),
    jwtSecret,
    tokenTtlMinutes: integer(env, "TOKEN_TTL_MINUTES", 120, 5, 24 * 60),
    seedDemo: seed === "1" || seed === "true" ? "yes" : seed === "0" || seed === "false" ? "no" : (seed as Config["seedDemo"]),
    attemptGraceSeconds: integer(env, "ATTEMPT_GRACE_SECONDS", 60, 0, 3600),
    anonymityThreshold: integer(env, "ANONYMITY_THRESHOLD", 5, 3, 100),
    logLevel: env.LOG_LEVEL || "info",
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
  });
}
