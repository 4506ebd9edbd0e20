// How a typed answer is compared with its key: the rules a teacher would accept as the same answer.

/**
 * Trimmed, lower-case, inner spaces collapsed, ё read as е, and a decimal comma read as a point
 * ("12,5" = "12.5"), because Russian writes decimals with a comma and keyboards differ.
 * Numbers are compared by value ("2.50" = "2.5"); everything else as normalized text.
 */
export function normalizeText(raw: string): string {
  const text = raw.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
  const numeric = text.replace(/\s/g, "").replace(",", ".");
  if (/^[-−]?\d+(\.\d+)?$/.test(numeric)) return String(Number(numeric.replace("−", "-")));
  return text;
}

export function textMatches(answer: unknown, accepted: readonly string[]): boolean {
  if (typeof answer !== "string" && typeof answer !== "number") return false;
  const normalized = normalizeText(String(answer));
  return normalized !== "" && accepted.includes(normalized);
}
