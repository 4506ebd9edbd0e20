// TypeBox schemas of the school profile (contract: schoolProfile, with extras) and of the region registry.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { CLUSTER_CODES } from "../../shared/labels.js";
import { RISK_FACTORS } from "./risk-profile.js";
import { AssignedClusterSchema, FactorLevelSchema, RiskFactorSchema, SchoolIndexSchema, SchoolIndicatorSchema } from "./school-facts.schemas.js";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Audience = Type.Union([Type.Literal("teacher"), Type.Literal("student"), Type.Literal("parent")]);
const Band = Type.String({ description: "favourable | partly | unfavourable" });
const HiddenReason = Type.Union([Type.Literal("small"), Type.Literal("complementary")]);
const LevelSchema = Type.Union([Type.Literal("deficit"), Type.Literal("partial"), Type.Literal("proficient")]);
const CourseRef = Type.Object({ id: Type.String(), title: Type.String(), hours: Type.Integer(), format: Type.String(), reason: Type.String() });

export const ProfileClimateGroupSchema = Type.Object({
  audience: Audience,
  respondents: Type.Integer(),
  suppressed: Type.Boolean({ description: "true — ответивших меньше порога анонимности (или группа скрыта, чтобы малую нельзя было вычислить): без шкал" }),
  reason: Type.Optional(HiddenReason),
  scales: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), score: Type.Number({ description: "0–100" }), band: Band, respondents: Type.Integer(),
    region: Type.Optional(Type.Object({ score: Type.Number(), band: Band, respondents: Type.Integer() })),
  })),
  hiddenScales: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), reason: HiddenReason })),
});

const CompetencyCountSchema = Type.Object({ id: Type.String(), title: Type.String(), tested: Type.Integer(), deficit: Type.Integer(), partial: Type.Integer(), proficient: Type.Integer() });

export const SchoolProfileSchema = Type.Object({
  // The contract's fields.
  schoolId: Type.String(),
  name: Type.String(),
  municipalityId: Type.String(),
  wellbeingIndex: Type.Optional(Type.Number({ description: "Индекс социального благополучия (среднее z-оценок составляющих); нет — не рассчитан" })),
  clusters: Type.Array(Type.String(), { description: "Коды кластеров, в которые школа попала по правилам (как в GET /api/schools)" }),
  risks: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(),
    level: FactorLevelSchema,
    reasons: Type.Array(Type.String()),
    indicators: Type.Array(RiskFactorSchema.properties.indicators.items),
  })),
  climate: Type.Array(ProfileClimateGroupSchema),
  teachers: Type.Object({
    tested: Type.Integer(), total: Type.Integer(),
    deficitShare: Type.Number({ minimum: 0, maximum: 1, description: "Доля протестированных учителей с хотя бы одним дефицитом, 0–1" }),
    withDeficits: Type.Integer(),
  }),
  // Extras.
  shortName: Type.String(),
  municipalityName: Type.String(),
  index: Nullable(SchoolIndexSchema),
  indexReason: Nullable(Type.String()),
  clusterDetails: Type.Array(AssignedClusterSchema),
  conditions: Type.Object({ submittedOn: Nullable(Type.String({ format: "date" })), indicators: Type.Array(SchoolIndicatorSchema) }),
  climateInfo: Type.Object({
    threshold: Type.Integer(),
    campaign: Nullable(Type.Object({ id: Type.String(), title: Type.String(), startsOn: Type.String(), endsOn: Type.String() })),
  }),
  deficits: Type.Object({
    bySubject: Type.Array(Type.Object({ subject: Type.String(), title: Type.String(), tested: Type.Integer(), withDeficits: Type.Integer(), competencies: Type.Array(CompetencyCountSchema) })),
    methods: Type.Array(CompetencyCountSchema),
    frequent: Type.Array(Type.Object({
      id: Type.String(), title: Type.String(), area: Type.String(), subject: Nullable(Type.String()), subjectTitle: Nullable(Type.String()),
      deficit: Type.Integer(), tested: Type.Integer(), share: Type.Number(),
    })),
  }),
  leader: Type.Object({
    principal: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    measuredAt: Nullable(Type.String()),
    competencies: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), percent: Type.Number(), level: LevelSchema })),
    courses: Type.Array(CourseRef),
  }),
  actions: Type.Object({
    courses: Type.Array(Type.Object({
      id: Type.String(), title: Type.String(), hours: Type.Integer(), format: Type.String(), reason: Type.String(),
      teachers: Type.Integer({ description: "Педагогов, чьи дефициты закрывает курс" }),
      closes: Type.Array(Type.Object({ competencyId: Type.String(), title: Type.String(), teachers: Type.Integer() })),
    })),
    uncovered: Type.Array(Type.Object({ competencyId: Type.String(), title: Type.String(), teachers: Type.Integer() })),
    partners: Type.Array(Type.Object({
      schoolId: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
      place: Type.Union([Type.Literal("same"), Type.Literal("neighbour"), Type.Literal("region")]),
      distance: Nullable(Type.Number()), closest: Type.Array(Type.String()), reason: Type.String(),
    })),
  }),
  /** For the principal and staff only (those who may open the teachers' profiles). */
  teacherList: Type.Optional(Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), position: Nullable(Type.String()), subjects: Type.Array(Type.String()),
    tested: Type.Array(Type.String()), deficits: Type.Integer(), measuredAt: Nullable(Type.String()),
  }))),
});
export type SchoolProfile = Static<typeof SchoolProfileSchema>;

const Id = Type.String({ minLength: 1, maxLength: 100 });
const RiskId = Type.Union(RISK_FACTORS.map((r) => Type.Literal(r.id)));
const ClusterCode = Type.Union(CLUSTER_CODES.map((c) => Type.Literal(c)));

export const RegistryQuery = Type.Object({
  municipalityId: Type.Optional(Id),
  cluster: Type.Optional(ClusterCode),
  risk: Type.Optional(RiskId),
  level: Type.Optional(FactorLevelSchema),
}, { additionalProperties: false });
export type RegistryFilter = Static<typeof RegistryQuery>;

export const RegistryExportQuery = Type.Object({
  ...RegistryQuery.properties,
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

export const RegistryRowSchema = Type.Object({
  schoolId: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
  index: Nullable(Type.Object({ value: Type.Number(), rank: Type.Integer(), of: Type.Integer(), scaled: Type.Integer() })),
  clusters: Type.Array(Type.String()),
  risks: Type.Array(Type.Object({ id: Type.String(), level: FactorLevelSchema })),
  coverage: Type.Object({ assigned: Type.Integer(), started: Type.Integer(), submitted: Type.Integer() }),
  climate: Type.Object({
    audiences: Type.Array(Type.Object({ audience: Audience, respondents: Type.Integer(), suppressed: Type.Boolean() })),
    scales: Type.Integer(), favourable: Type.Integer(),
    favourableShare: Nullable(Type.Number({ description: "Доля показанных шкал в благоприятной зоне, %; null — все группы скрыты или ответов нет" })),
  }),
});
export type RegistryRow = Static<typeof RegistryRowSchema>;

export const RegistrySchema = Type.Object({
  regionSchools: Type.Integer(),
  threshold: Type.Integer(),
  computedAt: Type.String(),
  campaigns: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }), { description: "Идущие кампании, по которым считан охват" }),
  climateCampaign: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  clusters: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
  risks: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  schools: Type.Array(RegistryRowSchema),
});
export type Registry = Static<typeof RegistrySchema>;
