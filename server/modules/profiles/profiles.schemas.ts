// TypeBox schemas of the deficit profile.
import { Type } from "@sinclair/typebox";

export const LevelSchema = Type.Union([Type.Literal("deficit"), Type.Literal("partial"), Type.Literal("proficient")]);

export const ProfileSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  schoolId: Type.Optional(Type.String()),
  subjects: Type.Array(Type.String()),
  competencies: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), area: Type.String(), percent: Type.Number(), level: LevelSchema,
    items: Type.Integer(), instrumentId: Type.String(), attemptId: Type.String(), measuredAt: Type.String({ format: "date-time" }),
  })),
  deficits: Type.Array(Type.String()),
  courses: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), hours: Type.Integer(), format: Type.String(),
    description: Type.String(), reason: Type.String(), competencies: Type.Array(Type.String()),
  })),
  mentor: Type.Optional(Type.Object({ id: Type.String(), name: Type.String(), schoolId: Type.String() })),
}, { $id: "Profile" });
