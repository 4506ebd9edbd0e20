// Health: the process answers and the database answers.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { sql, type Kysely } from "kysely";
import type { DatabaseKind } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../shared/app-error.js";
import { errors } from "../../shared/http-schemas.js";

export default async function healthRoutes(fastify: FastifyInstance, { db, kind }: { db: Kysely<Database>; kind: DatabaseKind }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/health", {
    config: { access: "public" },
    schema: {
      tags: ["health"], summary: "Состояние сервиса",
      response: { 200: Type.Object({ status: Type.Literal("ok"), db: Type.Union([Type.Literal("pglite"), Type.Literal("postgres")]) }), ...errors(503) },
    },
  }, async () => {
    try {
      await sql`select 1`.execute(db);
    } catch {
      throw new AppError(503, "db_unavailable", "База данных недоступна");
    }
    return { status: "ok" as const, db: kind };
  });
}
