// Routes of climate rounds: open a round and get its codes once (JSON, PDF slips or XLSX), more codes, print, list, close.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errors, FileResponse, UuidParams } from "../../shared/http-schemas.js";
import { sendDownload } from "../../shared/spreadsheet.js";
import { CLIMATE_READERS, ROUND_WRITERS } from "./climate-access.js";
import { IssuedSchema, MoreCodesBody, OpenRoundBody, RoundSchema, RoundsQuery, SheetBody, type Issued } from "./climate-rounds.schemas.js";
import type { ClimateRoundsService, IssuedFile } from "./climate-rounds.service.js";

/** The site as this request reached it, for the QR codes and links; a strange Host header is not printed. */
export function siteOrigin(request: FastifyRequest): string {
  const host = request.host;
  if (!/^[A-Za-z0-9.-]{1,200}(:\d{1,5})?$/.test(host)) return "адрес платформы «Ориентир»";
  const shown = (request.protocol === "http" && host.endsWith(":80")) || (request.protocol === "https" && host.endsWith(":443")) ? host.replace(/:\d+$/, "") : host;
  return `${request.protocol}://${shown}`;
}

const isFile = (x: Issued | IssuedFile): x is IssuedFile => "body" in x;

/** Codes exist in clear only in this answer: never cached anywhere on the way. */
function sendIssued(reply: FastifyReply, issued: Issued | IssuedFile) {
  reply.status(201).header("cache-control", "no-store");
  if (!isFile(issued)) return reply.send(issued);
  reply.header("x-round-id", issued.roundId).header("x-codes-issued", String(issued.issued));
  return sendDownload(reply, issued.body, issued.fileName, issued.contentType);
}

export default async function climateRoundsRoutes(fastify: FastifyInstance, { rounds }: { rounds: ClimateRoundsService }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ["climate"];
  const writers = { roles: [...ROUND_WRITERS] };

  app.post("/api/climate-rounds", {
    config: { access: writers },
    schema: {
      tags, summary: "Открыть анонимный опрос о климате и получить коды (один раз)",
      description: "Коды хранятся только в виде отпечатка: в открытом виде они есть лишь в этом ответе. Без format — JSON, с format — PDF с листками для разрезания (QR-код ведёт на вход с подставленным кодом) или XLSX-список; номер опроса — в заголовке x-round-id.",
      body: OpenRoundBody, response: { 201: Type.Union([IssuedSchema, FileResponse]), ...errors(401, 403, 404, 409) },
    },
  }, async (request, reply) => sendIssued(reply, await rounds.open(request.principal!, request.body, siteOrigin(request))));

  app.get("/api/climate-rounds", {
    config: { access: { roles: [...CLIMATE_READERS] } },
    schema: {
      tags, summary: "Опросы о климате школы: выдано кодов, использовано, ответов",
      querystring: RoundsQuery, response: { 200: Type.Array(RoundSchema), ...errors(401, 403, 404) },
    },
  }, async (request) => rounds.list(request.principal!, request.query.schoolId));

  app.post("/api/climate-rounds/:id/codes", {
    config: { access: writers },
    schema: {
      tags, summary: "Выдать ещё коды для опроса (один раз: JSON, PDF или XLSX)",
      params: UuidParams, body: MoreCodesBody, response: { 201: Type.Union([IssuedSchema, FileResponse]), ...errors(401, 403, 404, 409) },
    },
  }, async (request, reply) => sendIssued(reply, await rounds.more(request.principal!, request.params.id, request.body, siteOrigin(request))));

  app.post("/api/climate-rounds/:id/sheet", {
    config: { access: writers },
    schema: {
      tags, summary: "Напечатать только что выданные коды: PDF с QR-кодами или XLSX",
      description: "Коды в системе не хранятся в открытом виде, поэтому печатаются коды, переданные в запросе; принимаются только действующие неиспользованные коды этого опроса.",
      params: UuidParams, body: SheetBody, response: { 200: FileResponse, ...errors(401, 403, 404) },
    },
  }, async (request, reply) => {
    const file = await rounds.sheet(request.principal!, request.params.id, request.body.codes, request.body.format, siteOrigin(request));
    reply.header("cache-control", "no-store");
    return sendDownload(reply, file.body, file.fileName, file.contentType);
  });

  app.post("/api/climate-rounds/:id/close", {
    config: { access: writers },
    schema: {
      tags, summary: "Закрыть опрос: неиспользованные коды перестают действовать, ответы сохраняются",
      params: UuidParams, response: { 200: RoundSchema, ...errors(401, 403, 404) },
    },
  }, async (request) => rounds.close(request.principal!, request.params.id));
}
