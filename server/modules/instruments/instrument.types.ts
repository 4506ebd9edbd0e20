// The shape of an instrument file under surveys/ (see docs/instruments.md) and of the catalogues.

export type InstrumentKind = "subject-test" | "leader" | "climate" | "conditions";
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ["subject-test", "leader", "climate", "conditions"];

export type Audience = "teacher" | "principal" | "student" | "parent";
export const AUDIENCES: readonly Audience[] = ["teacher", "principal", "student", "parent"];

export const SUBJECT_CODES = [
  "russian", "literature", "math", "physics", "chemistry", "biology",
  "geography", "history", "social", "informatics", "english",
] as const;
export type SubjectCode = (typeof SUBJECT_CODES)[number];

export interface LevelThresholds {
  /** Percent at and above which a competency is "partial" rather than a deficit. */
  partial: number;
  /** Percent at and above which a competency is "proficient". */
  proficient: number;
}

export const DEFAULT_LEVELS: LevelThresholds = Object.freeze({ partial: 50, proficient: 75 });

export interface ScaleDefinition {
  id: string;
  title: string;
  items: string[];
  reversed: string[];
}

export interface IndicatorDefinition {
  id: string;
  title: string;
  unit?: string;
  direction: "risk" | "resource";
}

/** A SurveyJS element as it appears in a file; Orientir adds its own properties to questions. */
export interface SurveyElementJson {
  type: string;
  name: string;
  title?: string;
  elements?: SurveyElementJson[];
  choices?: unknown[];
  rows?: unknown[];
  columns?: unknown[];
  correctAnswer?: unknown;
  competency?: string;
  laborAction?: string;
  points?: number;
  scoring?: "partial" | "scale";
  acceptedAnswers?: Array<string | number>;
  choiceScores?: Record<string, number>;
  explanation?: string;
  keepOrder?: boolean;
  indicator?: string;
  [property: string]: unknown;
}

export interface SurveyJson {
  title?: string;
  description?: string;
  locale?: string;
  pages: Array<{ name?: string; title?: string; description?: string; elements?: SurveyElementJson[]; [p: string]: unknown }>;
  [property: string]: unknown;
}

export interface InstrumentDefinition {
  id: string;
  version: number;
  kind: InstrumentKind;
  subject?: SubjectCode;
  audience: Audience[];
  title: string;
  description?: string;
  anonymous?: boolean;
  timeLimitMinutes?: number;
  levels?: LevelThresholds;
  scales?: ScaleDefinition[];
  bands?: { favourable: number; partly: number };
  indicators?: IndicatorDefinition[];
  survey: SurveyJson;
}

export interface Competency {
  id: string;
  title: string;
  area: "subject" | "method" | "leadership";
  subject?: SubjectCode;
}

export interface LaborAction {
  code: string;
  function: string;
  title: string;
}

export type CourseFormat = "in-person" | "distance" | "blended" | "internship";

export interface Course {
  id: string;
  title: string;
  hours: number;
  format: CourseFormat;
  audience: string[];
  subjects?: SubjectCode[];
  competencies: string[];
  description: string;
  source?: string;
}

export interface Catalogues {
  competencies: Competency[];
  laborActions: LaborAction[];
  courses: Course[];
}
