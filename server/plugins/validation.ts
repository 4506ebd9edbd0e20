// Request validation: bodies exactly as sent (a number is not a string), paths and queries coerced from text.
import Ajv, { type Options } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchema, FastifyServerOptions } from "fastify";

const COMMON: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

function compiler(coerceTypes: Options["coerceTypes"], shared: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
  addFormats(ajv);
  for (const schema of Object.values(shared)) ajv.addSchema(schema as object);
  return ajv;
}

/**
 * JSON bodies are typed: coercing `{ "login": 5 }` or `["a"]` into strings would accept input the
 * contract calls invalid. Path and query values always arrive as text, so they are coerced.
 * Given as the schema controller's factory, so every encapsulated plugin gets the same rules,
 * including those that add schemas of their own.
 */
type Factory = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>["buildValidator"];

function buildValidator(externalSchemas: unknown) {
  const shared = (externalSchemas ?? {}) as Record<string, unknown>;
  const byPart: Record<string, Ajv> = {
    body: compiler(false, shared),
    params: compiler("array", shared),
    querystring: compiler("array", shared),
    headers: compiler("array", shared),
  };
  return ({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (byPart[httpPart ?? "body"] ?? byPart.body!).compile(schema as object);
}

export const schemaController: FastifyServerOptions["schemaController"] = {
  // Fastify's declared type is the ajv-compiler's; the route-definition form below is what it calls.
  compilersFactory: { buildValidator: buildValidator as unknown as Factory },
};
