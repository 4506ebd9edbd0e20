// TypeBox schemas of personal access codes: the per-school overview and the request to issue and print codes.
import { Type, type Static } from "@sinclair/typebox";

const Id = Type.String({ minLength: 1, maxLength: 100 });

export const SchoolsQuery = Type.Object({ municipalityId: Type.Optional(Id) }, { additionalProperties: false });

export const SchoolCodesSchema = Type.Object({
  schoolId: Type.String(),
  schoolName: Type.String(),
  shortName: Type.String(),
  municipalityId: Type.String(),
  municipalityName: Type.String(),
  /** Active staff of the school. */
  people: Type.Integer(),
  /** Of them, those holding a personal code that has not expired. */
  withCode: Type.Integer(),
  withoutCode: Type.Integer(),
});
export type SchoolCodes = Static<typeof SchoolCodesSchema>;

export const IssueBody = Type.Object({
  /** The schools whose staff get codes; without it, the municipality's schools, or the whole region. */
  schoolIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 50_000, uniqueItems: true })),
  municipalityId: Type.Optional(Id),
  /** true: everyone selected gets a new code and their old codes stop working; otherwise only those without a valid code. */
  reissue: Type.Optional(Type.Boolean({ default: false })),
  format: Type.Union([Type.Literal("pdf"), Type.Literal("xlsx")]),
}, { additionalProperties: false });
export type Issue = Static<typeof IssueBody>;
