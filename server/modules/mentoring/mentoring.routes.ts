// Mentoring routes: proposals, pairs (confirm, many at once, end), the mentor pool, and a mentor's own mentees.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Role } from "../../db/schema.js";
import { currentUser } from "../../plugins/auth.js";
import { errors, FileResponse, UuidParams } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { sendTable } from "../../shared/spreadsheet.js";
import {
  AssignBody, BatchBody, CandidateSchema, CandidatesQuery, CapacityBody, MenteeParams, MentorSchema, MentorsQuery, MyMenteeSchema,
  PairSchema, PairsExportQuery, PairsQuery, ProposalBody, ProposalSchema,
} from "./mentoring.schemas.js";
import { MentoringService } from "./mentoring.service.js";
import { MenteesService } from "./mentees.service.js";
import { subjectName } from "../../shared/labels.js";

const READERS: Role[] = ["methodologist", "admin", "municipal"];
const WRITERS: Role[] = ["methodologist", "admin"];

export default async function mentoringRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const mentoring = new MentoringService(deps.db);
  const mentees = new MenteesService(deps.db);
  const tags = ["mentoring"];

  app.post("/api/mentoring/proposals", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Подобрать наставников (оптимально; ничего не записывает)", body: ProposalBody, response: { 200: ProposalSchema, ...errors(401, 403) } },
  }, async (request) => mentoring.propose(request.principal!, request.body));

  app.get("/api/mentoring/mentees/:menteeId/candidates", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Кто может стать наставником этого педагога", params: MenteeParams, querystring: CandidatesQuery, response: { 200: Type.Array(CandidateSchema), ...errors(401, 403, 404) } },
  }, async (request) => mentoring.candidates(request.principal!, request.params.menteeId, request.query.distance === "any" ? "any" : "neighbours"));

  app.get("/api/mentoring/assignments", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Текущие пары (координатору — своего муниципалитета)", querystring: PairsQuery, response: { 200: Type.Array(PairSchema), ...errors(401, 403, 404) } },
  }, async (request) => mentoring.pairs(request.principal!, request.query));

  app.get("/api/mentoring/assignments/export", {
    config: { access: { roles: READERS } },
    schema: { tags, summary: "Текущие пары: XLSX или CSV", querystring: PairsExportQuery, response: { 200: FileResponse, ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const rows = await mentoring.pairs(request.principal!, request.query);
    return sendTable(reply, {
      name: "Наставнические пары",
      columns: [
        { header: "Муниципалитет", key: "municipality", width: 30 }, { header: "Наставляемый", key: "mentee", width: 34 },
        { header: "Школа наставляемого", key: "menteeSchool", width: 30 }, { header: "Предмет", key: "subject", width: 20 },
        { header: "Наставник", key: "mentor", width: 34 }, { header: "Школа наставника", key: "mentorSchool", width: 30 },
        { header: "С какого числа", key: "since", width: 16 }, { header: "Почему эта пара", key: "reason", width: 80 },
      ],
      rows: rows.map((r) => ({
        municipality: r.mentee.municipalityName, mentee: r.mentee.name, menteeSchool: r.mentee.schoolName,
        subject: r.subject ? subjectName(r.subject) : "", mentor: r.mentor.name,
        mentorSchool: r.mentor.schoolName, since: r.since.slice(0, 10), reason: r.reason,
      })),
    }, "nastavnicheskie-pary", request.query.format === "csv" ? "csv" : "xlsx");
  });

  app.post("/api/mentoring/assignments", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Утвердить пару (replace: заменить текущего наставника)", body: AssignBody, response: { 201: PairSchema, ...errors(401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await mentoring.assign(request.principal!, request.body)));

  app.post("/api/mentoring/assignments/batch", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Утвердить несколько пар сразу: все или ни одной", body: BatchBody, response: { 201: Type.Object({ pairs: Type.Array(PairSchema) }), ...errors(401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send({ pairs: await mentoring.assignMany(request.principal!, request.body) }));

  app.delete("/api/mentoring/assignments/:menteeId", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Завершить пару", params: MenteeParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    await mentoring.end(request.principal!, request.params.menteeId);
    return reply.status(204).send(null);
  });

  app.get("/api/mentoring/mentors", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Пул наставников: места и нагрузка", querystring: MentorsQuery, response: { 200: Type.Array(MentorSchema), ...errors(401, 403) } },
  }, async (request) => mentoring.mentors(request.principal!, request.query.subject));

  app.patch("/api/mentoring/mentors/:id", {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: "Изменить число мест наставника (null — по умолчанию, 3)", params: UuidParams, body: CapacityBody, response: { 200: MentorSchema, ...errors(401, 403, 404, 409) } },
  }, async (request) => mentoring.setCapacity(request.principal!, request.params.id, request.body.capacity));

  app.get("/api/mentor/mentees", {
    config: { access: { roles: ["mentor"] } },
    schema: { tags, summary: "Мои наставляемые: дефициты, последний результат, план, встречи, непрочитанное", response: { 200: Type.Array(MyMenteeSchema), ...errors(401, 403) } },
  }, async (request) => mentees.menteesOf(currentUser(request).id));
}
