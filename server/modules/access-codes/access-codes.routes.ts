// Routes of personal access codes: the per-school overview, and issuing codes as a printable PDF or an XLSX.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { errors, FileResponse } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { sendDownload } from "../../shared/spreadsheet.js";
import { IssueBody, SchoolCodesSchema, SchoolsQuery } from "./access-codes.schemas.js";
import { AccessCodesService } from "./access-codes.service.js";

/** Codes sign people in: only methodologists and admins issue them; coordinators get 403. */
const ISSUERS: Role[] = ["methodologist", "admin"];

/** The address people type from the slip: the site as this request reached it; a strange Host header is not printed. */
function siteAddress(request: FastifyRequest): string {
  const host = request.host;
  if (!/^[A-Za-z0-9.-]{1,200}(:\d{1,5})?$/.test(host)) return "адрес платформы «Ориентир»";
  const shown = (request.protocol === "http" && host.endsWith(":80")) || (request.protocol === "https" && host.endsWith(":443")) ? host.replace(/:\d+$/, "") : host;
  return `${request.protocol}://${shown}`;
}

export default async function accessCodesRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const codes = new AccessCodesService(deps.db);
  const tags = ["access-codes"];

  app.get("/api/access-codes/schools", {
    config: { access: { roles: ISSUERS } },
    schema: {
      tags, summary: "Школы региона: сотрудников, с действующим личным кодом, без кода",
      querystring: SchoolsQuery, response: { 200: Type.Array(SchoolCodesSchema), ...errors(401, 403, 404) },
    },
  }, async (request) => codes.schools(request.principal!, request.query.municipalityId));

  app.post("/api/access-codes/people", {
    config: { access: { roles: ISSUERS } },
    schema: {
      tags, summary: "Выдать личные коды и скачать их: PDF для печати по школам или XLSX",
      description: "Коды хранятся только в виде хеша: они есть в открытом виде лишь в этом файле. Без reissue коды получают только сотрудники без действующего кода; с reissue — все выбранные, их прежние коды перестают действовать.",
      body: IssueBody, response: { 200: FileResponse, ...errors(401, 403, 409) },
    },
  }, async (request, reply) => {
    const file = await codes.issue(request.principal!, request.body, siteAddress(request));
    reply.header("x-codes-issued", String(file.issued)).header("cache-control", "no-store");
    return sendDownload(reply, file.body, file.fileName, file.contentType);
  });
}
