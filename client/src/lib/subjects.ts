// Subject and cluster names for the client: the server's one list (server/shared/labels.ts), so pages and exports agree.
import { CLUSTERS, clusterTitle, SUBJECTS } from "../../../server/shared/labels";

export { CLUSTERS, clusterTitle, SUBJECTS };

const TITLES = new Map<string, string>(SUBJECTS.map((s) => [s.code, s.title]));

/** "math" → "Математика"; an unknown code shows as itself, a missing one as a dash. */
export const subjectTitle = (code: string | undefined): string => (code ? TITLES.get(code) ?? code : "—");
export const subjectsText = (codes: readonly string[]): string => codes.map(subjectTitle).join(", ");
