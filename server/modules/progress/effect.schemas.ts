// TypeBox schemas of the effect between two waves: the filters, the report, the export.
import { Type, type Static } from "@sinclair/typebox";
import { WaveSchema } from "../campaigns/campaigns.schemas.js";
import { SUBJECT_CODES } from "../instruments/instrument.types.js";

const CampaignId = Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9_.:-]+$", description: "Кампания (волна)" });
const SubjectCode = Type.Union(SUBJECT_CODES.map((s) => Type.Literal(s)), { description: "Код предмета" });

const EffectFilters = {
  /** The earlier wave. */
  from: CampaignId,
  /** The later wave. */
  to: CampaignId,
  subject: Type.Optional(SubjectCode),
  municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};

export const EffectQuery = Type.Object(EffectFilters, { additionalProperties: false });
export type EffectFilterQuery = Static<typeof EffectQuery>;

export const EffectExportQuery = Type.Object({
  ...EffectFilters,
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

const AreaSchema = Type.Union([Type.Literal("overall"), Type.Literal("subject"), Type.Literal("method"), Type.Literal("leadership")]);

/** A group's figures in one area; a suppressed cell carries nothing but why. */
const CellSchema = Type.Object({
  area: AreaSchema,
  suppressed: Type.Boolean(),
  reason: Type.Optional(Type.Union([Type.Literal("small"), Type.Literal("complementary")])),
  n: Type.Optional(Type.Integer()),
  mean: Type.Optional(Type.Number()),
  low: Type.Optional(Type.Number()),
  high: Type.Optional(Type.Number()),
  growthShare: Type.Optional(Type.Number()),
  declineShare: Type.Optional(Type.Number()),
});

const RowSchema = Type.Object({ key: Type.String(), title: Type.String(), cells: Type.Array(CellSchema) });

const CampaignRefSchema = Type.Object({
  id: Type.String(), title: Type.String(), wave: WaveSchema, status: Type.String(), startsOn: Type.String({ format: "date" }), endsOn: Type.String({ format: "date" }),
});

export const EffectSchema = Type.Object({
  from: CampaignRefSchema,
  to: CampaignRefSchema,
  filters: Type.Object({ subject: Type.Optional(Type.String()), municipalityId: Type.Optional(Type.String()) }),
  /** No figure for a group of fewer people than this. */
  threshold: Type.Integer(),
  /** The later wave is still running: the figures will move. */
  provisional: Type.Boolean(),
  areas: Type.Array(Type.Object({ id: AreaSchema, title: Type.String() })),
  total: RowSchema,
  byCourse: Type.Array(RowSchema),
  byMentoring: Type.Array(RowSchema),
  byMunicipality: Type.Array(RowSchema),
  /** How the figures are made and what they cannot say, in words. */
  notes: Type.Array(Type.String()),
}, { $id: "Effect" });
export type EffectReport = Static<typeof EffectSchema>;
