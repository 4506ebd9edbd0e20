// TypeBox schemas of sign-in and of the signed-in user.
import { Type, type Static } from "@sinclair/typebox";

export const RoleSchema = Type.Union(
  ["teacher", "principal", "mentor", "methodologist", "municipal", "admin"].map((r) => Type.Literal(r)),
);

export const UserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema),
  schoolId: Type.Optional(Type.String()),
  municipalityId: Type.Optional(Type.String()),
  regionId: Type.Optional(Type.String()),
  position: Type.Optional(Type.String()),
  subjects: Type.Optional(Type.Array(Type.String())),
  anonymous: Type.Optional(Type.Boolean()),
  instrumentId: Type.Optional(Type.String()),
}, { $id: "User" });
export type User = Static<typeof UserSchema>;

export const SessionSchema = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: "date-time" }),
  user: Type.Ref("User"),
});

export const LoginBody = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 500 }),
}, { additionalProperties: false });

export const CodeBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
}, { additionalProperties: false });
