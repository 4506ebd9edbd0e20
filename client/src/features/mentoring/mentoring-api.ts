// Typed calls of the mentoring section: proposals, a teacher's candidates, pairs, the mentor pool, municipalities.
import type { Static } from "@sinclair/typebox";
import type {
  AssignBody, BatchBody, CandidateSchema, MentorSchema, PairSchema, ProposalBody, ProposalSchema,
} from "../../../../server/modules/mentoring/mentoring.schemas";
import type { MunicipalitySchema } from "../../../../server/modules/schools/schools.schemas";
import { apiDownload, apiRequest } from "../../lib/api";

export type Proposal = Static<typeof ProposalSchema>;
export type ProposedPair = Proposal["pairs"][number];
export type Unmatched = Proposal["unmatchedDetails"][number];
export type ProposalRequest = Static<typeof ProposalBody>;
export type Candidate = Static<typeof CandidateSchema>;
export type Pair = Static<typeof PairSchema>;
export type Mentor = Static<typeof MentorSchema>;
export type Municipality = Static<typeof MunicipalitySchema>;
export type Distance = "neighbours" | "any";

/** "?a=1&b=2" from the values that are set; "" when none is. */
function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface PairFilter { municipalityId?: string | undefined; subject?: string | undefined }

export const mentoringApi = {
  propose: (body: ProposalRequest) => apiRequest<Proposal>("POST", "/api/mentoring/proposals", body),
  candidates: (menteeId: string, distance: Distance) =>
    apiRequest<Candidate[]>("GET", `/api/mentoring/mentees/${encodeURIComponent(menteeId)}/candidates${query({ distance })}`),
  assign: (body: Static<typeof AssignBody>) => apiRequest<Pair>("POST", "/api/mentoring/assignments", body),
  assignMany: (pairs: Static<typeof BatchBody>["pairs"]) => apiRequest<{ pairs: Pair[] }>("POST", "/api/mentoring/assignments/batch", { pairs }),
  end: (menteeId: string) => apiRequest<void>("DELETE", `/api/mentoring/assignments/${encodeURIComponent(menteeId)}`),
  pairs: (filter: PairFilter) => apiRequest<Pair[]>("GET", `/api/mentoring/assignments${query({ ...filter })}`),
  downloadPairs: (filter: PairFilter, format: "xlsx" | "csv") => apiDownload(`/api/mentoring/assignments/export${query({ ...filter, format })}`),
  mentors: () => apiRequest<Mentor[]>("GET", "/api/mentoring/mentors"),
  setCapacity: (mentorId: string, capacity: number | null) =>
    apiRequest<Mentor>("PATCH", `/api/mentoring/mentors/${encodeURIComponent(mentorId)}`, { capacity }),
  municipalities: () => apiRequest<Municipality[]>("GET", "/api/municipalities"),
};
