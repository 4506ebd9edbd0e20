// Builds the copy of a survey that a respondent receives: presentation only, no key can leak. Pure.
import type { InstrumentDefinition, SurveyElementJson, SurveyJson } from "./instrument.types.js";
import { itemValue } from "./survey-walk.js";
import { seededShuffle } from "../../shared/random.js";
import { buildAnswerCodec, type AnswerCodec } from "./answer-codec.js";

/*
 * A whitelist, not a blacklist: a property someone adds to a file later (a hint, a note, a new
 * scoring rule) stays on the server unless it is named here as presentation.
 */
const SURVEY_PROPERTIES = new Set([
  "title", "description", "locale", "pages", "showQuestionNumbers", "questionErrorLocation", "completedHtml", "questionsOrder",
]);
const PAGE_PROPERTIES = new Set(["name", "title", "description", "elements", "navigationTitle", "navigationDescription"]);
const ELEMENT_PROPERTIES = new Set([
  "type", "name", "title", "description", "isRequired", "elements", "html", "state", "startWithNewLine", "titleLocation",
  "descriptionLocation", "hideNumber", "width", "minWidth", "maxWidth", "indent", "visibleIf", "enableIf", "requiredIf",
  "choices", "rows", "columns", "colCount", "inputType", "placeholder", "min", "max", "step", "maxLength", "size",
  "rateValues", "rateMin", "rateMax", "rateStep", "minRateDescription", "maxRateDescription", "rateDisplayMode", "displayMode",
  "labelTrue", "labelFalse", "valueTrue", "valueFalse", "autoGrow", "allowResize", "selectToRankEnabled",
  "maxSelectedChoices", "minSelectedChoices", "isAllRowRequired", "eachRowRequired", "alternateRows", "columnMinWidth",
  "showNoneItem", "noneText", "showClearButton", "requiredErrorText", "minErrorText", "maxErrorText",
]);
const ITEM_PROPERTIES = new Set(["value", "text"]);
/** Validators that only bound a value; a regex or expression validator could encode the answer. */
const SAFE_VALIDATORS = new Set(["numeric", "text", "answercount"]);
const VALIDATOR_PROPERTIES = new Set(["type", "text", "minValue", "maxValue", "minLength", "maxLength", "allowDigits", "minCount", "maxCount"]);
const SHUFFLED_TYPES = new Set(["radiogroup", "checkbox", "dropdown", "tagbox"]);

export function respondentCopy(def: InstrumentDefinition, codec: AnswerCodec = buildAnswerCodec(def)): SurveyJson {
  const survey = pick(def.survey, SURVEY_PROPERTIES) as SurveyJson;
  survey.locale = "ru";
  survey.pages = def.survey.pages.map((page) => {
    const copy = pick(page, PAGE_PROPERTIES);
    copy.elements = (page.elements ?? []).map((e) => copyElement(e, def.id, codec));
    return copy as SurveyJson["pages"][number];
  });
  return survey;
}

function copyElement(element: SurveyElementJson, instrumentId: string, codec: AnswerCodec): SurveyElementJson {
  const copy = pick(element, ELEMENT_PROPERTIES) as SurveyElementJson;
  if (Array.isArray(element.elements)) copy.elements = element.elements.map((e) => copyElement(e, instrumentId, codec));
  for (const list of ["choices", "rows", "columns", "rateValues"] as const) {
    const items = element[list];
    // A comment question's `rows` is a number of lines, not a list.
    if (Array.isArray(items)) copy[list] = items.map(copyItem);
  }
  if (Array.isArray(element.validators)) {
    const safe = (element.validators as Array<{ type?: string }>).filter((v) => SAFE_VALIDATORS.has(String(v.type)));
    if (safe.length) copy.validators = safe.map((v) => pick(v as Record<string, unknown>, VALIDATOR_PROPERTIES));
  }
  const seed = `${instrumentId}/${element.name}`;
  if (element.type === "ranking" && Array.isArray(copy.choices)) {
    const shuffled = shuffleAwayFrom(copy.choices, seed, element.correctAnswer);
    copy.choices = shuffled.map((item) => {
      const value = itemValue(item);
      const text = item !== null && typeof item === "object" && "text" in item ? (item as { text: unknown }).text : String(value);
      return { value: codec.served(element.name, value), text };
    });
  } else if (SHUFFLED_TYPES.has(element.type) && element.keepOrder !== true && Array.isArray(copy.choices)) {
    copy.choices = seededShuffle(copy.choices, seed);
  }
  return copy;
}

function copyItem(item: unknown): unknown {
  if (item === null || typeof item !== "object") return item;
  return pick(item as Record<string, unknown>, ITEM_PROPERTIES);
}

function pick(source: Record<string, unknown>, allowed: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(source)) if (allowed.has(name)) out[name] = structuredClone(value);
  return out;
}

/** A ranking shown in its key order would give the answer away: shuffle, and never land on the key. */
function shuffleAwayFrom(items: unknown[], seed: string, key: unknown): unknown[] {
  const order = Array.isArray(key) ? key.map(String) : [];
  const sameAsKey = (list: unknown[]) => list.length === order.length && list.every((item, i) => String(itemValue(item)) === order[i]);
  let shuffled = seededShuffle(items, seed);
  if (sameAsKey(shuffled) || sameAsKey([...shuffled].reverse())) shuffled = [...shuffled.slice(1), shuffled[0]];
  return shuffled;
}
