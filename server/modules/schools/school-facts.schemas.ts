// TypeBox schemas of a school's facts (indicators, index, clusters, risks, exams) and of the region's index ranking.
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A risk factor's level; "unknown" when none of its data is there (the reasons say what is missing). */
export const FactorLevelSchema = Type.Union([Type.Literal("low"), Type.Literal("medium"), Type.Literal("high"), Type.Literal("unknown")]);

export const SchoolIndicatorSchema = Type.Object({
  id: Type.String(), title: Type.String(), unit: Type.Optional(Type.String()),
  direction: Type.Union([Type.Literal("risk"), Type.Literal("resource"), Type.Literal("context")]),
  value: Nullable(Type.Number()),
});

export const ComponentScoreSchema = Type.Object({
  id: Type.String(), title: Type.String(), unit: Type.Optional(Type.String()),
  direction: Type.Union([Type.Literal("risk"), Type.Literal("resource")]),
  value: Nullable(Type.Number()),
  /** Standardised across the region and oriented: higher is the more favourable context. */
  z: Nullable(Type.Number()),
  schools: Type.Integer({ description: "Школ региона с этим показателем" }),
});

export const SchoolIndexSchema = Type.Object({
  value: Type.Number({ description: "Среднее z-оценок составляющих (выше — благополучнее)" }),
  scaled: Type.Integer({ minimum: 0, maximum: 100, description: "Доля других школ региона с более низким индексом, %" }),
  rank: Type.Integer({ minimum: 1, description: "Место в регионе, 1 — самые благополучные условия" }),
  of: Type.Integer(),
  measured: Type.Integer(),
  components: Type.Array(ComponentScoreSchema),
});

export const AssignedClusterSchema = Type.Object({ code: Type.String(), title: Type.String(), reasons: Type.Array(Type.String()) });

export const RiskFactorSchema = Type.Object({
  id: Type.String(), title: Type.String(),
  level: FactorLevelSchema,
  reasons: Type.Array(Type.String()),
  indicators: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), value: Nullable(Type.Number()), unit: Type.Optional(Type.String()) })),
});

export const ExamSummarySchema = Type.Object({
  years: Type.Array(Type.Integer()),
  results: Type.Array(Type.Object({
    year: Type.Integer(), exam: Type.String(), examTitle: Type.String(), subject: Type.String(), subjectTitle: Type.String(),
    grades: Type.Array(Type.Integer()), participants: Type.Integer(), meanScore: Nullable(Type.Number()),
    failShare: Nullable(Type.Number()), highShare: Nullable(Type.Number()),
  })),
  failShares: Type.Array(Type.Object({ subject: Type.String(), year: Type.Integer(), participants: Type.Integer(), share: Type.Number() })),
  egeBelowMinimum: Nullable(Type.Object({ year: Type.Integer(), participants: Type.Integer(), share: Type.Number() })),
});

export const SchoolFactsSchema = Type.Object({
  schoolId: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(),
  conditions: Nullable(Type.Object({ submittedOn: Type.String({ format: "date" }) })),
  indicators: Type.Array(SchoolIndicatorSchema),
  index: Nullable(SchoolIndexSchema),
  indexReason: Nullable(Type.String()),
  clusters: Type.Array(AssignedClusterSchema),
  risks: Type.Array(RiskFactorSchema),
  exams: ExamSummarySchema,
  teachers: Type.Object({ total: Type.Integer(), tested: Type.Integer(), withSubjectDeficits: Type.Integer(), withMethodDeficits: Type.Integer() }),
  leaderAssessed: Type.Boolean(),
  climateGiven: Type.Boolean(),
});
export type SchoolFactsView = Static<typeof SchoolFactsSchema>;

export const IndexQuery = Type.Object({
  municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false });

export const IndexRankingSchema = Type.Object({
  /** Schools of the region, and those of them with an index (the ranks count only these). */
  regionSchools: Type.Integer(),
  withIndex: Type.Integer(),
  components: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), unit: Type.Optional(Type.String()), direction: Type.String() })),
  schools: Type.Array(Type.Object({
    schoolId: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
    index: Nullable(SchoolIndexSchema),
    reason: Nullable(Type.String()),
  })),
});
export type IndexRanking = Static<typeof IndexRankingSchema>;
