// TypeBox schemas of campaigns, their coverage, and a person's assignments.
import { Type, type Static } from "@sinclair/typebox";
import { DateString } from "../../shared/http-schemas.js";

export const WaveSchema = Type.Union([Type.Literal("input"), Type.Literal("intermediate"), Type.Literal("final")]);
export const CampaignStatusSchema = Type.Union([Type.Literal("planned"), Type.Literal("active"), Type.Literal("closed")]);

const Targets = Type.Object({
  teachers: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  principals: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  /** Share of the covered schools where someone has been tested, 0–1 (0.6 is the seeds' 60%). */
  schoolShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
}, { additionalProperties: false });

export const CampaignSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  wave: WaveSchema,
  status: CampaignStatusSchema,
  instrumentIds: Type.Array(Type.String()),
  startsOn: DateString,
  endsOn: DateString,
  municipalityIds: Type.Array(Type.String()),
  schoolIds: Type.Array(Type.String()),
  targets: Targets,
  /** Today is within the window of dates (attempts may start when the campaign is also active). */
  inWindow: Type.Boolean(),
  openedAt: Type.Optional(Type.String({ format: "date-time" })),
  closedAt: Type.Optional(Type.String({ format: "date-time" })),
  createdAt: Type.String({ format: "date-time" }),
}, { $id: "Campaign" });
export type CampaignView = Static<typeof CampaignSchema>;

const Ids = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: max, uniqueItems: true });

export const CreateCampaignBody = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 300 }),
  wave: WaveSchema,
  instrumentIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50, uniqueItems: true }),
  startsOn: DateString,
  endsOn: DateString,
  municipalityIds: Type.Optional(Ids(5000)),
  schoolIds: Type.Optional(Ids(50_000)),
  targets: Type.Optional(Targets),
}, { additionalProperties: false });
export type CreateCampaign = Static<typeof CreateCampaignBody>;

export const UpdateCampaignBody = Type.Partial(CreateCampaignBody, { additionalProperties: false });
export type UpdateCampaign = Static<typeof UpdateCampaignBody>;

const Counts = {
  assigned: Type.Integer(),
  started: Type.Integer(),
  submitted: Type.Integer(),
};
const RoleCounts = Type.Object({
  teachers: Type.Object(Counts),
  principals: Type.Object(Counts),
});

export const CoverageSchema = Type.Object({
  campaignId: Type.String(),
  ...Counts,
  roles: RoleCounts,
  schools: Type.Object({ total: Type.Integer(), covered: Type.Integer() }),
  targets: Targets,
  municipalities: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), ...Counts, roles: RoleCounts,
    schools: Type.Object({ total: Type.Integer(), covered: Type.Integer() }),
  })),
  /**
   * Every instrument of the campaign. Anonymous questionnaires assign nobody: `assigned` is 0 and
   * `started` / `submitted` count the answers received by access code.
   */
  instruments: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), anonymous: Type.Boolean(), ...Counts })),
});

/** An instrument a campaign may include, for the institute's campaign form. */
export const InstrumentOptionSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal("subject-test"), Type.Literal("leader"), Type.Literal("climate"), Type.Literal("conditions")]),
  subject: Type.Optional(Type.String()),
  title: Type.String(),
  audience: Type.Array(Type.String()),
  /** Answered by access code: assigns nobody, its answers are counted per school. */
  anonymous: Type.Boolean(),
});
export type InstrumentOption = Static<typeof InstrumentOptionSchema>;

export const SchoolCoverageSchema = Type.Array(Type.Object({
  id: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
  phone: Type.Optional(Type.String()), lowResults: Type.Boolean(), unfavourable: Type.Boolean(),
  ...Counts,
}));

export const CoverageQuery = Type.Object({ municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });

export const PendingQuery = Type.Object({
  municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  schoolId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, { additionalProperties: false });

export const PendingExportQuery = Type.Object({
  municipalityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  schoolId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

export const PendingRow = Type.Object({
  userId: Type.String(), name: Type.String(), position: Type.Optional(Type.String()), email: Type.Optional(Type.String()),
  schoolId: Type.String(), schoolName: Type.String(), schoolPhone: Type.Optional(Type.String()),
  municipalityId: Type.String(), municipalityName: Type.String(),
  instrumentId: Type.String(), instrumentTitle: Type.String(),
  state: Type.Union([Type.Literal("not_started"), Type.Literal("in_progress")]),
});
export const PendingSchema = Type.Object({ total: Type.Integer(), rows: Type.Array(PendingRow) });

export const AssignmentSchema = Type.Object({
  campaign: Type.Object({
    id: Type.String(), title: Type.String(), wave: WaveSchema, status: CampaignStatusSchema,
    startsOn: DateString, endsOn: DateString, inWindow: Type.Boolean(),
  }),
  instrumentId: Type.String(),
  instrumentTitle: Type.String(),
  attempt: Type.Optional(Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal("in_progress"), Type.Literal("submitted")]),
    submittedAt: Type.Optional(Type.String({ format: "date-time" })),
    percent: Type.Optional(Type.Number()),
  })),
});
