// TypeBox schemas of climate rounds: opening one, more codes, printing the codes just issued, the list of a school's rounds.
import { Type, type Static } from "@sinclair/typebox";
import { MAX_CLASSES, MAX_CODES_PER_REQUEST } from "./round-codes.js";

const Id = Type.String({ minLength: 1, maxLength: 100 });
export const AudienceSchema = Type.Union([Type.Literal("teacher"), Type.Literal("student"), Type.Literal("parent")], {
  description: "teacher — педагоги, student — обучающиеся, parent — родители",
});
const ClassName = Type.String({ minLength: 1, maxLength: 20 });
const Count = Type.Integer({ minimum: 1, maximum: MAX_CODES_PER_REQUEST });
const SheetFormat = Type.Union([Type.Literal("pdf"), Type.Literal("xlsx")], {
  description: "pdf — листы для печати с QR-кодами, xlsx — список. Без format ответ — JSON с кодами.",
});

/** How many codes, and for which classes: exactly one of codes, codesPerClass, classCodes. */
const CodeFields = {
  codes: Type.Optional(Count),
  classes: Type.Optional(Type.Array(ClassName, { minItems: 1, maxItems: MAX_CLASSES })),
  codesPerClass: Type.Optional(Count),
  classCodes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 20 }), Count, { minProperties: 1, maxProperties: MAX_CLASSES })),
  format: Type.Optional(SheetFormat),
};

export const OpenRoundBody = Type.Object({
  schoolId: Id,
  audience: AudienceSchema,
  /** Default: the running campaign of the region that includes this audience's questionnaire and covers the school. */
  campaignId: Type.Optional(Id),
  ...CodeFields,
}, { additionalProperties: false });
export type OpenRound = Static<typeof OpenRoundBody>;

export const MoreCodesBody = Type.Object(CodeFields, { additionalProperties: false });
export type MoreCodes = Static<typeof MoreCodesBody>;

export const SheetBody = Type.Object({
  codes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: MAX_CODES_PER_REQUEST }),
  format: SheetFormat,
}, { additionalProperties: false });

export const IssuedSchema = Type.Object({
  id: Type.String({ description: "Опрос (раунд)" }),
  codes: Type.Array(Type.String(), { description: "Коды в открытом виде: показываются один раз, в системе хранится только их отпечаток" }),
  slips: Type.Array(Type.Object({ code: Type.String(), className: Type.Optional(Type.String()) })),
});
export type Issued = Static<typeof IssuedSchema>;

export const RoundsQuery = Type.Object({ schoolId: Id }, { additionalProperties: false });

export const RoundSchema = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  instrumentId: Type.String(),
  audience: AudienceSchema,
  classes: Type.Array(Type.String()),
  openedOn: Type.String({ format: "date" }),
  closedOn: Type.Optional(Type.String({ format: "date" })),
  /** open: codes work; closed: closed by hand, or its campaign is over. */
  status: Type.Union([Type.Literal("open"), Type.Literal("closed")]),
  codesIssued: Type.Integer(),
  codesUsed: Type.Integer(),
  answersStarted: Type.Integer(),
  answersSubmitted: Type.Integer(),
  /** Codes work until the end of this day (the campaign's last day). */
  validUntil: Type.String({ format: "date" }),
});
export type RoundView = Static<typeof RoundSchema>;
