// Beyond capacity, shed: 503 with Retry-After (the contract's error shape) while the event loop lags or the database queue is long.
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../shared/app-error.js";

/*
 * Thresholds, measured on the exam-day load test (docs/exam-day.md): on 2 cores the server answers an
 * autosave in a few ms while both stay below these, and once either is past them latency climbs into
 * seconds unless new work is refused.
 * - Event-loop delay (the mean lateness of a 10 ms timer over half a second): work queued in the
 *   process itself, where nothing else would refuse it.
 * - The database queue's delay (how long the oldest query waiting for a pg pool connection, or in
 *   PGlite's one-at-a-time queue, has waited): the database is the bottleneck while the event loop
 *   is free. A delay rather than a count: 150 queries waiting is 100 ms when each takes 5 ms on one
 *   of 10 connections, and a storm when each takes 50; the delay is what a teacher feels.
 */
export const SHEDDING = {
  /**
   * Fewer requests than this in the server at once is not overload, whatever the lag: one slow
   * statement on PGlite (in the process) or a demo load blocks the loop for a moment with nobody waiting.
   */
  minInFlight: 32,
  /**
   * More requests than this in the server at once are refused on arrival, before any signal has had
   * time to move: by Little's law 512 in flight is about half a second of queue at the ~1,000 simple
   * requests per second this machine serves, and a synchronized start (thousands opening the test in
   * the same seconds) must not be let in whole and then time out inside.
   */
  maxInFlight: 512,
  maxEventLoopDelayMs: 150,
  sampleIntervalMs: 500,
  maxQueueDelayMs: 500,
  checkIntervalMs: 100,
  retryAfterSeconds: 2,
} as const;

/** Routes a balancer or a person needs to see the truth: a shed health check would take the node out of service. */
const EXEMPT = new Set(["/api/health"]);

export interface LoadSheddingOptions {
  /** How long the oldest query waiting for the database has waited, in ms; absent, only the event loop is watched. */
  queueDelayMs?: (() => number) | undefined;
}

export default fp(async function loadShedding(app: FastifyInstance, { queueDelayMs }: LoadSheddingOptions) {
  let shed = 0;
  let lastReport = 0;
  let inFlight = 0;
  const counted = new WeakSet<FastifyRequest>();
  // Callback hooks: they run on every request, and a promise each would be work for nothing.
  const leave = (request: FastifyRequest, _reply: unknown, done: () => void) => {
    if (counted.delete(request)) inFlight--;
    done();
  };
  const refuse = (request: FastifyRequest, type: string, value: unknown) => {
    shed++;
    const now = Date.now();
    if (now - lastReport > 10_000) {
      request.log.warn({ shed, type, value }, "overloaded: refusing requests with 503");
      lastReport = now;
      shed = 0;
    }
    return new AppError(503, "overloaded", `Сервер сейчас перегружен. Повторите через ${SHEDDING.retryAfterSeconds} с.`, { "retry-after": String(SHEDDING.retryAfterSeconds) });
  };
  // Registered before under-pressure's own hook, so the request deciding counts itself.
  app.addHook("onRequest", (request, _reply, done) => {
    if (inFlight >= SHEDDING.maxInFlight && !EXEMPT.has(request.routeOptions.url ?? "")) return done(refuse(request, "inFlight", inFlight));
    counted.add(request);
    inFlight++;
    done();
  });
  app.addHook("onResponse", leave);
  app.addHook("onRequestAbort", (request, done) => leave(request, undefined, done));
  await app.register(underPressure, {
    maxEventLoopDelay: SHEDDING.maxEventLoopDelayMs,
    sampleInterval: SHEDDING.sampleIntervalMs,
    ...(queueDelayMs ? { healthCheck: async () => queueDelayMs() <= SHEDDING.maxQueueDelayMs, healthCheckInterval: SHEDDING.checkIntervalMs } : {}),
    // Resolving lets the request through; rejecting sends it to the error handler, which writes the contract's shape and the header.
    pressureHandler: async (request: FastifyRequest, _reply, type, value) => {
      if (EXEMPT.has(request.routeOptions.url ?? "") || inFlight < SHEDDING.minInFlight) return;
      throw refuse(request, type, value);
    },
  });
}, { name: "load-shedding" });
