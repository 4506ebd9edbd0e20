// TypeBox schemas of attempts and results.
import { Type } from "@sinclair/typebox";
import { LevelSchema } from "../profiles/profiles.schemas.js";

export const AttemptSchema = Type.Object({
  id: Type.String(),
  instrumentId: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal("in_progress"), Type.Literal("submitted")]),
  data: Type.Object({}, { additionalProperties: true }),
  currentPage: Type.Integer(),
  startedAt: Type.String({ format: "date-time" }),
  submittedAt: Type.Optional(Type.String({ format: "date-time" })),
  deadlineAt: Type.Optional(Type.String({ format: "date-time" })),
  serverTime: Type.String({ format: "date-time" }),
}, { $id: "Attempt" });

export const ResultSchema = Type.Object({
  attemptId: Type.String(),
  instrumentId: Type.String(),
  instrumentTitle: Type.String(),
  version: Type.Integer(),
  submittedAt: Type.String({ format: "date-time" }),
  score: Type.Number(),
  maxScore: Type.Number(),
  percent: Type.Number(),
  competencies: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), score: Type.Number(), maxScore: Type.Number(),
    percent: Type.Number(), level: LevelSchema, items: Type.Integer(),
  })),
  deficits: Type.Array(Type.String()),
  courses: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), hours: Type.Integer(), format: Type.String(),
    reason: Type.String(), competencies: Type.Array(Type.String()),
  })),
}, { $id: "Result" });

const Answers = Type.Object({}, { additionalProperties: true, maxProperties: 2000 });

export const StartBody = Type.Object({ instrumentId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const SaveBody = Type.Object({
  data: Answers,
  currentPage: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
}, { additionalProperties: false });
export const SubmitBody = Type.Object({ data: Type.Optional(Answers) }, { additionalProperties: false });
