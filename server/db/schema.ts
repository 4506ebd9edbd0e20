// The Database interface Kysely checks every query against; one interface per table, columns snake_case.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string, string>;

export type Role = "teacher" | "principal" | "mentor" | "methodologist" | "municipal" | "admin";
export const ROLES: readonly Role[] = ["teacher", "principal", "mentor", "methodologist", "municipal", "admin"];

export interface RegionsTable { id: string; name: string; created_at: CreatedAt }
export interface MunicipalitiesTable { id: string; region_id: string; name: string }

export interface SchoolsTable {
  id: string;
  municipality_id: string;
  name: string;
  short_name: string;
  locality: ColumnType<"city" | "town" | "rural", "city" | "town" | "rural" | undefined, "city" | "town" | "rural">;
  students: number | null;
  low_results: Generated<boolean>;
  unfavourable: Generated<boolean>;
  high_results: Generated<boolean>;
  clusters: TextArray;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  login: string | null;
  password_hash: string | null;
  full_name: string;
  position: string | null;
  region_id: string | null;
  municipality_id: string | null;
  school_id: string | null;
  subjects: TextArray;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserRolesTable { user_id: string; role: Role }

export interface AccessCodesTable {
  code_hash: string;
  kind: "person" | "anonymous";
  user_id: string | null;
  school_id: string | null;
  instrument_id: string | null;
  audience: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CompetenciesTable { id: string; title: string; area: "subject" | "method" | "leadership"; subject: string | null }

export interface InstrumentsTable {
  id: string;
  kind: string;
  subject: string | null;
  audience: TextArray;
  title: string;
  anonymous: Generated<boolean>;
  current_version: number;
}

export interface InstrumentVersionsTable {
  instrument_id: string;
  version: number;
  definition: Json<unknown>;
  content_hash: string;
  created_at: CreatedAt;
}

export interface CoursesTable {
  id: string;
  title: string;
  hours: number;
  format: string;
  audience: TextArray;
  subjects: TextArray;
  competencies: TextArray;
  description: string;
  source: string | null;
  is_active: Generated<boolean>;
}

export interface CampaignsTable {
  id: string;
  region_id: string;
  title: string;
  wave: "input" | "intermediate" | "final";
  status: "planned" | "active" | "closed";
  starts_on: ColumnType<Date, string, string>;
  ends_on: ColumnType<Date, string, string>;
  created_at: CreatedAt;
}

export interface CampaignInstrumentsTable { campaign_id: string; instrument_id: string }

export type AttemptStatus = "in_progress" | "submitted";

export interface AttemptsTable {
  id: Generated<string>;
  user_id: string | null;
  respondent_key: string | null;
  school_id: string | null;
  audience: string;
  instrument_id: string;
  version: number;
  campaign_id: string;
  status: ColumnType<AttemptStatus, AttemptStatus | undefined, AttemptStatus>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  current_page: ColumnType<number, number | undefined, number>;
  started_at: Timestamp;
  deadline_at: Timestamp | null;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  score: number | null;
  max_score: number | null;
  percent: number | null;
  item_scores: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface CompetencyResultsTable {
  attempt_id: string;
  competency_id: string;
  score: number;
  max_score: number;
  percent: number;
  level: "deficit" | "partial" | "proficient";
  items: number;
}

export interface MentorAssignmentsTable {
  id: Generated<string>;
  mentor_id: string;
  mentee_id: string;
  assigned_by: string | null;
  assigned_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface Database {
  regions: RegionsTable;
  municipalities: MunicipalitiesTable;
  schools: SchoolsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  access_codes: AccessCodesTable;
  competencies: CompetenciesTable;
  instruments: InstrumentsTable;
  instrument_versions: InstrumentVersionsTable;
  courses: CoursesTable;
  campaigns: CampaignsTable;
  campaign_instruments: CampaignInstrumentsTable;
  attempts: AttemptsTable;
  competency_results: CompetencyResultsTable;
  mentor_assignments: MentorAssignmentsTable;
}

export type AttemptRow = Selectable<AttemptsTable>;
export type NewAttempt = Insertable<AttemptsTable>;
export type UserRow = Selectable<UsersTable>;
export type SchoolRow = Selectable<SchoolsTable>;
