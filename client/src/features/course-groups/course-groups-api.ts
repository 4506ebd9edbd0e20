// Typed calls of the course-groups section: courses to choose from, proposals, saved groups, members, rosters.
import type { Static } from "@sinclair/typebox";
import type {
  CourseChoiceSchema, GroupDetailSchema, GroupSchema, ProposalBody, ProposalSchema, SaveGroupsBody, UpdateGroupBody,
} from "../../../../server/modules/course-groups/course-groups.schemas";
import { apiDownload, apiRequest } from "../../lib/api";

export type CourseChoice = Static<typeof CourseChoiceSchema>;
export type CourseOption = CourseChoice["courses"][number];
export type DeficitOption = CourseChoice["competencies"][number];
export type ProposalRequest = Static<typeof ProposalBody>;
export type Proposal = Static<typeof ProposalSchema>;
export type ProposedGroup = Proposal["groups"][number];
export type Person = Proposal["people"][number];
export type SavedGroup = Static<typeof GroupSchema>;
export type GroupDetail = Static<typeof GroupDetailSchema>;
export type SaveRequest = Static<typeof SaveGroupsBody>;
export type GroupChanges = Static<typeof UpdateGroupBody>;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

const path = (id: string, rest = "") => `/api/course-groups/${encodeURIComponent(id)}${rest}`;

export const groupsApi = {
  courses: () => apiRequest<CourseChoice>("GET", "/api/course-groups/courses"),
  propose: (body: ProposalRequest) => apiRequest<Proposal>("POST", "/api/course-groups/proposals", body),
  save: (body: SaveRequest) => apiRequest<{ groups: SavedGroup[] }>("POST", "/api/course-groups", body),
  list: (courseId?: string, status?: string) => apiRequest<SavedGroup[]>("GET", `/api/course-groups${query({ courseId, status })}`),
  get: (id: string) => apiRequest<GroupDetail>("GET", path(id)),
  update: (id: string, changes: GroupChanges) => apiRequest<GroupDetail>("PATCH", path(id), changes),
  addMembers: (id: string, userIds: string[]) => apiRequest<GroupDetail>("POST", path(id, "/members"), { userIds }),
  removeMember: (id: string, userId: string) => apiRequest<void>("DELETE", path(id, `/members/${encodeURIComponent(userId)}`)),
  confirm: (id: string) => apiRequest<GroupDetail>("POST", path(id, "/confirm")),
  remove: (id: string) => apiRequest<void>("DELETE", path(id)),
  downloadCourse: (courseId: string, format: "xlsx" | "csv" = "xlsx") => apiDownload(`/api/course-groups/export${query({ courseId, format })}`),
  downloadGroup: (id: string, format: "xlsx" | "csv" = "xlsx") => apiDownload(path(id, `/export${query({ format })}`)),
};

export const STATUS_LABELS: Record<SavedGroup["status"], string> = { proposed: "предложена", confirmed: "утверждена" };

/** 0.734 → "73%" */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** 0.1234 → "12,3%" under 10%, "12%" above: the bound reads as a plain figure. */
export function gapPercent(gap: number): string {
  const p = gap * 100;
  return p < 10 ? `${p.toFixed(1).replace(".", ",")}%` : `${Math.round(p)}%`;
}

/** "Группы с 1 марта по 5 апреля 2027 г." pieces: a date or a dash. */
export const dayText = (iso?: string) => (iso ? new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)) : "—");
