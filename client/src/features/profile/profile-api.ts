// Types and calls of the person page: the profile (lib/api), one's course groups, and the panels the page is composed with.
import type { ReactNode } from "react";
import type { Static } from "@sinclair/typebox";
import type { MyGroupSchema } from "../../../../server/modules/course-groups/course-groups.schemas";
import type { PlanSchema } from "../../../../server/modules/plans/plans.schemas";
import { apiRequest, type Profile } from "../../lib/api";

export type { Profile };
export type MyGroup = Static<typeof MyGroupSchema>;
export type PlanSummary = Static<typeof PlanSchema>;
/** How the viewer works with a person's plan: their own, as the current mentor, or reading (principal, staff). */
export type PanelMode = "own" | "mentor" | "read";

/**
 * The parts of the page that other features own (waves, deficit details, the plan, meetings). The app
 * passes them in, so this feature imports none of them: shared → features → app, never feature → feature.
 */
export interface PersonPanels {
  /** Results across waves: one's own without `userId`. */
  progress(userId?: string): ReactNode;
  /** What stands behind each deficit. */
  deficits(userId: string): ReactNode;
  plan(userId: string, mode: PanelMode): ReactNode;
  meetings(userId: string, mode: PanelMode): ReactNode;
}

export const profileApi = {
  myGroups: () => apiRequest<MyGroup[]>("GET", "/api/me/groups"),
  plan: (userId: string) => apiRequest<PlanSummary>("GET", `/api/users/${encodeURIComponent(userId)}/plan`),
};

/** The viewer's mode on a person's page: the person, their current mentor, or a reader. */
export function panelMode(viewerId: string | undefined, profile: Pick<Profile, "userId" | "mentor">): PanelMode {
  if (viewerId && viewerId === profile.userId) return "own";
  if (viewerId && profile.mentor?.id === viewerId) return "mentor";
  return "read";
}

/** "tel:" wants digits and a leading plus only. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;
