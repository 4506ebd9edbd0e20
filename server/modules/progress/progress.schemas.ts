// TypeBox schemas of a person's progress across waves and of the details behind their deficits.
import { Type, type Static } from "@sinclair/typebox";
import { WaveSchema } from "../campaigns/campaigns.schemas.js";
import { LevelSchema } from "../profiles/profiles.schemas.js";

const SemMethodSchema = Type.Union([Type.Literal("alpha"), Type.Literal("binomial")], {
  description: "alpha: SD·√(1 − α) по заданиям этой компетенции в регионе; binomial: √(p(1 − p)/k), когда попыток в регионе мало",
});

export const WavePointSchema = Type.Object({
  wave: WaveSchema,
  campaignId: Type.String(),
  percent: Type.Number(),
  level: LevelSchema,
  campaignTitle: Type.String(),
  startsOn: Type.String({ format: "date" }),
  measuredAt: Type.String({ format: "date-time" }),
  /** Standard error of measurement of this percent, in percentage points. */
  sem: Type.Number(),
  semMethod: SemMethodSchema,
  items: Type.Integer(),
  instrumentIds: Type.Array(Type.String()),
});

export const ChangeSchema = Type.Object({
  from: Type.Number(),
  to: Type.Number(),
  /** True only where |to − from| exceeds 1.96 · √(SEM₁² + SEM₂²). */
  reliable: Type.Boolean(),
  fromCampaignId: Type.String(),
  toCampaignId: Type.String(),
  difference: Type.Number(),
  sDiff: Type.Number(),
  rci: Type.Number(),
  direction: Type.Union([Type.Literal("growth"), Type.Literal("decline"), Type.Literal("none")]),
});

export const ProgressSchema = Type.Object({
  userId: Type.String(),
  competencies: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    waves: Type.Array(WavePointSchema),
    change: Type.Optional(ChangeSchema),
    area: Type.String(),
    fewItems: Type.Boolean(),
    words: Type.String(),
  })),
  summary: Type.Object({
    compared: Type.Integer(), growth: Type.Integer(), decline: Type.Integer(), withinError: Type.Integer(), measuredOnce: Type.Integer(),
    text: Type.String(),
  }),
}, { $id: "Progress" });
export type ProgressView = Static<typeof ProgressSchema>;

const Tally = { items: Type.Integer(), missed: Type.Integer() };

export const DeficitDetailsSchema = Type.Object({
  userId: Type.String(),
  competencies: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    area: Type.String(),
    percent: Type.Number(),
    level: LevelSchema,
    instrumentId: Type.String(),
    instrumentTitle: Type.String(),
    measuredAt: Type.String({ format: "date-time" }),
    /** False for an attempt stored without item scores: only the percent is known. */
    available: Type.Boolean(),
    ...Tally,
    topics: Type.Array(Type.Object({ title: Type.String(), ...Tally })),
    kinds: Type.Array(Type.Object({ kind: Type.String(), title: Type.String(), ...Tally })),
    laborActions: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), ...Tally })),
    words: Type.String(),
  })),
});
export type DeficitDetailsView = Static<typeof DeficitDetailsSchema>;
