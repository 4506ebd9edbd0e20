// TypeBox schemas of climate results: a school's groups and scales beside the region's, the region overview, α.
import { Type, type Static } from "@sinclair/typebox";
import { AudienceSchema } from "./climate-rounds.schemas.js";

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Band = Type.Union([Type.Literal("favourable"), Type.Literal("partly"), Type.Literal("unfavourable")]);
const Reason = Type.Union([Type.Literal("small"), Type.Literal("complementary")], {
  description: "small — меньше порога анонимности; complementary — скрыто, чтобы скрытую группу нельзя было вычислить вычитанием",
});

const FigureSchema = Type.Object({ score: Type.Number({ description: "0–100" }), band: Band, respondents: Type.Integer() });

export const ClimateGroupSchema = Type.Object({
  audience: AudienceSchema,
  className: Type.Optional(Type.String()),
  respondents: Type.Integer(),
  suppressed: Type.Boolean(),
  reason: Type.Optional(Reason),
  scales: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), score: Type.Number(), band: Band, respondents: Type.Integer(),
    region: Type.Optional(FigureSchema),
  })),
  hiddenScales: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), reason: Reason })),
});

const CampaignRef = Type.Object({ id: Type.String(), title: Type.String(), wave: Type.String(), startsOn: Type.String(), endsOn: Type.String() });

const RegionAudienceSchema = Type.Object({
  audience: AudienceSchema,
  respondents: Type.Integer(),
  schools: Type.Integer(),
  scales: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), region: Type.Optional(FigureSchema) })),
});

export const SchoolClimateSchema = Type.Object({
  schoolId: Type.String(),
  school: Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String() }),
  campaign: Type.Union([CampaignRef, Type.Null()]),
  threshold: Type.Integer({ description: "Порог анонимности: группы меньше него показываются без цифр" }),
  groups: Type.Array(ClimateGroupSchema),
  classes: Type.Array(Type.Object({ className: Type.String(), respondents: Type.Integer(), suppressed: Type.Boolean() })),
  region: Type.Array(RegionAudienceSchema),
});

export const SchoolClimateQuery = Type.Object({
  audience: Type.Optional(AudienceSchema),
  class: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: "Класс (только для обучающихся), например 7А" })),
  campaignId: Type.Optional(Id),
}, { additionalProperties: false });
export type SchoolClimateFilter = Static<typeof SchoolClimateQuery>;

export const ClimateExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
  campaignId: Type.Optional(Id),
}, { additionalProperties: false });

export const RegionQuery = Type.Object({ municipalityId: Type.Optional(Id), campaignId: Type.Optional(Id) }, { additionalProperties: false });

export const RegionOverviewSchema = Type.Object({
  campaign: Type.Union([CampaignRef, Type.Null()]),
  threshold: Type.Integer(),
  audiences: Type.Array(RegionAudienceSchema),
  schools: Type.Array(Type.Object({
    schoolId: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
    groups: Type.Array(Type.Object({
      audience: AudienceSchema, respondents: Type.Integer(), suppressed: Type.Boolean(),
      /** Shown scales in the «favourable» band, and of them all shown: a one-look summary. */
      favourable: Type.Integer(), scales: Type.Integer(),
    })),
  })),
});

export const ReliabilityQuery = Type.Object({ campaignId: Type.Optional(Id) }, { additionalProperties: false });
export const ReliabilitySchema = Type.Object({
  campaign: Type.Union([CampaignRef, Type.Null()]),
  audiences: Type.Array(Type.Object({
    audience: AudienceSchema, instrumentId: Type.String(), version: Type.Integer(),
    scales: Type.Array(Type.Object({
      id: Type.String(), title: Type.String(), items: Type.Integer(), respondents: Type.Integer({ description: "Ответили на все вопросы шкалы" }),
      alpha: Type.Union([Type.Number(), Type.Null()]),
    })),
  })),
});
