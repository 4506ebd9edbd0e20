// Security headers on every answer: the client loads nothing from other origins, and pages are not framed.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // SurveyJS and chart.js set inline styles on elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
/** API answers are personal and change: never kept by a browser or a proxy unless a route says otherwise (onSend runs after it). */
const API_HEADERS = { ...HEADERS, "cache-control": "no-store" };

export default fp(async function securityHeaders(app: FastifyInstance) {
  // A callback hook with one object per kind of answer: it runs on every request, autosaves included.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.headers(request.url.startsWith("/api/") ? API_HEADERS : HEADERS);
    done(null, payload);
  });
});
