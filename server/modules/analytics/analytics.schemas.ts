// TypeBox schemas of the region's training themes and the staff dashboard.
import { Type, type Static } from "@sinclair/typebox";
import { SUBJECT_CODES } from "../instruments/instrument.types.js";
import { DateString } from "../../shared/http-schemas.js";
import { WaveSchema } from "../campaigns/campaigns.schemas.js";
import { CLUSTER_CODES } from "../../shared/labels.js";

const Id = Type.String({ minLength: 1, maxLength: 100 });
const SubjectCode = Type.Union(SUBJECT_CODES.map((s) => Type.Literal(s)), { description: "Код предмета" });
const ClusterCode = Type.Union(CLUSTER_CODES.map((c) => Type.Literal(c)), { description: "Кластер программы" });

const ThemeFilters = {
  /** Only results of attempts in this campaign (a wave); without it, everyone's latest results. */
  campaignId: Type.Optional(Id),
  subject: Type.Optional(SubjectCode),
  municipalityId: Type.Optional(Id),
  cluster: Type.Optional(ClusterCode),
};

export const ThemesQuery = Type.Object({
  ...ThemeFilters,
  /** How many themes each list keeps (the per-subject lists are short by nature; the overall list is not). */
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
}, { additionalProperties: false });
export type ThemesFilter = Static<typeof ThemesQuery>;

export const ThemesExportQuery = Type.Object({
  ...ThemeFilters,
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

const AreaSchema = Type.Union([Type.Literal("subject"), Type.Literal("method"), Type.Literal("leadership")]);

const ThemeFigures = {
  competencyId: Type.String(),
  title: Type.String(),
  area: AreaSchema,
  subject: Type.Optional(Type.String()),
  subjectTitle: Type.Optional(Type.String()),
  /** People at the deficit level (a methodological competency counts a person once, at their weakest). */
  deficit: Type.Integer(),
  partial: Type.Integer(),
  /** People measured on this competency within the filters. */
  tested: Type.Integer(),
  /** deficit / tested, 0–1. */
  share: Type.Number(),
  courses: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
};

export const ThemeSummarySchema = Type.Object(ThemeFigures);

export const ThemeSchema = Type.Object({
  ...ThemeFigures,
  byMunicipality: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), deficit: Type.Integer(), tested: Type.Integer() })),
  byCluster: Type.Array(Type.Object({ cluster: Type.String(), title: Type.String(), deficit: Type.Integer(), tested: Type.Integer() })),
});
export type Theme = Static<typeof ThemeSchema>;
export type ThemeSummary = Static<typeof ThemeSummarySchema>;

const Group = Type.Object({ tested: Type.Integer(), themes: Type.Array(ThemeSchema) });
const PeopleCounts = Type.Object({ tested: Type.Integer(), withDeficits: Type.Integer() });

export const ThemesReportSchema = Type.Object({
  /** People with results within the filters (teachers and principals). */
  tested: Type.Integer(),
  teachers: PeopleCounts,
  principals: PeopleCounts,
  /** The filters the figures were computed with (a coordinator's municipality is always set). */
  filters: Type.Object({
    campaignId: Type.Optional(Type.String()), subject: Type.Optional(Type.String()),
    municipalityId: Type.Optional(Type.String()), cluster: Type.Optional(Type.String()),
  }),
  municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), tested: Type.Integer() })),
  clusters: Type.Array(Type.Object({ cluster: Type.String(), title: Type.String(), tested: Type.Integer() })),
  subjects: Type.Array(Type.Object({ subject: Type.String(), title: Type.String(), tested: Type.Integer(), themes: Type.Array(ThemeSchema) })),
  /** Methodological competencies, measured by every subject test. */
  crossSubject: Group,
  /** The leader diagnostic of principals: themes for management courses. */
  leadership: Group,
  /** The most frequent teacher deficits across subjects and methodology together. */
  top: Type.Array(ThemeSummarySchema),
  options: Type.Object({
    subjects: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
    clusters: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
  }),
});
export type ThemesReport = Static<typeof ThemesReportSchema>;

const Counts = { assigned: Type.Integer(), started: Type.Integer(), submitted: Type.Integer() };

export const OverviewSchema = Type.Object({
  /** Set for a municipal coordinator: every figure is of this municipality alone. */
  municipality: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
  running: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), wave: WaveSchema, startsOn: DateString, endsOn: DateString, inWindow: Type.Boolean(),
    targets: Type.Object({
      teachers: Type.Optional(Type.Integer()), principals: Type.Optional(Type.Integer()), schoolShare: Type.Optional(Type.Number()),
    }),
    coverage: Type.Object({
      ...Counts,
      teachers: Type.Object(Counts),
      principals: Type.Object(Counts),
      schools: Type.Object({ total: Type.Integer(), covered: Type.Integer() }),
    }),
    municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ...Counts })),
  })),
  planned: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), wave: WaveSchema, startsOn: DateString, endsOn: DateString })),
  teachers: Type.Object({ tested: Type.Integer(), withDeficits: Type.Integer() }),
  topThemes: Type.Array(ThemeSummarySchema),
  courseGroups: Type.Object({ proposed: Type.Integer(), confirmed: Type.Integer(), people: Type.Integer(), confirmedPeople: Type.Integer() }),
  mentoring: Type.Object({ pairs: Type.Integer(), withoutMentor: Type.Integer() }),
  latestImport: Type.Optional(Type.Object({
    id: Type.String(), kind: Type.String(), fileName: Type.String(), rows: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
    createdAt: Type.String({ format: "date-time" }), by: Type.Optional(Type.String()),
  })),
});
export type Overview = Static<typeof OverviewSchema>;
