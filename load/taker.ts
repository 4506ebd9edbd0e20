// One simulated teacher on exam day: sign in, the home page, open the test with everyone, think, save each page, submit.
import { parseRetryAfter, retryDelayMs } from "../client/src/features/take-test/backoff.js";
import { answerPage, seededRandom, type ServedSurvey } from "./answers.js";
import type { LoadClient, Reply } from "./http-client.js";
import type { Operation, Sample } from "./stats.js";

export const INSTRUMENT_ID = "subject-math";

export interface TakerPlan {
  index: number;
  login?: string;
  password?: string;
  code?: string;
  /** Milliseconds from the run's start. */
  signInAt: number;
  openAt: number;
  /** Time on each page before moving on, in ms. */
  thinkMs: number[];
  seed: number;
  /** A probe saves every `probeEveryMs` until the generator tells probes to stop, then submits: a steady witness of latency. */
  probeEveryMs?: number;
}

/** What the server acknowledged to this teacher: the yardstick of the count after the run. */
export interface TakerOutcome {
  index: number;
  attemptId: string | null;
  /** The answers of the last autosave answered 200 (as the browser sent them), or null. */
  saved: Record<string, unknown> | null;
  /** The answers of the submission answered 200, or null. */
  submitted: Record<string, unknown> | null;
  /** Where the teacher stopped short, if they did: the run's time ran out, or an answer they could not get past. */
  stoppedAt: string | null;
}

export interface TakerContext {
  client: LoadClient;
  /** performance.now() of the run's start. */
  start: number;
  /** The run's hard end, in ms from its start: no teacher waits or retries past it. */
  deadline: number;
  record(sample: Sample): void;
  /** The served survey, fetched by every teacher (as every browser does) and parsed once here to save the generator's CPU. */
  survey(body: unknown): ServedSurvey;
  answerSaves: boolean;
  /** True once the exam is over and the calm stretch after it has passed. */
  probesDone(): boolean;
}

class Stop extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runTaker(plan: TakerPlan, ctx: TakerContext): Promise<TakerOutcome> {
  const outcome: TakerOutcome = { index: plan.index, attemptId: null, saved: null, submitted: null, stoppedAt: null };
  const random = seededRandom(plan.seed);
  const now = () => performance.now() - ctx.start;
  const waitUntil = async (at: number) => {
    if (at > ctx.deadline) throw new Stop("time");
    await sleep(at - now());
  };

  /**
   * One exchange as the browser would make it: refused for load (503 with Retry-After, or 429), or no
   * answer at all, it waits (backoff with jitter, never sooner than Retry-After) and tries again; any
   * other answer is returned. Every try is a sample.
   */
  const call = async (op: Operation, method: string, path: string, body?: unknown, token?: string, expect = [200]): Promise<Reply> => {
    for (let failures = 1; ; failures++) {
      const at = now();
      const reply = await ctx.client.request(method, path, body, token);
      const shed = reply.status === 429 || (reply.status === 503 && reply.retryAfter !== undefined);
      ctx.record({ op, at, ms: reply.ms, status: expect.includes(reply.status) ? 200 : reply.status, shed, ...(reply.failure ? { failure: reply.failure } : {}) });
      if (!shed && reply.status !== 0 && reply.status < 500) return reply;
      const wait = retryDelayMs(failures, parseRetryAfter(reply.retryAfter));
      if (now() + wait > ctx.deadline) throw new Stop(`${op} (${reply.status || "network"}) until the end of the run`);
      await sleep(wait);
    }
  };

  try {
    await waitUntil(plan.signInAt);
    const signIn = plan.code
      ? await call("sign-in:code", "POST", "/api/auth/code", { code: plan.code })
      : await call("sign-in:password", "POST", "/api/auth/login", { login: plan.login, password: plan.password });
    if (signIn.status !== 200) throw new Stop(`sign-in ${signIn.status}`);
    const token = (signIn.body as { token: string }).token;
    await Promise.all([
      call("home", "GET", "/api/instruments", undefined, token),
      call("home", "GET", "/api/me/assignments", undefined, token),
    ]);

    await waitUntil(Math.max(plan.openAt, now()));
    const [instrument, started] = await Promise.all([
      call("open", "GET", `/api/instruments/${INSTRUMENT_ID}`, undefined, token),
      call("open", "POST", "/api/attempts", { instrumentId: INSTRUMENT_ID }, token, [200, 201]),
    ]);
    if (instrument.status !== 200 || (started.status !== 200 && started.status !== 201)) throw new Stop(`open ${instrument.status}/${started.status}`);
    const survey = ctx.survey(instrument.body);
    const attempt = started.body as { id: string; data: Record<string, unknown> };
    outcome.attemptId = attempt.id;
    let data: Record<string, unknown> = { ...attempt.data };

    const save = async (op: Operation, page: number) => {
      const sent = { ...data };
      const reply = await call(op, "PUT", `/api/attempts/${attempt.id}`, { data: sent, currentPage: page }, token);
      if (reply.status === 200) outcome.saved = sent;
    };

    const pages = survey.pages.length;
    if (plan.probeEveryMs) {
      // A probe answers the whole test at once, then saves the same answers again and again.
      for (let p = 0; p < pages; p++) data = { ...data, ...answerPage(survey, p, random) };
      while (!ctx.probesDone() && now() + plan.probeEveryMs < ctx.deadline) {
        await save("probe", pages - 1);
        await sleep(plan.probeEveryMs);
      }
    } else {
      for (let page = 0; page < pages; page++) {
        const think = plan.thinkMs[page] ?? 0;
        const pageStart = now();
        const answers = Object.entries(answerPage(survey, page, random));
        for (let i = 0; i < answers.length; i++) {
          // Answers come evenly through the time on the page; the browser saves 3 s after an answer
          // when no other follows within those 3 s (a debounce), and always on leaving the page.
          await waitUntil(pageStart + (think * (i + 1)) / (answers.length + 1));
          const [name, value] = answers[i]!;
          data = { ...data, [name]: value };
          const gap = think / (answers.length + 1);
          if (ctx.answerSaves && gap > 3000) {
            await waitUntil(now() + 3000);
            await save("autosave", page);
          }
        }
        await waitUntil(pageStart + think);
        if (page < pages - 1) await save("autosave", page + 1);
      }
    }

    const submitted = { ...data };
    const submit = await call("submit", "POST", `/api/attempts/${attempt.id}/submit`, { data: submitted }, token);
    if (submit.status !== 200) throw new Stop(`submit ${submit.status}`);
    outcome.submitted = submitted;
    await call("result", "GET", `/api/attempts/${attempt.id}/result`, undefined, token);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    outcome.stoppedAt = error.message;
  }
  return outcome;
}
