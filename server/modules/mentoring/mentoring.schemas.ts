// TypeBox schemas of mentoring: proposals, pairs, the mentor pool, and a mentor's list of mentees.
import { Type, type Static } from "@sinclair/typebox";
import { SUBJECT_CODES } from "../instruments/instrument.types.js";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Uuid = Type.String({ format: "uuid" });
/** Plain string enums, so that a wrong value gets the readable "должно быть одним из" message. */
export const SubjectSchema = Type.String({ enum: [...SUBJECT_CODES] });
export const DistanceSchema = Type.String({ enum: ["neighbours", "any"], default: "neighbours" });
const GeoSchema = Type.String({ enum: ["same", "neighbour", "other"] });
const CauseSchema = Type.String({ enum: ["no_mentor_of_subject", "none_nearby", "none_proficient", "all_full"] });

export const ProposalBody = Type.Object({
  subject: Type.Optional(SubjectSchema),
  municipalityId: Type.Optional(Text(100)),
  /** "neighbours": the same or a bordering municipality; "any": anywhere in the region, at a higher cost. */
  distance: Type.Optional(DistanceSchema),
}, { additionalProperties: false });
export type ProposalRequest = Static<typeof ProposalBody>;

const Person = {
  schoolId: Type.Optional(Type.String()),
  schoolName: Type.Optional(Type.String()),
  municipalityId: Type.Optional(Type.String()),
  municipalityName: Type.Optional(Type.String()),
};

export const ProposedPairSchema = Type.Object({
  menteeId: Type.String(),
  mentorId: Type.String(),
  reason: Type.String(),
  subject: Type.String(),
  mentee: Type.Object({ name: Type.String(), ...Person, lowResults: Type.Boolean(), unfavourable: Type.Boolean() }),
  mentor: Type.Object({ name: Type.String(), ...Person, highResults: Type.Boolean() }),
  /** The mentee's deficits in the subject, and those of them the mentor has mastered. */
  deficits: Type.Array(Type.String()),
  covered: Type.Array(Type.String()),
  geo: GeoSchema,
  cost: Type.Integer(),
});

export const UnmatchedSchema = Type.Object({
  menteeId: Type.String(),
  name: Type.String(),
  ...Person,
  subjects: Type.Array(Type.String()),
  cause: CauseSchema,
  reason: Type.String(),
  candidates: Type.Integer(),
});

const Outcome = Type.Object({ matched: Type.Integer(), totalCost: Type.Integer() });

export const ProposalSchema = Type.Object({
  pairs: Type.Array(ProposedPairSchema),
  /** The contract's list: ids of teachers with deficits left without a mentor. */
  unmatched: Type.Array(Type.String()),
  unmatchedDetails: Type.Array(UnmatchedSchema),
  summary: Type.Object({
    mentees: Type.Integer(),
    mentors: Type.Integer(),
    places: Type.Integer(),
    ...Outcome.properties,
    /** The greedy baseline on the same data, for comparison. */
    greedy: Outcome,
    distance: DistanceSchema,
    bySubject: Type.Array(Type.Object({ subject: Type.String(), matched: Type.Integer(), unmatched: Type.Integer() })),
    elapsedMs: Type.Number(),
  }),
});
export type ProposalView = Static<typeof ProposalSchema>;

export const CandidateSchema = Type.Object({
  mentorId: Type.String(),
  name: Type.String(),
  ...Person,
  highResults: Type.Boolean(),
  subject: Type.String(),
  covered: Type.Integer(),
  deficits: Type.Integer(),
  geo: GeoSchema,
  cost: Type.Integer(),
  capacity: Type.Integer(),
  load: Type.Integer(),
  reason: Type.String(),
});
export const CandidatesQuery = Type.Object({ distance: Type.Optional(DistanceSchema) }, { additionalProperties: false });

