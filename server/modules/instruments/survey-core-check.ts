// Loads a definition in survey-core itself, so that a typo in a type or property name fails the check.
import { Model, Serializer } from "survey-core";
import type { InstrumentDefinition } from "./instrument.types.js";
import type { Problem } from "./instrument-validation.js";

/** Orientir's own question properties (docs/instruments.md); survey-core must know them to load files cleanly. */
export const ORIENTIR_QUESTION_PROPERTIES = [
  "competency", "laborAction", "points", "scoring", "acceptedAnswers", "choiceScores", "explanation", "keepOrder", "indicator",
] as const;

let registered = false;
export function registerOrientirProperties(): void {
  if (registered) return;
  for (const name of ORIENTIR_QUESTION_PROPERTIES) {
    if (!Serializer.findProperty("question", name)) Serializer.addProperty("question", { name, visible: false });
  }
  registered = true;
}

interface JsonError { message?: string; element?: { name?: string }; jsonObj?: { name?: string } }

export function surveyCoreProblems(def: InstrumentDefinition, file: string): Problem[] {
  registerOrientirProperties();
  let model: Model;
  try {
    model = new Model(def.survey);
  } catch (error) {
    return [{ file, message: `survey-core не загрузил опрос: ${(error as Error).message}` }];
  }
  const errors = (model.jsonErrors ?? []) as JsonError[];
  const problems: Problem[] = errors.map((e) => {
    const question = e.jsonObj?.name ?? e.element?.name;
    return question ? { file, question, message: `survey-core: ${e.message}` } : { file, message: `survey-core: ${e.message}` };
  });
  if (model.getAllQuestions().length === 0) problems.push({ file, message: "в опросе нет ни одного вопроса" });
  model.dispose();
  return problems;
}
