// Course-group routes: proposals, the courses to choose from, saved groups, members, locking and roster exports.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { errors, ExportQuery, FileResponse, UuidParams } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { sendDownload, sendTable, xlsxBuffer, XLSX_TYPE } from "../../shared/spreadsheet.js";
import { CourseGroupsEditing } from "./course-groups.editing.js";
import { rosterFileName, rosterSheets, rosterTable } from "./course-groups.export.js";
import { currentUser } from "../../plugins/auth.js";
import {
  CourseChoiceSchema, ExportAllQuery, GroupDetailSchema, GroupSchema, ListQuery, MemberParams, MembersBody, ProposalBody,
  MyGroupSchema, ProposalSchema, SaveGroupsBody, UpdateGroupBody,
} from "./course-groups.schemas.js";
import { MyGroupsService } from "./my-groups.service.js";
import { CourseGroupsService } from "./course-groups.service.js";

const READERS: Role[] = ["methodologist", "admin", "municipal"];
const WRITERS: Role[] = ["methodologist", "admin"];

export default async function courseGroupsRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const reads = new CourseGroupsService(deps.db);
  const edits = new CourseGroupsEditing(deps.db, reads);
  const mine = new MyGroupsService(deps.db);
  const tags = ["course-groups"];

  app.get("/api/me/groups", {
    config: { access: "user" },
    schema: { tags, summary: "Мои курсы: утверждённые группы, в которых я состою", response: { 200: Type.Array(MyGroupSchema), ...errors(401, 403) } },
  }, async (request) => mine.of(currentUser(request).id));

  app.post("/api/course-groups/proposals", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Предложить группы для курса (ничего не сохраняет)", body: ProposalBody, response: { 200: ProposalSchema, ...errors(401, 403, 404) } },
  }, async (request) => reads.propose(request.principal!, request.body));

  app.get("/api/course-groups/courses", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Курсы каталога с числом кандидатов в зоне видимости", response: { 200: CourseChoiceSchema, ...errors(401, 403) } },
  }, async (request) => reads.courses(request.principal!));

  app.get("/api/course-groups", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Сохранённые группы (координатору — с участниками его муниципалитета)", querystring: ListQuery, response: { 200: Type.Array(GroupSchema), ...errors(401, 403) } },
  }, async (request) => reads.list(request.principal!, request.query));

  app.post("/api/course-groups", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Сохранить группы курса", body: SaveGroupsBody, response: { 201: Type.Object({ groups: Type.Array(GroupSchema) }), ...errors(401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await edits.save(request.principal!, request.body)));

  app.get("/api/course-groups/export", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Списки всех групп курса: XLSX (лист на группу и сводка) или CSV", querystring: ExportAllQuery, response: { 200: FileResponse, ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const { course, groups } = await reads.rosters(request.principal!, { courseId: request.query.courseId });
    if (request.query.format === "csv") return sendTable(reply, rosterTable(groups), rosterFileName(course.id), "csv");
    return sendDownload(reply, await xlsxBuffer(rosterSheets(course.title, groups)), `${rosterFileName(course.id)}.xlsx`, XLSX_TYPE);
  });

  app.get("/api/course-groups/:id", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Группа: участники, их школы и дефициты", params: UuidParams, response: { 200: GroupDetailSchema, ...errors(401, 403, 404) } },
  }, async (request) => reads.get(request.principal!, request.params.id));

  app.get("/api/course-groups/:id/export", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Список группы: XLSX или CSV", params: UuidParams, querystring: ExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const { course, groups } = await reads.rosters(request.principal!, { groupId: request.params.id });
    const name = rosterFileName(course.id, groups[0]!.title);
    if (request.query.format === "csv") return sendTable(reply, rosterTable(groups), name, "csv");
    return sendDownload(reply, await xlsxBuffer(rosterSheets(course.title, groups)), `${name}.xlsx`, XLSX_TYPE);
  });

  app.patch("/api/course-groups/:id", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Переименовать группу, задать даты", params: UuidParams, body: UpdateGroupBody, response: { 200: GroupDetailSchema, ...errors(401, 403, 404, 409) } },
  }, async (request) => edits.update(request.principal!, request.params.id, request.body));

  app.post("/api/course-groups/:id/members", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Добавить в группу (или перевести из другой группы курса)", params: UuidParams, body: MembersBody, response: { 200: GroupDetailSchema, ...errors(401, 403, 404, 409) } },
  }, async (request) => edits.addMembers(request.principal!, request.params.id, request.body.userIds));

  app.delete("/api/course-groups/:id/members/:userId", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Исключить из группы", params: MemberParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await edits.removeMember(request.principal!, request.params.id, request.params.userId);
    return reply.status(204).send(null);
  });

  app.post("/api/course-groups/:id/confirm", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Утвердить группу: после этого она не меняется", params: UuidParams, response: { 200: GroupDetailSchema, ...errors(401, 403, 404, 409) } },
  }, async (request) => edits.confirm(request.principal!, request.params.id));

  app.delete("/api/course-groups/:id", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Удалить предложенную группу", params: UuidParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await edits.remove(request.principal!, request.params.id);
    return reply.status(204).send(null);
  });
}
