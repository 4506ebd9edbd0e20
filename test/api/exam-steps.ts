// Steps of the exam-path tests: a fixed answer set with a known spread of levels, and responses with their volatile values masked.
import type { LoadedInstrument } from "../../server/modules/instruments/registry.js";

/**
 * Answers in the values the browser sends (ranking tokens): for the j-th competency, the key's answers to
 * the first (j mod 3)/2 of its items and nothing to the rest, so results span deficit, partial and
 * proficient; plus a question the instrument does not have, which must be dropped.
 */
export function fixedAnswers(loaded: LoadedInstrument): Record<string, unknown> {
  const data: Record<string, unknown> = { "not-a-question": "dropped" };
  loaded.answerKey.competencies.forEach((competency, j) => {
    const items = loaded.answerKey.items.filter((i) => i.competency === competency.id);
    const answered = Math.round((items.length * (j % 3)) / 2);
    for (const item of items.slice(0, answered)) {
      const r = item.rule;
      data[item.name] = r.kind === "choice" ? r.value
        : r.kind === "set" ? r.values
        : r.kind === "order" ? r.values.map((v) => loaded.codec.served(item.name, v))
        : r.kind === "matching" ? r.pairs
        : r.kind === "text" ? r.accepted[0]
        : undefined;
    }
  });
  return data;
}

/** The raw body with what differs from run to run (ids, times) masked; everything else byte for byte. */
export function masked(body: string): string {
  return body
    .replace(/"(id|attemptId)":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, "\"$1\":\"<uuid>\"")
    .replace(/"(startedAt|submittedAt|deadlineAt|serverTime)":"[^"]+"/g, "\"$1\":\"<time>\"");
}
