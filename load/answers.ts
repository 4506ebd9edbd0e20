// A simulated teacher's answers to the survey as it is served (no keys): plausible values of every question type. Pure.

export interface ServedQuestion {
  type: string;
  name: string;
  choices?: unknown[];
  rows?: unknown[];
  columns?: unknown[];
}

export interface ServedSurvey { pages: Array<{ elements?: ServedQuestion[] }> }

const valueOf = (item: unknown): unknown => (item !== null && typeof item === "object" && "value" in item ? (item as { value: unknown }).value : item);

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An answer to one question, or undefined for what takes none (html) or what this taker skips. */
export function answerFor(question: ServedQuestion, random: () => number): unknown {
  const choices = (question.choices ?? []).map(valueOf);
  switch (question.type) {
    case "radiogroup":
    case "dropdown":
      return choices.length ? pick(choices, random) : undefined;
    case "checkbox": {
      const chosen = choices.filter(() => random() < 0.45);
      return chosen.length ? chosen : choices.slice(0, 1);
    }
    case "ranking":
      return choices.length ? shuffled(choices, random) : undefined;
    case "matrix": {
      const columns = (question.columns ?? []).map(valueOf);
      const answer: Record<string, unknown> = {};
      for (const row of (question.rows ?? []).map(valueOf)) answer[String(row)] = pick(columns, random);
      return Object.keys(answer).length ? answer : undefined;
    }
    case "text":
    case "comment":
      return String(Math.floor(random() * 200));
    case "rating":
      return 1 + Math.floor(random() * 5);
    case "boolean":
      return random() < 0.5;
    default:
      return undefined;
  }
}

/** The answers given on one page; a taker leaves about one question in twenty empty. */
export function answerPage(survey: ServedSurvey, page: number, random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of survey.pages[page]?.elements ?? []) {
    if (random() < 0.05) continue;
    const answer = answerFor(question, random);
    if (answer !== undefined) answers[question.name] = answer;
  }
  return answers;
}

/** JSON with object keys sorted, so that a value read back from jsonb compares equal to the one sent. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A small seeded generator, so a run's answers can be replayed: the server's own mulberry32. */
export { mulberry32 as seededRandom } from "../server/shared/random.js";
