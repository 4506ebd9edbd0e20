// Answering a SurveyJS page as a person does, shared by the browser tests of the test-taking page.
import type { Locator, Page } from "playwright-core";

export interface PageAnswers {
  /** Which option of each choice question: the first, or the last (to differ from answers given before). */
  option: "first" | "last";
  /** What goes into each text field. */
  text: string;
}

/** Answers every question on the visible page: one option in each radio and checkbox question, `text` in each text field. Rankings stay as they are. */
export async function answerVisiblePage(page: Page, how: PageAnswers = { option: "first", text: "1" }): Promise<string[]> {
  const answered: string[] = [];
  for (const question of await page.locator(".sd-question").all()) {
    const name = (await question.getAttribute("data-name")) ?? "";
    if (await pick(question, "input[type=radio]", how.option)) answered.push(name);
    else if (await pick(question, "input[type=checkbox]", how.option)) answered.push(name);
    else if ((await question.locator("input[type=text], input:not([type])").count()) > 0) {
      const field = question.locator("input[type=text], input:not([type])").first();
      await field.fill(how.text);
      // Leaving the field commits its value, as tabbing away does.
      await field.blur();
      answered.push(name);
    }
  }
  return answered;
}

async function pick(question: Locator, selector: string, option: PageAnswers["option"]): Promise<boolean> {
  if ((await question.locator(selector).count()) === 0) return false;
  // SurveyJS hides the native input behind a styled label: click the label, as a person does.
  const labels = question.locator(`label:has(${selector})`);
  await (option === "first" ? labels.first() : labels.last()).click();
  return true;
}
