// TypeBox schemas of the instrument list and of an instrument as a respondent receives it.
import { Type } from "@sinclair/typebox";

export const InstrumentSummarySchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal("subject-test"), Type.Literal("leader"), Type.Literal("climate"), Type.Literal("conditions")]),
  subject: Type.Optional(Type.String()),
  audience: Type.Array(Type.String()),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  version: Type.Integer(),
  timeLimitMinutes: Type.Optional(Type.Integer()),
  questionCount: Type.Integer(),
  campaign: Type.Optional(Type.Object({
    id: Type.String(), title: Type.String(), wave: Type.String(),
    startsOn: Type.Optional(Type.String({ format: "date" })), endsOn: Type.Optional(Type.String({ format: "date" })),
    /** Today is within the campaign's dates: the test can be started now. */
    inWindow: Type.Optional(Type.Boolean()),
  })),
  attempt: Type.Optional(Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal("in_progress"), Type.Literal("submitted")]),
    submittedAt: Type.Optional(Type.String({ format: "date-time" })),
    deadlineAt: Type.Optional(Type.String({ format: "date-time" })),
    percent: Type.Optional(Type.Number()),
  })),
});

export const InstrumentSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  timeLimitMinutes: Type.Optional(Type.Integer()),
  // The respondent copy: presentation only (see respondent-copy.ts).
  survey: Type.Object({}, { additionalProperties: true }),
});
