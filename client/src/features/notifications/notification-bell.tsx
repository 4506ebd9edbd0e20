// The bell in the header: the unread count (asked for once a minute), and a list of the latest notifications with their links.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link } from "../../app/router";
import { formatDate, formatTime } from "../../lib/format";
import { notificationsApi, POLL_MS, type Notification, type NotificationList } from "./notifications-api";
import "./notifications.css";

export function NotificationBell() {
  const id = useId();
  const [data, setData] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      setData(await notificationsApi.list());
      setFailed(false);
    } catch {
      // A failed poll keeps what was shown; the next minute tries again.
      setFailed(true);
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => { if (!document.hidden) void refresh(); }, POLL_MS);
    const onVisible = () => { if (!document.hidden) void refresh(); };
    document.addEventListener("visibilitychange", onVisible);
    return () => { clearInterval(timer); document.removeEventListener("visibilitychange", onVisible); };
  }, [refresh]);

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === "Escape") close(true); };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => { document.removeEventListener("keydown", onKey); document.removeEventListener("mousedown", onClick); };
  }, [open, close]);

  const markRead = async (ids?: string[]) => {
    const { unread } = await notificationsApi.markRead(ids);
    const now = new Date().toISOString();
    setData((d) => d && { unread, items: d.items.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) });
  };
  const follow = (n: Notification) => {
    if (!n.readAt) void markRead([n.id]).catch(() => undefined);
    close(false);
  };

  const unread = data?.unread ?? 0;
  const label = unread ? `Уведомления: ${unread} непрочитанных` : "Уведомления: новых нет";
  return (
    <div className="bell">
      <button ref={button} type="button" className="bell-button" aria-label={label} title={label} aria-expanded={open} aria-controls={`${id}-panel`}
        onClick={() => { setOpen((o) => !o); if (!open) void refresh(); }}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" /></svg>
        {unread > 0 && <span className="bell-count" aria-hidden="true">{unread > 99 ? "99+" : unread}</span>}
      </button>
      <div ref={panel} id={`${id}-panel`} className="bell-panel" role="region" aria-label="Уведомления" hidden={!open}>
        <div className="bell-head">
          <h2>Уведомления</h2>
          {unread > 0 && <button type="button" className="button button-ghost-dark" onClick={() => void markRead().catch(() => undefined)}>Отметить все прочитанными</button>}
        </div>
        {failed && <p className="bell-note">Не удалось обновить уведомления; попробуем снова через минуту.</p>}
        {!data ? <p className="bell-note">Загрузка…</p> : data.items.length === 0 ? <p className="bell-note">Уведомлений пока нет.</p> : (
          <ul className="bell-list">
            {data.items.map((n) => (
              <li key={n.id} className={n.readAt ? "bell-item" : "bell-item bell-unread"}>
                {!n.readAt && <span className="visually-hidden">Новое: </span>}
                {n.link
                  ? <Link href={n.link} className="bell-title" onClick={() => follow(n)}>{n.title}</Link>
                  : <span className="bell-title">{n.title}</span>}
                {n.body && <span className="bell-body">{n.body}</span>}
                <span className="bell-time"><time dateTime={n.createdAt}>{formatDate(n.createdAt)}, {formatTime(new Date(n.createdAt))}</time></span>
                {!n.readAt && !n.link && <button type="button" className="link-button" onClick={() => void markRead([n.id]).catch(() => undefined)}>Прочитано</button>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
