// TypeBox schemas of course groups: proposals with their quality and bound, saved groups, members, the course list.
import { Type, type Static } from "@sinclair/typebox";
import { DateString } from "../../shared/http-schemas.js";

const Id = Type.String({ minLength: 1, maxLength: 100 });
const UserId = Type.String({ format: "uuid" });
const Size = (max: number) => Type.Integer({ minimum: 1, maximum: max });

export const ProposalBody = Type.Object({
  courseId: Id,
  minSize: Type.Optional(Size(100)),
  maxSize: Type.Optional(Size(200)),
  municipalityIds: Type.Optional(Type.Array(Id, { maxItems: 5000, uniqueItems: true })),
  /** Only people with this deficit (one of the course's competencies). */
  competencyId: Type.Optional(Id),
  /** The course run's capacity in people: beyond it, lower priority is left out. */
  seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  /** The run's dates: people in a confirmed group of another course at the same time are left out. */
  startsOn: Type.Optional(DateString),
  endsOn: Type.Optional(DateString),
}, { additionalProperties: false });
export type ProposalRequest = Static<typeof ProposalBody>;

export const LeftOutReasonSchema = Type.Union([Type.Literal("already_grouped"), Type.Literal("busy"), Type.Literal("seats"), Type.Literal("sizes")]);
export type LeftOutReason = Static<typeof LeftOutReasonSchema>;

export const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  position: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  schoolId: Type.String(),
  schoolName: Type.String(),
  municipalityId: Type.String(),
  municipalityName: Type.String(),
  subjects: Type.Array(Type.String()),
  lowResults: Type.Boolean(),
  unfavourable: Type.Boolean(),
  /** 2: low results and unfavourable conditions, 1: one of them, 0: neither. */
  priority: Type.Integer(),
  /** The deficits the course addresses. */
  deficits: Type.Array(Type.String()),
});
export type PersonView = Static<typeof PersonSchema>;

const Named = Type.Object({ id: Type.String(), title: Type.String() });
const Municipality = Type.Object({ id: Type.String(), name: Type.String() });

export const BoundSchema = Type.Object({
  lowerBound: Type.Number(),
  objective: Type.Number(),
  gap: Type.Number({ description: "(objective − lowerBound) / objective: the proposal is at most this share worse than the optimum" }),
  method: Type.Union([Type.Literal("exact"), Type.Literal("combinatorial")]),
  summary: Type.String(),
  geography: Type.Object({ value: Type.Number(), lowerBound: Type.Number(), extraMunicipalities: Type.Integer(), extraMunicipalitiesLowerBound: Type.Integer() }),
  dissimilarity: Type.Object({ value: Type.Number(), lowerBound: Type.Number() }),
});

export const QualitySchema = Type.Object({
  placed: Type.Integer(),
  groups: Type.Integer(),
  /** Share of members with a deficit the course addresses (1 for a proposal). */
  addressedShare: Type.Number(),
  /** Mean over members of their mean Jaccard similarity of deficits to groupmates. */
  meanSimilarity: Type.Number(),
  municipalitiesPerGroup: Type.Object({ mean: Type.Number(), max: Type.Integer() }),
  groupSizes: Type.Object({ min: Type.Integer(), max: Type.Integer(), mean: Type.Number() }),
  nonNeighbourGroups: Type.Integer(),
  leftOut: Type.Array(Type.Object({ reason: LeftOutReasonSchema, label: Type.String(), count: Type.Integer() })),
  objective: Type.Object({ total: Type.Number(), dissimilarity: Type.Number(), geography: Type.Number(), extraMunicipalities: Type.Integer() }),
  /** The plain greedy baseline on the same people, for comparison. */
  baseline: Type.Object({ objective: Type.Number(), meanSimilarity: Type.Number(), nonNeighbourGroups: Type.Integer() }),
  construction: Type.Union([Type.Literal("zones"), Type.Literal("baseline")]),
  bound: BoundSchema,
  timings: Type.Object({ totalMs: Type.Number(), groupingMs: Type.Number(), boundMs: Type.Number() }),
});

