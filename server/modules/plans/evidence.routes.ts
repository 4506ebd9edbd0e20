// Evidence routes: add a note, a link or a file to a plan item; read or download it; its author deletes it.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { badRequest } from "../../shared/app-error.js";
import { errors, FileResponse } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { readEvidenceUpload } from "./evidence-upload.js";
import { EvidenceService } from "./evidence.service.js";
import { PLAN_WRITER_ROLES } from "./plan-access.js";
import { EvidenceBody, EvidenceParams, EvidenceSchema, ItemParams, type NoteOrLink } from "./plans.schemas.js";

/** A stored file is never a page: no scripts, no plugins, no frames, even if a browser were to render it. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox";

export default async function evidenceRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const evidence = new EvidenceService(deps.db);
  const tags = ["plans"];

  app.post("/api/users/:id/plan/items/:itemId/evidence", {
    config: { access: { roles: PLAN_WRITER_ROLES } },
    schema: {
      tags, summary: "Добавить подтверждение: заметку или ссылку (JSON) либо файл до 5 МБ (multipart, поле file)",
      description: "Тип файла определяется по содержимому, а не по имени и не по заявленному типу: PDF, PNG, JPEG, DOCX, XLSX, PPTX или обычный текст. Остальное — 400, больше 5 МБ — 413; ничего не записывается.",
      params: ItemParams, body: EvidenceBody, response: { 201: EvidenceSchema, ...errors(401, 403, 404, 409, 413) },
    },
  }, async (request, reply) => {
    const { id, itemId } = request.params;
    // Who may add, and to which item, is settled before a byte of the file is read.
    const access = await evidence.writable(request.principal, id, itemId);
    if (request.isMultipart()) return reply.status(201).send(await evidence.addFile(access, itemId, await readEvidenceUpload(request)));
    const body = request.body as NoteOrLink | undefined;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("Ожидается JSON с заметкой или ссылкой либо файл в поле «file»", "invalid_input");
    return reply.status(201).send(await evidence.addNoteOrLink(access, itemId, body));
  });

  app.get("/api/users/:id/plan/items/:itemId/evidence/:evidenceId", {
    config: { access: "user" },
    schema: {
      tags, summary: "Подтверждение: заметка или ссылка (JSON) либо файл (только скачивание)",
      params: EvidenceParams, response: { 200: Type.Union([EvidenceSchema, FileResponse]), ...errors(401, 403, 404) },
    },
    // The app's security headers come first; this route's own, stricter policy replaces theirs.
    onSend: async (request, reply, payload) => {
      if (reply.getHeader("content-disposition")) reply.header("content-security-policy", DOWNLOAD_CSP);
      return payload;
    },
  }, async (request, reply) => {
    const { id, itemId, evidenceId } = request.params;
    const { view, file } = await evidence.get(request.principal, id, itemId, evidenceId);
    if (!file) return view;
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "");
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", DOWNLOAD_CSP)
      .header("content-length", String(file.content.length))
      .send(file.content);
  });

  app.delete("/api/users/:id/plan/items/:itemId/evidence/:evidenceId", {
    config: { access: { roles: PLAN_WRITER_ROLES } },
    schema: { tags, summary: "Удалить подтверждение (только его автор)", params: EvidenceParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const { id, itemId, evidenceId } = request.params;
    await evidence.remove(request.principal, id, itemId, evidenceId);
    return reply.status(204).send(null);
  });
}
