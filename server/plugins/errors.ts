// One error handler: every failure leaves as { error: { code, message } } with the right status.
import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../shared/app-error.js";

interface ValidationIssue { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }

const PARTS: Record<string, string> = { body: "тело запроса", params: "путь", querystring: "параметры запроса", headers: "заголовки" };

/** AJV speaks English; people using Orientir read Russian. */
function describeIssue(issue: ValidationIssue): string {
  const field = issue.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const at = field ? `поле «${field}»` : "значение";
  const p = issue.params;
  switch (issue.keyword) {
    case "required": return `не хватает поля «${[field, p.missingProperty].filter(Boolean).join(".")}»`;
    case "additionalProperties": return `лишнее поле «${[field, p.additionalProperty].filter(Boolean).join(".")}»`;
    case "type": return `${at} должно быть типа ${String(p.type)}`;
    case "minLength": return `${at} короче ${String(p.limit)} символов`;
    case "maxLength": return `${at} длиннее ${String(p.limit)} символов`;
    case "format": return `${at} имеет неверный формат (${String(p.format)})`;
    case "pattern": return `${at} содержит недопустимые символы`;
    case "enum": return `${at} должно быть одним из: ${(p.allowedValues as unknown[]).join(", ")}`;
    case "minimum": return `${at} меньше ${String(p.limit)}`;
    case "maximum": return `${at} больше ${String(p.limit)}`;
    case "maxProperties": return `${at} содержит слишком много полей`;
    default: return `${at}: ${issue.message ?? "неверное значение"}`;
  }
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "payload_too_large", "Слишком большой запрос"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type", "Ожидается JSON (Content-Type: application/json)"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "invalid_input", "Пустое тело запроса"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "invalid_json", "Тело запроса не является корректным JSON"],
};

export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).headers(error.headers).send({ error: { code: error.code, message: error.message } });
    }
    if (error.validation) {
      const where = PARTS[error.validationContext ?? ""] ?? "запрос";
      const details = (error.validation as ValidationIssue[]).map(describeIssue).join("; ");
      return reply.status(400).send({ error: { code: "invalid_input", message: `Неверные данные (${where}): ${details}` } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.status(known[0]).send({ error: { code: known[1], message: known[2] } });
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return reply.status(400).send({ error: { code: "invalid_json", message: "Тело запроса не является корректным JSON" } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: String(error.code ?? "bad_request").toLowerCase(), message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal", message: "Внутренняя ошибка сервера. Попробуйте позже." } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `Нет такого адреса: ${request.method} ${request.url.split("?")[0]}` } });
  });
});
