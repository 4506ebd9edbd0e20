// HTTP load from the bench's own process (autocannon): requests per second, p50 and p99 of one run.
import autocannon from "autocannon";

export interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answered 503 (the app's load shedding, when the machine is busier than the run itself makes it). */
  shed: number;
}

export interface LoadPlan {
  url: string;
  method: "GET" | "PUT" | "POST";
  connections: number;
  /** Run for this long, or until `amount` requests have answered (whichever is given). */
  seconds?: number;
  amount?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Per request: its path and headers (the next attempt, its owner's token). */
  next?: () => { path: string; headers?: Record<string, string> };
  /** A status other than this one (or 503, counted apart) is a failure of the benchmark, not a figure. */
  expect?: number;
}

export async function load(plan: LoadPlan): Promise<LoadFigures> {
  const headers = { "content-type": "application/json", ...plan.headers };
  const started = process.hrtime.bigint();
  // autocannon ends a run on its one-second tick: with `amount`, its wall time is a whole number of
  // seconds (1,500 answers in 1.2 s would read as 750/s). The rate is taken to the last answer instead.
  let lastAnswer = started;
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount ? { amount: plan.amount } : { duration: plan.seconds ?? 5 }),
    requests: [{
      method: plan.method, headers, ...(plan.body === undefined ? {} : { body: plan.body }),
      onResponse: () => { lastAnswer = process.hrtime.bigint(); },
      ...(plan.next ? {
        setupRequest: (request) => {
          const n = plan.next!();
          return { ...request, path: n.path, headers: { ...headers, ...n.headers } };
        },
      } : {}),
    }],
  });
  const seconds = Number(lastAnswer - started) / 1e9;
  const expected = plan.expect ?? 200;
  const answered = result.statusCodeStats?.[`${expected}` as `${number}`]?.count ?? 0;
  const shed = result.statusCodeStats?.["503"]?.count ?? 0;
  const total = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  if (result.errors || answered + shed !== total) {
    const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count ?? 0}`).join(", ");
    throw new Error(`${plan.method} ${plan.url}: ${result.errors} connection errors; statuses ${codes} (expected only ${expected})`);
  }
  return { perSecond: answered / seconds, p50: result.latency.p50, p99: result.latency.p99, requests: answered, shed };
}
