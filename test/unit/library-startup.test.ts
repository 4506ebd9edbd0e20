// The server refuses to start on a broken instrument, and says which file, which question and what is wrong.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidLibraryError, loadRegistry } from "../../server/bootstrap.js";
import { SURVEYS_DIR } from "../support/paths.js";

let dir: string | undefined;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** A copy of the real library with one question of subject-math changed by `edit`. */
function libraryWith(edit: (question: Record<string, unknown>) => void): { dir: string; question: string } {
  dir = mkdtempSync(path.join(tmpdir(), "orientir-surveys-"));
  cpSync(SURVEYS_DIR, dir, { recursive: true });
  const file = path.join(dir, "subject-math.json");
  const def = JSON.parse(readFileSync(file, "utf8"));
  const question = def.survey.pages.flatMap((p: { elements?: unknown[] }) => p.elements ?? []).find((e: { type: string }) => e.type === "radiogroup");
  edit(question);
  writeFileSync(file, JSON.stringify(def));
  return { dir, question: question.name };
}

describe("starting with the instrument library", () => {
  it("loads the real library", async () => {
    const registry = await loadRegistry(SURVEYS_DIR);
    expect(registry.get("subject-math")?.answerKey.items.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ["a key that is not one of the choices", (q: Record<string, unknown>) => { q.correctAnswer = "zz"; }, /не входит в варианты ответа/],
    ["an unknown competency", (q: Record<string, unknown>) => { q.competency = "math.astrology"; }, /нет в catalog\/competencies\.json/],
    ["a misspelt question type", (q: Record<string, unknown>) => { q.type = "radiogrup"; }, /тип radiogrup|survey-core/],
  ])("refuses %s, naming the file and the question", async (_case, edit, reason) => {
    const broken = libraryWith(edit);
    const error = await loadRegistry(broken.dir).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidLibraryError);
    const message = (error as Error).message;
    expect(message).toContain("subject-math.json");
    expect(message).toContain(broken.question);
    expect(message).toMatch(reason);
  });
});
