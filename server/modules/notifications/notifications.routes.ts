// Notification routes: the signed-in person's latest notifications and unread count, and marking them read.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { currentUser } from "../../plugins/auth.js";
import { errors } from "../../shared/http-schemas.js";
import type { ModuleDeps } from "../../shared/module-deps.js";
import { MarkReadBody, NotificationListSchema, NotificationsQuery, UnreadSchema, type NotificationList } from "./notifications.schemas.js";
import * as repo from "./notifications.repository.js";

function toView(r: repo.NotificationRow): NotificationList["items"][number] {
  return {
    id: r.id, kind: r.kind, title: r.title, ...(r.body ? { body: r.body } : {}), ...(r.link ? { link: r.link } : {}),
    createdAt: new Date(r.created_at).toISOString(), ...(r.read_at ? { readAt: new Date(r.read_at).toISOString() } : {}),
  };
}

export default async function notificationsRoutes(fastify: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ["notifications"];

  app.get("/api/me/notifications", {
    config: { access: "user" },
    schema: {
      tags, summary: `Мои уведомления: последние ${repo.LIST_LIMIT} (unread=true — только непрочитанные) и число непрочитанных`,
      querystring: NotificationsQuery, response: { 200: NotificationListSchema, ...errors(401, 403) },
    },
  }, async (request) => {
    const userId = currentUser(request).id;
    const [rows, unread] = await Promise.all([repo.listNotifications(db, userId, request.query.unread ?? false), repo.countUnread(db, userId)]);
    return { unread, items: rows.map(toView) };
  });

  app.post("/api/me/notifications/read", {
    config: { access: "user" },
    schema: {
      tags, summary: "Отметить уведомления прочитанными (без ids — все)",
      body: MarkReadBody, response: { 200: UnreadSchema, ...errors(401, 403) },
    },
  }, async (request) => {
    const userId = currentUser(request).id;
    const ids = request.body?.ids;
    await repo.markRead(db, userId, ids && ids.length ? ids : null);
    return { unread: await repo.countUnread(db, userId) };
  });
}
