// TypeBox schemas of the individual development plan (ИОМ): items, evidence, history, the draft.
import { Type, type Static } from "@sinclair/typebox";
import { DateString } from "../../shared/http-schemas.js";

export const PLAN_ITEM_KINDS = ["course", "seminar", "consultation", "lesson-observation", "open-lesson", "self-study"] as const;
export const PLAN_ITEM_STATUSES = ["planned", "in-progress", "done", "dropped"] as const;
/** Plain string enums, so that a wrong value gets the readable "должно быть одним из" message. */
export const KindSchema = Type.String({ enum: [...PLAN_ITEM_KINDS] });
export const StatusSchema = Type.String({ enum: [...PLAN_ITEM_STATUSES] });
export const ModeSchema = Type.String({ enum: ["own", "mentor", "read"], description: "own: свой план; mentor: текущий наставник; read: только чтение" });

/** A calendar day; the service also refuses days outside the programme's horizon (a typo like 0202 or 3026). */
export const DueDate = Type.String({ format: "date", description: "YYYY-MM-DD" });
const Title = Type.String({ minLength: 1, maxLength: 300 });
const CompetencyId = Type.String({ minLength: 1, maxLength: 100 });
/** Only web addresses: a javascript: or data: link is never stored. */
export const WebUrl = Type.String({ minLength: 8, maxLength: 2000, pattern: "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$" });

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const EvidenceSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ enum: ["note", "link", "file"] }),
  note: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  fileName: Type.Optional(Type.String()),
  contentType: Type.Optional(Type.String()),
  size: Type.Optional(Type.Integer()),
  createdBy: Type.Optional(PersonRef),
  createdAt: Type.String({ format: "date-time" }),
});
export type EvidenceView = Static<typeof EvidenceSchema>;

export const PlanItemSchema = Type.Object({
  id: Type.String(),
  competencyId: Type.Optional(Type.String()),
  kind: KindSchema,
  title: Type.String(),
  dueOn: Type.Optional(DateString),
  status: StatusSchema,
  competencyTitle: Type.Optional(Type.String()),
  /** Due date passed and the item neither done nor dropped (by the server's calendar day, UTC). */
  overdue: Type.Boolean(),
  courseId: Type.Optional(Type.String()),
  /** A course item: every competency the course addresses (the item is filed under the weakest of them). */
  addresses: Type.Optional(Type.Array(Type.String())),
  group: Type.Optional(Type.Object({ id: Type.String(), title: Type.String(), startsOn: Type.Optional(DateString), endsOn: Type.Optional(DateString) })),
  resourceUrl: Type.Optional(Type.String()),
  createdBy: Type.Optional(PersonRef),
  createdAt: Type.String({ format: "date-time" }),
  updatedBy: Type.Optional(PersonRef),
  updatedAt: Type.String({ format: "date-time" }),
  /** Whether the viewer may delete it (see docs/plans.md); otherwise it can be marked dropped. */
  mayDelete: Type.Boolean(),
  evidence: Type.Array(EvidenceSchema),
});
export type PlanItemView = Static<typeof PlanItemSchema>;

export const PlanSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  mode: ModeSchema,
  items: Type.Array(PlanItemSchema),
  /** The person's current deficits, weakest first: the plan is grouped by them. */
  deficits: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), percent: Type.Number() })),
  mentor: Type.Optional(Type.Object({
    id: Type.String(), name: Type.String(), schoolName: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()), schoolPhone: Type.Optional(Type.String()),
  })),
});
export type PlanView = Static<typeof PlanSchema>;

export const CreateItemBody = Type.Object({
  kind: KindSchema,
  title: Title,
  competencyId: Type.Optional(CompetencyId),
  dueOn: Type.Optional(DueDate),
  courseId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Self-study with a resource: its address. */
  resourceUrl: Type.Optional(WebUrl),
}, { additionalProperties: false });
export type CreateItem = Static<typeof CreateItemBody>;

/** A field that null clears: one JSON type list rather than anyOf, so that a wrong value gets one plain message. */
const orNull = <T>(schema: Record<string, unknown>) => Type.Unsafe<T | null>({ ...schema, type: ["string", "null"] });

export const PatchItemBody = Type.Object({
  status: Type.Optional(StatusSchema),
  title: Type.Optional(Title),
  dueOn: Type.Optional(orNull<string>({ format: "date", description: "YYYY-MM-DD; null — без срока" })),
  competencyId: Type.Optional(orNull<string>({ minLength: 1, maxLength: 100 })),
  resourceUrl: Type.Optional(orNull<string>({ minLength: 8, maxLength: 2000, pattern: WebUrl.pattern })),
}, { additionalProperties: false, minProperties: 1 });
export type PatchItem = Static<typeof PatchItemBody>;

export const PlanParams = Type.Object({ id: Type.String({ format: "uuid" }) });
export const ItemParams = Type.Object({ id: Type.String({ format: "uuid" }), itemId: Type.String({ format: "uuid" }) });
export const EvidenceParams = Type.Object({ id: Type.String({ format: "uuid" }), itemId: Type.String({ format: "uuid" }), evidenceId: Type.String({ format: "uuid" }) });

export const HistoryEventSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  itemTitle: Type.String(),
  action: Type.String({ enum: ["created", "drafted", "updated", "evidence-added", "evidence-removed"] }),
  actor: Type.Optional(PersonRef),
  at: Type.String({ format: "date-time" }),
  /** Field → { from?, to? } for edits; the new item's fields or the evidence for the others. */
  changes: Type.Record(Type.String(), Type.Unknown()),
  /** The change in words. */
  summary: Type.String(),
});
export const HistorySchema = Type.Object({ userId: Type.String(), total: Type.Integer(), events: Type.Array(HistoryEventSchema) });
export type HistoryView = Static<typeof HistorySchema>;
export const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, { additionalProperties: false });

export const DraftSchema = Type.Object({
  userId: Type.String(),
  /** Items the draft added, and existing course items it tied to the teacher's course group. */
  created: Type.Array(PlanItemSchema),
  linked: Type.Array(PlanItemSchema),
});

/** A note (`note` required) or a link (`url` required, `note` its caption); one object so errors read plainly. */
export const NoteOrLinkBody = Type.Object({
  kind: Type.String({ enum: ["note", "link"] }),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
  url: Type.Optional(WebUrl),
}, { additionalProperties: false });
export type NoteOrLink = Static<typeof NoteOrLinkBody>;

/** The evidence route takes JSON (a note or a link) or a multipart file in the field `file`. */
export const EvidenceBody = {
  content: {
    "application/json": { schema: NoteOrLinkBody },
    "multipart/form-data": {
      schema: Type.Unsafe<unknown>({
        properties: { file: { type: "string", format: "binary", description: "PDF, PNG, JPEG, DOCX, XLSX, PPTX или текст, до 5 МБ" } },
        required: ["file"],
      }),
    },
  },
};
