// Typed calls of the plan (ИОМ), its evidence and history, and the mentor's meetings.
import type { Static } from "@sinclair/typebox";
import type { CreateMeetingBody, MeetingSchema, MeetingsSchema, PatchMeetingBody } from "../../../../server/modules/plans/meetings.schemas";
import type {
  CreateItemBody, DraftSchema, EvidenceSchema, HistorySchema, PatchItemBody, PlanItemSchema, PlanSchema,
} from "../../../../server/modules/plans/plans.schemas";
import { apiDownload, apiRequest, apiUpload } from "../../lib/api";

export type Plan = Static<typeof PlanSchema>;
export type PlanItem = Static<typeof PlanItemSchema>;
export type Evidence = Static<typeof EvidenceSchema>;
export type History = Static<typeof HistorySchema>;
export type DraftResult = Static<typeof DraftSchema>;
export type NewItem = Static<typeof CreateItemBody>;
export type ItemPatch = Static<typeof PatchItemBody>;
export type Meeting = Static<typeof MeetingSchema>;
export type Meetings = Static<typeof MeetingsSchema>;
export type NewMeeting = Static<typeof CreateMeetingBody>;
export type MeetingPatch = Static<typeof PatchMeetingBody>;
export type PlanMode = "own" | "mentor" | "read";

/** The server's limit, said before an upload starts (and checked again there, by the bytes). */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.txt";

const base = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;
const item = (userId: string, itemId: string) => `${base(userId)}/plan/items/${encodeURIComponent(itemId)}`;

export const planApi = {
  plan: (userId: string) => apiRequest<Plan>("GET", `${base(userId)}/plan`),
  addItem: (userId: string, body: NewItem) => apiRequest<PlanItem>("POST", `${base(userId)}/plan/items`, body),
  updateItem: (userId: string, itemId: string, body: ItemPatch) => apiRequest<PlanItem>("PATCH", item(userId, itemId), body),
  deleteItem: (userId: string, itemId: string) => apiRequest<void>("DELETE", item(userId, itemId)),
  history: (userId: string, limit = 200) => apiRequest<History>("GET", `${base(userId)}/plan/history?limit=${limit}`),
  draft: (userId: string) => apiRequest<DraftResult>("POST", `${base(userId)}/plan/draft`),
  addNote: (userId: string, itemId: string, note: string) => apiRequest<Evidence>("POST", `${item(userId, itemId)}/evidence`, { kind: "note", note }),
  addLink: (userId: string, itemId: string, url: string, note?: string) =>
    apiRequest<Evidence>("POST", `${item(userId, itemId)}/evidence`, { kind: "link", url, ...(note ? { note } : {}) }),
  uploadFile: (userId: string, itemId: string, file: File, onProgress: (share: number) => void) =>
    apiUpload<Evidence>(`${item(userId, itemId)}/evidence`, file, onProgress),
  downloadFile: (userId: string, itemId: string, evidenceId: string) => apiDownload(`${item(userId, itemId)}/evidence/${encodeURIComponent(evidenceId)}`),
  deleteEvidence: (userId: string, itemId: string, evidenceId: string) =>
    apiRequest<void>("DELETE", `${item(userId, itemId)}/evidence/${encodeURIComponent(evidenceId)}`),
  meetings: (userId: string) => apiRequest<Meetings>("GET", `${base(userId)}/meetings`),
  addMeeting: (userId: string, body: NewMeeting) => apiRequest<Meeting>("POST", `${base(userId)}/meetings`, body),
  updateMeeting: (userId: string, id: string, body: MeetingPatch) => apiRequest<Meeting>("PATCH", `${base(userId)}/meetings/${encodeURIComponent(id)}`, body),
  deleteMeeting: (userId: string, id: string) => apiRequest<void>("DELETE", `${base(userId)}/meetings/${encodeURIComponent(id)}`),
};
