// Walks the elements of a SurveyJS definition: pages, panels and their questions, in order.
import type { SurveyElementJson, SurveyJson } from "./instrument.types.js";

/** Every element of the survey in document order, panels included, with the page it stands on. */
export function* walkElements(survey: SurveyJson): Generator<{ element: SurveyElementJson; pageIndex: number }> {
  const pages = Array.isArray(survey.pages) ? survey.pages : [];
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex++) {
    yield* walkList(pages[pageIndex]?.elements ?? [], pageIndex);
  }
}

function* walkList(elements: SurveyElementJson[], pageIndex: number): Generator<{ element: SurveyElementJson; pageIndex: number }> {
  for (const element of elements) {
    yield { element, pageIndex };
    if (Array.isArray(element.elements)) yield* walkList(element.elements, pageIndex);
  }
}

/** Questions only: elements that hold an answer (not panels, not html blocks). */
export function questionsOf(survey: SurveyJson): SurveyElementJson[] {
  const result: SurveyElementJson[] = [];
  for (const { element } of walkElements(survey)) {
    if (element.type !== "panel" && element.type !== "html" && element.type !== "image") result.push(element);
  }
  return result;
}

/** A question is scored when it carries a key, choice scores or a self-assessment scale. */
export function isScored(question: SurveyElementJson): boolean {
  return question.correctAnswer !== undefined || question.choiceScores !== undefined || question.scoring === "scale";
}

/** The value of a SurveyJS choice, row or column given either as a bare value or as `{ value, text }`. */
export function itemValue(item: unknown): unknown {
  if (item !== null && typeof item === "object" && "value" in item) return (item as { value: unknown }).value;
  return item;
}

export function itemValues(items: unknown[] | undefined): unknown[] {
  return (items ?? []).map(itemValue);
}
