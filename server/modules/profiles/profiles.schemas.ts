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
  /** The contract's `id, name, schoolId`, and how to reach the mentor. */
  mentor: Type.Optional(Type.Object({
    id: Type.String(), name: Type.String(), schoolId: Type.String(),
    schoolName: Type.Optional(Type.String()), position: Type.Optional(Type.String()), subjects: Type.Optional(Type.Array(Type.String())),
    email: Type.Optional(Type.String()), schoolPhone: Type.Optional(Type.String()), schoolEmail: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()), since: Type.Optional(Type.String({ format: "date-time" })),
  })),
  /** The person: how their mentor, principal or the institute reaches them. */
  position: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  schoolName: Type.Optional(Type.String()),
  municipalityName: Type.Optional(Type.String()),
}, { $id: "Profile" });
