// Reads the instrument files and catalogues from disk and checks them; the only I/O of the instrument library.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Catalogues, InstrumentDefinition } from "./instrument.types.js";
import { validateCatalogues, validateInstrument, type Problem } from "./instrument-validation.js";
import { surveyCoreProblems } from "./survey-core-check.js";

export interface LoadedLibrary {
  instruments: InstrumentDefinition[];
  catalogues: Catalogues;
  problems: Problem[];
}

async function readJson(file: string, problems: Problem[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    problems.push({ file, message: `не читается как JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/** Loads every `surveys/*.json` and `surveys/catalog/*.json`; `only` restricts the instrument files checked. */
export async function loadLibrary(surveysDir: string, only?: string[]): Promise<LoadedLibrary> {
  const problems: Problem[] = [];
  const catalogDir = path.join(surveysDir, "catalog");
  const [competencies, laborActions, courses] = await Promise.all(
    ["competencies.json", "labor-actions.json", "courses.json"].map((f) => readJson(path.join(catalogDir, f), problems)),
  );
  const catalogues: Catalogues = {
    competencies: Array.isArray(competencies) ? competencies : [],
    laborActions: Array.isArray(laborActions) ? laborActions : [],
    courses: Array.isArray(courses) ? courses : [],
  };
  const files = only?.length
    ? only.map((f) => path.resolve(f))
    : (await readdir(surveysDir)).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(surveysDir, f));
  const instruments: InstrumentDefinition[] = [];
  for (const file of files) {
    const shown = path.relative(process.cwd(), file);
    const raw = await readJson(file, problems);
    if (raw === undefined) continue;
    const found = validateInstrument(raw, shown, catalogues);
    if (found.length === 0) found.push(...surveyCoreProblems(raw as InstrumentDefinition, shown));
    problems.push(...found);
    if (found.length === 0) instruments.push(raw as InstrumentDefinition);
  }
  if (!only?.length) problems.push(...validateCatalogues(catalogues, instruments));
  return { instruments, catalogues, problems };
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.question ? ` › ${p.question}` : ""}: ${p.message}`;
}