const PairInput = {
  menteeId: Uuid,
  mentorId: Uuid,
  /** Why, in words; without it the platform writes the reason itself. */
  reason: Type.Optional(Text(2000)),
  subject: Type.Optional(SubjectSchema),
};
export const AssignBody = Type.Object({
  ...PairInput,
  /** End the mentee's current pair and make this one, in one step. */
  replace: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type AssignRequest = Static<typeof AssignBody>;
export const BatchBody = Type.Object({
  pairs: Type.Array(Type.Object(PairInput, { additionalProperties: false }), { minItems: 1, maxItems: 5000 }),
}, { additionalProperties: false });
export type BatchRequest = Static<typeof BatchBody>;

export const PairSchema = Type.Object({
  id: Type.String(),
  menteeId: Type.String(),
  mentorId: Type.String(),
  mentee: Type.Object({ name: Type.String(), ...Person }),
  mentor: Type.Object({ name: Type.String(), ...Person }),
  subject: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  since: Type.String({ format: "date-time" }),
  assignedBy: Type.Optional(Type.String()),
});
export type PairView = Static<typeof PairSchema>;

export const PairsQuery = Type.Object({
  municipalityId: Type.Optional(Text(100)),
  subject: Type.Optional(SubjectSchema),
}, { additionalProperties: false });
export const PairsExportQuery = Type.Object({
  ...PairsQuery.properties,
  format: Type.Optional(Type.String({ enum: ["xlsx", "csv"], default: "xlsx" })),
}, { additionalProperties: false });
export const MenteeParams = Type.Object({ menteeId: Uuid });

export const MentorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  subjects: Type.Array(Type.String()),
  ...Person,
  highResults: Type.Boolean(),
  /** Places in all, and whether that is the default (3) rather than set for this mentor. */
  capacity: Type.Integer(),
  defaultCapacity: Type.Boolean(),
  load: Type.Integer(),
  active: Type.Boolean(),
});
export type MentorView = Static<typeof MentorSchema>;
export const MentorsQuery = Type.Object({ subject: Type.Optional(SubjectSchema) }, { additionalProperties: false });
export const CapacityBody = Type.Object({
  /** Null returns the mentor to the default. */
  capacity: Type.Union([Type.Integer({ minimum: 0, maximum: 30 }), Type.Null()]),
}, { additionalProperties: false });

export const MyMenteeSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  schoolId: Type.Optional(Type.String()),
  /** The mentee's current deficits (competency ids), as in their profile. */
  deficits: Type.Array(Type.String()),
  deficitTitles: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), percent: Type.Number() })),
  schoolName: Type.Optional(Type.String()),
  municipalityName: Type.Optional(Type.String()),
  subjects: Type.Array(Type.String()),
  subject: Type.Optional(Type.String()),
  since: Type.String({ format: "date-time" }),
  reason: Type.Optional(Type.String()),
  /** The mentor's workspace: how to write to the mentee, and where they stand. */
  email: Type.Optional(Type.String()),
  /** The latest submitted test: its day, its overall percent, the test, and the campaign's wave. */
  latestResult: Type.Optional(Type.Object({
    measuredAt: Type.String({ format: "date-time" }),
    percent: Type.Number(),
    instrumentId: Type.String(),
    instrumentTitle: Type.String(),
    campaignTitle: Type.Optional(Type.String()),
    wave: Type.Optional(Type.String({ enum: ["input", "intermediate", "final"] })),
  })),
  /** The plan's items: all but dropped, done, in progress, and open ones past their due day (UTC). */
  plan: Type.Object({ total: Type.Integer(), done: Type.Integer(), inProgress: Type.Integer(), overdue: Type.Integer(), changedAt: Type.Optional(Type.String({ format: "date-time" })) }),
  lastMeetingOn: Type.Optional(Type.String({ format: "date" })),
  meetings: Type.Integer(),
  /** The mentor's unread notifications about this mentee (an item done, a new wave's result). */
  unread: Type.Integer(),
});
export type MyMenteeView = Static<typeof MyMenteeSchema>;
