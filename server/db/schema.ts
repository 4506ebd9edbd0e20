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
  phone: string | null;
  email: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
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
  email: string | null;
  /** Mentees this mentor may take; null means the default (3). */
  mentor_capacity: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
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
  /** Anonymous codes: the climate round and (students) the class they were printed for. */
  round_id: string | null;
  class_name: string | null;
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

export type Wave = "input" | "intermediate" | "final";
export type CampaignStatus = "planned" | "active" | "closed";

export interface CampaignsTable {
  id: string;
  region_id: string;
  title: string;
  wave: Wave;
  status: CampaignStatus;
  /** Dates are kept as "YYYY-MM-DD" text by both drivers (see db/database.ts). */
  starts_on: string;
  ends_on: string;
  created_by: string | null;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  target_teachers: number | null;
  target_principals: number | null;
  target_school_share: number | null;
  created_at: CreatedAt;
}

export interface CampaignMunicipalitiesTable { campaign_id: string; municipality_id: string }
export interface CampaignSchoolsTable { campaign_id: string; school_id: string }

export interface CampaignAssignmentsTable {
  campaign_id: string;
  user_id: string;
  instrument_id: string;
  school_id: string | null;
  municipality_id: string | null;
  active: Generated<boolean>;
  assigned_at: CreatedAt;
}

export interface MunicipalityNeighboursTable { municipality_id: string; neighbour_id: string }

export interface ImportBatchesTable {
  id: Generated<string>;
  region_id: string;
  kind: "municipalities" | "schools" | "people" | "exam-results";
  file_name: string;
  rows: number;
  created: number;
  updated: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CourseGroupsTable {
  id: Generated<string>;
  region_id: string;
  course_id: string;
  title: string;
  status: ColumnType<"proposed" | "confirmed", "proposed" | "confirmed" | undefined, "proposed" | "confirmed">;
  starts_on: string | null;
  ends_on: string | null;
  min_size: Generated<number>;
  max_size: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  confirmed_at: Timestamp | null;
}

export interface CourseGroupMembersTable {
  group_id: string;
  user_id: string;
  course_id: string;
  added_at: CreatedAt;
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
  /** Anonymous answers: the climate round and class; never a person. */
  round_id: string | null;
  class_name: string | null;
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
  /** Why the pair was made, in words (from the matching proposal or the methodologist). */
  reason: string | null;
  subject: string | null;
  ended_by: string | null;
}

export type Audience = "teacher" | "student" | "parent";

export interface ClimateRoundsTable {
  id: Generated<string>;
  school_id: string;
  campaign_id: string;
  instrument_id: string;
  audience: Audience;
  classes: TextArray;
  codes_issued: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
}

export interface ExamResultsTable {
  id: Generated<string>;
  school_id: string;
  year: number;
  exam: "vpr" | "oge" | "ege";
  subject: string;
  grade: Generated<number>;
  participants: number;
  mean_score: number | null;
  share_failed: number | null;
  share_high: number | null;
  created_by: string | null;
  updated_at: Timestamp;
}

export type PlanItemKind = "course" | "seminar" | "consultation" | "lesson-observation" | "open-lesson" | "self-study";
export type PlanItemStatus = "planned" | "in-progress" | "done" | "dropped";

export interface PlanItemsTable {
  id: Generated<string>;
  user_id: string;
  competency_id: string | null;
  kind: PlanItemKind;
  title: string;
  due_on: string | null;
  status: ColumnType<PlanItemStatus, PlanItemStatus | undefined, PlanItemStatus>;
  course_id: string | null;
  group_id: string | null;
  resource_url: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PlanItemEventsTable {
  id: Generated<string>;
  item_id: string;
  user_id: string;
  actor_id: string | null;
  action: string;
  changes: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: CreatedAt;
}

export interface PlanEvidenceTable {
  id: Generated<string>;
  item_id: string;
  kind: "note" | "link" | "file";
  note: string | null;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size: number | null;
  content: Buffer | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MentorMeetingsTable {
  id: Generated<string>;
  mentee_id: string;
  mentor_id: string | null;
  held_on: string;
  topic: string;
  agreed: string | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
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
  municipality_neighbours: MunicipalityNeighboursTable;
  campaign_municipalities: CampaignMunicipalitiesTable;
  campaign_schools: CampaignSchoolsTable;
  campaign_assignments: CampaignAssignmentsTable;
  import_batches: ImportBatchesTable;
  course_groups: CourseGroupsTable;
  course_group_members: CourseGroupMembersTable;
  climate_rounds: ClimateRoundsTable;
  exam_results: ExamResultsTable;
  plan_items: PlanItemsTable;
  plan_item_events: PlanItemEventsTable;
  plan_evidence: PlanEvidenceTable;
  mentor_meetings: MentorMeetingsTable;
  notifications: NotificationsTable;
}

export type AttemptRow = Selectable<AttemptsTable>;
export type NewAttempt = Insertable<AttemptsTable>;
export type UserRow = Selectable<UsersTable>;
export type SchoolRow = Selectable<SchoolsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
