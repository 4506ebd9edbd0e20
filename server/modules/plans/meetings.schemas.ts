// TypeBox schemas of a mentor's meetings with a mentee: date, topic, what was agreed.
import { Type, type Static } from "@sinclair/typebox";
import { DateString } from "../../shared/http-schemas.js";
import { ModeSchema } from "./plans.schemas.js";

export const MeetingSchema = Type.Object({
  id: Type.String(),
  heldOn: DateString,
  topic: Type.String(),
  agreed: Type.Optional(Type.String()),
  /** Who recorded it (a former mentor's meetings stay in the list). */
  mentor: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
  /** Whether the viewer may change or delete it: the mentor who recorded it, while they are the current mentor. */
  mine: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
export type MeetingView = Static<typeof MeetingSchema>;

export const MeetingsSchema = Type.Object({
  userId: Type.String(),
  mode: ModeSchema,
  /** The date of the latest meeting, for the mentor's list of mentees. */
  lastHeldOn: Type.Optional(DateString),
  meetings: Type.Array(MeetingSchema),
});

export const CreateMeetingBody = Type.Object({
  heldOn: Type.String({ format: "date", description: "YYYY-MM-DD, не позже сегодняшнего дня" }),
  topic: Type.String({ minLength: 1, maxLength: 300 }),
  agreed: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false });
export type CreateMeeting = Static<typeof CreateMeetingBody>;

export const PatchMeetingBody = Type.Object({
  heldOn: Type.Optional(Type.String({ format: "date" })),
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  agreed: Type.Optional(Type.Unsafe<string | null>({ type: ["string", "null"], maxLength: 4000 })),
}, { additionalProperties: false, minProperties: 1 });
export type PatchMeeting = Static<typeof PatchMeetingBody>;

export const MeetingParams = Type.Object({ id: Type.String({ format: "uuid" }), meetingId: Type.String({ format: "uuid" }) });
