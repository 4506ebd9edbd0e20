// Typed calls of the imports section: checking and importing files, templates, the log, personal access codes.
import type { Static } from "@sinclair/typebox";
import type { ImportBatchSchema, ImportKindSchema, ImportResultSchema } from "../../../../server/modules/imports/imports.schemas";
import type { IssueBody, SchoolCodesSchema } from "../../../../server/modules/access-codes/access-codes.schemas";
import type { MunicipalitySchema } from "../../../../server/modules/schools/schools.schemas";
import { apiDownload, apiRequest, apiUpload } from "../../lib/api";

export type ImportKind = Static<typeof ImportKindSchema>;
export type ImportResult = Static<typeof ImportResultSchema>;
export type ImportError = ImportResult["errors"][number];
export type ImportBatch = Static<typeof ImportBatchSchema>;
export type SchoolCodes = Static<typeof SchoolCodesSchema>;
export type IssueRequest = Static<typeof IssueBody>;
export type Municipality = Static<typeof MunicipalitySchema>;

export const importsApi = {
  /** Uploads the file; `onProgress` reports the share sent (0–1). A dry run only checks. */
  run: (kind: ImportKind, file: File, dryRun: boolean, onProgress: (share: number) => void) =>
    apiUpload<ImportResult>(`/api/imports/${kind}${dryRun ? "?dryRun=true" : ""}`, file, onProgress),
  template: (kind: ImportKind, format: "xlsx" | "csv") => apiDownload(`/api/imports/templates/${kind}?format=${format}`),
  history: () => apiRequest<ImportBatch[]>("GET", "/api/imports/history"),
  municipalities: () => apiRequest<Municipality[]>("GET", "/api/municipalities"),
  codeSchools: (municipalityId?: string) =>
    apiRequest<SchoolCodes[]>("GET", `/api/access-codes/schools${municipalityId ? `?municipalityId=${encodeURIComponent(municipalityId)}` : ""}`),
  /** Issues codes and downloads the file at once: the codes are in it and nowhere else. */
  issueCodes: (body: IssueRequest) => apiDownload("/api/access-codes/people", body),
};

export const KIND_LABELS: Record<ImportKind, { tab: string; what: string; key: string }> = {
  municipalities: { tab: "Муниципалитеты", what: "муниципалитетов", key: "по коду муниципалитета" },
  schools: { tab: "Школы", what: "школ", key: "по коду школы" },
  people: { tab: "Сотрудники", what: "сотрудников", key: "по адресу e-mail" },
  "exam-results": { tab: "Результаты ВПР, ОГЭ, ЕГЭ", what: "результатов экзаменов", key: "по школе, году, экзамену, предмету и классу" },
};
