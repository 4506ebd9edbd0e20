// Which parts of the client a person's roles open: the institute's workspace, the mentor's list, the tests.
import type { User } from "../lib/api";

/** Methodologists, admins and municipal coordinators work in the institute's workspace. */
export const isStaff = (user: User | null | undefined): boolean =>
  !!user?.roles.some((r) => r === "methodologist" || r === "admin" || r === "municipal");

/** Coordinators read their municipality; only methodologists and admins change things. */
export const mayChange = (user: User | null | undefined): boolean =>
  !!user?.roles.some((r) => r === "methodologist" || r === "admin");

export interface NavItem { href: string; label: string }

export function navigationFor(user: User | null | undefined): NavItem[] {
  if (!user) return [];
  if (isStaff(user)) {
    const items: NavItem[] = [
      { href: "/", label: "Обзор" },
      { href: "/campaigns", label: "Кампании" },
      { href: "/themes", label: "Темы обучения" },
      { href: "/groups", label: "Группы" },
      { href: "/climate", label: "Климат" },
      { href: "/schools", label: "Школы" },
    ];
    items.push({ href: "/mentoring", label: "Наставничество" });
    items.push({ href: "/effect", label: "Эффект" });
    if (mayChange(user)) items.push({ href: "/imports", label: "Импорт" });
    return items;
  }
  const items: NavItem[] = [{ href: "/", label: "Главная" }];
  if (user.roles.includes("teacher") || user.roles.includes("principal")) items.push({ href: "/profile", label: "Мой профиль" });
  if (user.roles.includes("teacher")) items.push({ href: "/plan", label: "Мой план" });
  if (user.roles.includes("principal") && user.schoolId) items.push({ href: `/schools/${encodeURIComponent(user.schoolId)}`, label: "Моя школа" });
  if (user.roles.includes("principal")) items.push({ href: "/climate", label: "Климат" });
  if (user.roles.includes("mentor")) items.push({ href: "/mentees", label: "Наставляемые" });
  return items;
}
