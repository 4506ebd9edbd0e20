// Typed calls of the campaigns section: campaigns, their coverage and the list of those still to test, places for pickers.
import type { Static } from "@sinclair/typebox";
import type {
  CampaignSchema, CoverageSchema, CreateCampaignBody, InstrumentOptionSchema, PendingSchema, SchoolCoverageSchema, UpdateCampaignBody,
} from "../../../../server/modules/campaigns/campaigns.schemas";
import type { MunicipalitySchema, SchoolSchema } from "../../../../server/modules/schools/schools.schemas";
import { apiDownload, apiRequest } from "../../lib/api";

export type Campaign = Static<typeof CampaignSchema>;
export type CampaignBody = Static<typeof CreateCampaignBody>;
export type CampaignChanges = Static<typeof UpdateCampaignBody>;
export type Coverage = Static<typeof CoverageSchema>;
export type MunicipalityCoverage = Coverage["municipalities"][number];
export type InstrumentCoverage = Coverage["instruments"][number];
export type SchoolCoverage = Static<typeof SchoolCoverageSchema>[number];
export type Pending = Static<typeof PendingSchema>;
export type PendingRow = Pending["rows"][number];
export type InstrumentOption = Static<typeof InstrumentOptionSchema>;
export type Municipality = Static<typeof MunicipalitySchema>;
export type School = Static<typeof SchoolSchema>;

export interface PendingFilter { municipalityId?: string | undefined; schoolId?: string | undefined }

/** "?a=1&b=2" from the values that are set; "" when none is. */
function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

const path = (id: string, rest = "") => `/api/campaigns/${encodeURIComponent(id)}${rest}`;

export const campaignsApi = {
  list: () => apiRequest<Campaign[]>("GET", "/api/campaigns"),
  get: (id: string) => apiRequest<Campaign>("GET", path(id)),
  create: (body: CampaignBody) => apiRequest<Campaign>("POST", "/api/campaigns", body),
  update: (id: string, changes: CampaignChanges) => apiRequest<Campaign>("PATCH", path(id), changes),
  remove: (id: string) => apiRequest<void>("DELETE", path(id)),
  open: (id: string) => apiRequest<Campaign>("POST", path(id, "/open")),
  close: (id: string) => apiRequest<Campaign>("POST", path(id, "/close")),
  instruments: () => apiRequest<InstrumentOption[]>("GET", "/api/campaigns/instruments"),
  coverage: (id: string, municipalityId?: string) => apiRequest<Coverage>("GET", path(id, `/coverage${query({ municipalityId })}`)),
  schoolsCoverage: (id: string, municipalityId?: string) =>
    apiRequest<SchoolCoverage[]>("GET", path(id, `/coverage/schools${query({ municipalityId })}`)),
  pending: (id: string, filter: PendingFilter, limit: number, offset: number) =>
    apiRequest<Pending>("GET", path(id, `/pending${query({ ...filter, limit, offset })}`)),
  downloadPending: (id: string, filter: PendingFilter, format: "xlsx" | "csv") =>
    apiDownload(path(id, `/pending/export${query({ ...filter, format })}`)),
  municipalities: () => apiRequest<Municipality[]>("GET", "/api/municipalities"),
  schools: () => apiRequest<School[]>("GET", "/api/schools"),
};