export const ProposalSchema = Type.Object({
  courseId: Type.String(),
  courseTitle: Type.String(),
  minSize: Type.Integer(),
  maxSize: Type.Integer(),
  seats: Type.Optional(Type.Integer()),
  competencyId: Type.Optional(Type.String()),
  startsOn: Type.Optional(DateString),
  endsOn: Type.Optional(DateString),
  /** How many people have a deficit the course addresses (placed + unassigned). */
  candidates: Type.Integer(),
  candidateIds: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({
    title: Type.String(),
    members: Type.Array(Type.String()),
    municipalityIds: Type.Array(Type.String()),
    size: Type.Integer(),
    similarity: Type.Number(),
    priorityMembers: Type.Integer(),
  })),
  unassigned: Type.Array(Type.String()),
  leftOut: Type.Array(Type.Object({ userId: Type.String(), reason: LeftOutReasonSchema, message: Type.String() })),
  people: Type.Array(PersonSchema),
  municipalities: Type.Array(Municipality),
  competencies: Type.Array(Named),
  quality: QualitySchema,
});
export type ProposalView = Static<typeof ProposalSchema>;

export const GroupStatusSchema = Type.Union([Type.Literal("proposed"), Type.Literal("confirmed")]);

export const GroupSchema = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  title: Type.String(),
  status: GroupStatusSchema,
  startsOn: Type.Optional(DateString),
  endsOn: Type.Optional(DateString),
  minSize: Type.Integer(),
  maxSize: Type.Integer(),
  /** Members the viewer may see (a coordinator: those of their municipality). */
  members: Type.Integer(),
  municipalityIds: Type.Array(Type.String()),
  createdAt: Type.String({ format: "date-time" }),
  confirmedAt: Type.Optional(Type.String({ format: "date-time" })),
});
export type GroupView = Static<typeof GroupSchema>;

export const GroupDetailSchema = Type.Object({
  ...GroupSchema.properties,
  people: Type.Array(PersonSchema),
  competencies: Type.Array(Named),
  municipalities: Type.Array(Municipality),
  quality: Type.Object({ addressedShare: Type.Number(), meanSimilarity: Type.Number(), municipalities: Type.Integer(), nonNeighbour: Type.Boolean() }),
});
export type GroupDetailView = Static<typeof GroupDetailSchema>;

export const SaveGroupsBody = Type.Object({
  courseId: Id,
  minSize: Type.Optional(Size(100)),
  maxSize: Type.Optional(Size(200)),
  startsOn: Type.Optional(DateString),
  endsOn: Type.Optional(DateString),
  groups: Type.Array(Type.Object({
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    members: Type.Array(UserId, { minItems: 1, maxItems: 200, uniqueItems: true }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 5000 }),
}, { additionalProperties: false });
export type SaveGroupsRequest = Static<typeof SaveGroupsBody>;

export const UpdateGroupBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  startsOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  endsOn: Type.Optional(Type.Union([DateString, Type.Null()])),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateGroupRequest = Static<typeof UpdateGroupBody>;

export const MembersBody = Type.Object({ userIds: Type.Array(UserId, { minItems: 1, maxItems: 200, uniqueItems: true }) }, { additionalProperties: false });
export const MemberParams = Type.Object({ id: Type.String({ format: "uuid" }), userId: UserId });

export const ListQuery = Type.Object({
  courseId: Type.Optional(Id),
  status: Type.Optional(GroupStatusSchema),
}, { additionalProperties: false });

export const ExportAllQuery = Type.Object({
  courseId: Id,
  format: Type.Optional(Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" })),
}, { additionalProperties: false });

export const CourseChoiceSchema = Type.Object({
  courses: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), hours: Type.Integer(), format: Type.String(),
    audience: Type.Array(Type.String()), subjects: Type.Array(Type.String()), competencies: Type.Array(Type.String()),
    /** People in scope with a deficit the course addresses. */
    candidates: Type.Integer(),
    /** Of them, already in a group of the course. */
    grouped: Type.Integer(),
    groups: Type.Integer(),
  })),
  competencies: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), area: Type.String(), people: Type.Integer() })),
  municipalities: Type.Array(Municipality),
});
export type CourseChoiceView = Static<typeof CourseChoiceSchema>;

/** «Мои курсы и группы»: a confirmed group the signed-in person is in. */
export const MyGroupSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  hours: Type.Integer(),
  format: Type.String(),
  /** The competencies the course addresses. */
  competencies: Type.Array(Type.String()),
  startsOn: Type.Optional(DateString),
  endsOn: Type.Optional(DateString),
  /** By today's date (UTC): not started, running, over; or no dates set yet. */
  state: Type.String({ enum: ["upcoming", "running", "finished", "undated"] }),
  members: Type.Integer(),
  /** The person's plan has an item tied to this group. */
  inPlan: Type.Boolean(),
});
export type MyGroupView = Static<typeof MyGroupSchema>;
