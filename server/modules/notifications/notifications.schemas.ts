// TypeBox schemas of the in-page notifications: the list with the unread count, and marking read.
import { Type, type Static } from "@sinclair/typebox";

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.Optional(Type.String()),
  /** A path of the client to open. */
  link: Type.Optional(Type.String()),
  createdAt: Type.String({ format: "date-time" }),
  readAt: Type.Optional(Type.String({ format: "date-time" })),
});
export type NotificationView = Static<typeof NotificationSchema>;

export const NotificationListSchema = Type.Object({
  /** All of the person's unread notifications, not only those listed. */
  unread: Type.Integer(),
  items: Type.Array(NotificationSchema),
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const NotificationsQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const MarkReadBody = Type.Object({
  /** Which to mark; without it (or empty), all of them. Others' ids are ignored. */
  ids: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 200, uniqueItems: true })),
}, { additionalProperties: false });

export const UnreadSchema = Type.Object({ unread: Type.Integer() });
