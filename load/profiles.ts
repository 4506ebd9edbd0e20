// The exam-day profiles and the command-line options that override them. Pure.

export type LoadDatabase = "postgres" | "pglite";

export interface LoadOptions {
  profile: string;
  /** Simulated teachers. */
  takers: number;
  /** Share of them signing in with a login and password; the rest type a personal access code. */
  passwordShare: number;
  /** Sign-ins are spread uniformly over this window (they arrive before the test opens). */
  signInSeconds: number;
  /** The test opens for everyone at one moment; each taker clicks within this many seconds of it. */
  openJitterSeconds: number;
  /** Time on one page, drawn uniformly, then multiplied by thinkScale. */
  thinkMinSeconds: number;
  thinkMaxSeconds: number;
  thinkScale: number;
  /** Also save 3 s after each answer, as the browser's debounced autosave does (off: a save per page change only). */
  answerSaves: boolean;
  database: LoadDatabase;
  /** A PostgreSQL server URL the test may create and drop a scratch database on. */
  adminUrl: string;
  /**
   * Keep-alive sockets the generator holds to the server, as a reverse proxy's upstream pool (TLS ends
   * at the proxy); beyond them requests wait their turn, and the wait counts in their latency. 0: one
   * per teacher, as browsers talking to Orientir directly: then thousands connect at the opening and
   * the listen backlog overflows (docs/exam-day.md).
   */
  connections: number;
  /** After the exam: a calm stretch of autosaves at a low rate to show the latency back to normal. */
  recoverySeconds: number;
  /** A hard bound: the generator stops every taker after this long. */
  maxSeconds: number;
  /** Print the timeline in windows of this many seconds. */
  windowSeconds: number;
  /** Keep the scratch database (for a look afterwards) instead of dropping it. */
  keepDatabase: boolean;
}

const BASE: Omit<LoadOptions, "profile" | "takers" | "signInSeconds" | "openJitterSeconds" | "thinkScale" | "maxSeconds"> = {
  passwordShare: 0.5,
  thinkMinSeconds: 30,
  thinkMaxSeconds: 90,
  answerSaves: false,
  database: "postgres",
  adminUrl: "postgres://postgres@127.0.0.1:5432/postgres",
  connections: 512,
  recoverySeconds: 20,
  windowSeconds: 15,
  keepDatabase: false,
};

export const PROFILES: Record<string, Omit<LoadOptions, keyof typeof BASE>> = {
  /** The exam day of issue 9: 5,000 teachers, sign-ins over four minutes, 30–90 s per page (about 15 minutes). */
  full: { profile: "full", takers: 5000, signInSeconds: 240, openJitterSeconds: 20, thinkScale: 1, maxSeconds: 1800 },
  /** Three times the exam day at once: what must be shed, not fallen over. */
  triple: { profile: "triple", takers: 15000, signInSeconds: 240, openJitterSeconds: 20, thinkScale: 1, maxSeconds: 2400 },
  /** CI: 500 teachers in about two minutes, the same autosave rate per second as the full day. */
  ci: { profile: "ci", takers: 500, signInSeconds: 30, openJitterSeconds: 5, thinkScale: 0.1, maxSeconds: 300 },
  /** Three times the CI profile, in its short timing: shedding and recovery in about five minutes. */
  "ci-triple": { profile: "ci-triple", takers: 1500, signInSeconds: 30, openJitterSeconds: 5, thinkScale: 0.1, maxSeconds: 600 },
  /** A quick look while developing. */
  smoke: { profile: "smoke", takers: 50, signInSeconds: 5, openJitterSeconds: 2, thinkScale: 0.02, maxSeconds: 120 },
};

export class OptionsError extends Error {}

const NUMBERS = {
  "--takers": "takers", "--password-share": "passwordShare", "--sign-in-seconds": "signInSeconds", "--open-jitter-seconds": "openJitterSeconds",
  "--think-min": "thinkMinSeconds", "--think-max": "thinkMaxSeconds", "--think-scale": "thinkScale", "--connections": "connections",
  "--recovery-seconds": "recoverySeconds", "--max-seconds": "maxSeconds", "--window-seconds": "windowSeconds",
} as const satisfies Record<string, keyof LoadOptions>;

export const USAGE = `npm run test:load -- [--profile full|triple|ci|ci-triple|smoke] [--db postgres|pglite] [--admin-url postgres://…/postgres]
  [--takers N] [--password-share 0.5] [--sign-in-seconds S] [--open-jitter-seconds S] [--think-min S] [--think-max S]
  [--think-scale F] [--answer-saves] [--connections N] [--recovery-seconds S] [--max-seconds S] [--window-seconds S] [--keep-db]`;

/** argv (after the script name) → options; a profile first, then each override. */
export function parseOptions(argv: string[], env: Record<string, string | undefined> = {}): LoadOptions {
  const args = [...argv];
  const profileAt = args.indexOf("--profile");
  const profileName = profileAt >= 0 ? args[profileAt + 1] ?? "" : "full";
  const profile = PROFILES[profileName];
  if (!profile) throw new OptionsError(`unknown profile "${profileName}": one of ${Object.keys(PROFILES).join(", ")}`);
  const options: LoadOptions = { ...BASE, ...profile, ...(env.LOAD_ADMIN_URL ? { adminUrl: env.LOAD_ADMIN_URL } : {}) };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === "--profile") { i++; continue; }
    if (flag === "--answer-saves") { options.answerSaves = true; continue; }
    if (flag === "--keep-db") { options.keepDatabase = true; continue; }
    const value = args[i + 1];
    if (flag === "--db") {
      if (value !== "postgres" && value !== "pglite") throw new OptionsError(`--db must be postgres or pglite, got "${value}"`);
      options.database = value; i++; continue;
    }
    if (flag === "--admin-url") {
      if (!value?.startsWith("postgres")) throw new OptionsError(`--admin-url must be a postgres:// URL`);
      options.adminUrl = value; i++; continue;
    }
    const key = (NUMBERS as Record<string, keyof LoadOptions>)[flag];
    if (!key) throw new OptionsError(`unknown option "${flag}"\n${USAGE}`);
    const number = Number(value);
    if (value === undefined || !Number.isFinite(number) || number < 0) throw new OptionsError(`${flag} needs a non-negative number, got "${value}"`);
    (options as unknown as Record<string, number>)[key] = number;
    i++;
  }
  if (!Number.isInteger(options.takers) || options.takers < 1) throw new OptionsError("--takers must be a whole number ≥ 1");
  if (options.passwordShare > 1) throw new OptionsError("--password-share is a share from 0 to 1");
  if (options.thinkMaxSeconds < options.thinkMinSeconds) throw new OptionsError("--think-max must be at least --think-min");
  if (!Number.isInteger(options.connections)) throw new OptionsError("--connections must be a whole number (0: one per teacher)");
  return options;
}

/** When the test opens for everyone, in seconds from the start: after the sign-in window and a margin. */
export function openingSecond(options: LoadOptions): number {
  return options.signInSeconds + Math.min(30, Math.max(3, options.signInSeconds * 0.1));
}
