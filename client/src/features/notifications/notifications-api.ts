// Typed calls of the in-page notifications.
import type { Static } from "@sinclair/typebox";
import type { NotificationListSchema, UnreadSchema } from "../../../../server/modules/notifications/notifications.schemas";
import { apiRequest } from "../../lib/api";

export type NotificationList = Static<typeof NotificationListSchema>;
export type Notification = NotificationList["items"][number];

export const notificationsApi = {
  list: () => apiRequest<NotificationList>("GET", "/api/me/notifications"),
  /** Without ids: all of them. */
  markRead: (ids?: string[]) => apiRequest<Static<typeof UnreadSchema>>("POST", "/api/me/notifications/read", ids ? { ids } : {}),
};

/** Polling: once a minute while the tab is visible, and at once when it becomes visible again. */
export const POLL_MS = 60_000;
