// Password hashing with Node's scrypt (memory-hard); the stored string carries its own parameters.
import { randomBytes, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { AppError } from "../../shared/app-error.js";
import { PasswordPool } from "./password-pool.js";

const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

/** Hashes run in worker threads at a lower priority, one per core (see password-pool.ts). */
const pool = new PasswordPool();

/**
 * A sign-in that would wait longer than this for its hash is refused at once with Retry-After
 * (503): a person at the login form is better told to press again in a few seconds than left
 * waiting, and a queue that only grows would hold every later sign-in hostage.
 */
const MAX_SIGN_IN_WAIT_MS = 15_000;

function derive(password: string, salt: Buffer, options: ScryptOptions & { keylen: number }): Promise<Buffer> {
  const { keylen, ...rest } = options;
  const N = rest.N ?? PARAMS.N;
  const r = rest.r ?? PARAMS.r;
  // 128·N·r bytes are needed; allow twice that.
  return pool.run({ password: password.normalize("NFKC"), salt, keylen, options: { N, r, p: rest.p ?? PARAMS.p, maxmem: 256 * N * r } });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const wait = pool.expectedWaitMs();
  if (wait > MAX_SIGN_IN_WAIT_MS) {
    // Back when the queue ahead, as it stands, has drained below the limit.
    const seconds = Math.min(60, Math.max(2, Math.ceil((wait - MAX_SIGN_IN_WAIT_MS) / 1000) + 2));
    throw new AppError(503, "overloaded", `Сейчас входит очень много участников. Повторите вход через ${seconds} с — ваши данные в порядке.`, { "retry-after": String(seconds) });
  }
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p), keylen: expected.length });
  return timingSafeEqual(actual, expected);
}

/** Verified against when the login does not exist, so that a wrong login costs as long as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString("hex"));
  return decoy;
}
