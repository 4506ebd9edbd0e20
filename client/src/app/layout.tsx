// Page frame: skip link, header with the product name, navigation and the user, and the main area.
import type { ReactNode } from "react";
import { useAuth } from "./auth";
import { Link, navigate, usePath } from "./router";
import { navigationFor } from "./roles";
import { NotificationBell } from "../features/notifications/notification-bell";

const ROLE_LABELS: Record<string, string> = {
  teacher: "учитель", principal: "руководитель", mentor: "наставник",
  methodologist: "методист", municipal: "муниципальный координатор", admin: "администратор",
};

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useAuth();
  const path = usePath();
  const nav = navigationFor(user);
  // A section stays marked on its inner pages (a campaign under «Кампании»).
  const current = (href: string) => (href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Перейти к содержанию</a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/" className="brand" aria-label="Ориентир — на главную">
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#fff" fillOpacity=".12" /><circle cx="16" cy="16" r="9" fill="none" stroke="#fff" strokeWidth="2.5" /><path d="M16 8.5 19 16l-3 7.5L13 16z" fill="#f2b84b" /></svg>
            <span>Ориентир</span>
          </Link>
          <nav aria-label="Основная навигация">
            <ul className="nav">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current(item.href) ? "page" : undefined}>{item.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
          {user && (
            <div className="user">
              <span className="user-name" title={user.name}>{user.name}</span>
              <span className="user-role">{user.roles.map((r) => ROLE_LABELS[r] ?? r).join(", ") || "респондент"}</span>
              {!user.anonymous && <NotificationBell />}
              <button type="button" className="button button-ghost" onClick={() => { signOut(); navigate("/login"); }}>Выйти</button>
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="footer">Ориентир — диагностика профессиональных дефицитов и адресная поддержка педагогов</footer>
    </div>
  );
}
