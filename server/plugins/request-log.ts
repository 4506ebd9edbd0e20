// The request log: one line per request that tells something (slow, failing, sampled), not two lines per request.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/*
 * Fastify's own request log writes two lines per request at info, about a fifth of an autosave's
 * cost on 2 cores. What an operator needs: failures and slow requests always, refusals (4xx) when
 * looking closer, and a steady sample to see the traffic. So, at LOG_LEVEL=info:
 * - warn: slower than `slowMs`, or answered 5xx (503 of load shedding excepted: that plugin reports
 *   its own count, and a line per refused request would add work exactly when there is too much);
 * - info: one request in `sampleEvery`;
 * - debug: every other request (LOG_LEVEL=debug logs them all).
 * Each line: request id (reqId, bound by Fastify), method, the route's pattern (never the URL, which
 * carries ids), status and time. Never the client's address.
 */
export const REQUEST_LOG = {
  slowMs: 1000,
  sampleEvery: 100,
  /** Warn lines per second at most: an incident logs its shape, not every request of it. */
  maxWarnPerSecond: 50,
} as const;

const VERBOSE = new Set(["debug", "trace"]);

export default fp(async function requestLog(app: FastifyInstance) {
  // The level is the logger's, set at start: known once, not looked up per request.
  const verbose = VERBOSE.has(app.log.level);
  let seen = 0;
  let second = 0;
  let warned = 0;
  let unlogged = 0;

  // A callback hook: no promise per request for what is, most of the time, one counter step.
  app.addHook("onResponse", (request, reply, done) => {
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    const failed = status >= 500 && status !== 503;
    const slow = ms > REQUEST_LOG.slowMs;
    const sampled = ++seen % REQUEST_LOG.sampleEvery === 0;
    if (!failed && !slow && !sampled && !verbose) return done();

    const line = { method: request.method, route: request.routeOptions.url ?? "(no route)", status, ms: Math.round(ms * 10) / 10 };
    if (failed || slow) {
      const now = Math.floor(Date.now() / 1000);
      if (now !== second) { second = now; warned = 0; }
      if (++warned > REQUEST_LOG.maxWarnPerSecond) { unlogged++; return done(); }
      request.log.warn(unlogged ? { ...line, unlogged } : line, failed ? "request failed" : "slow request");
      unlogged = 0;
    } else if (sampled) {
      request.log.info({ ...line, sample: REQUEST_LOG.sampleEvery }, "request (sampled)");
    } else {
      request.log.debug(line, status >= 400 ? "request refused" : "request");
    }
    done();
  });
}, { name: "request-log" });
