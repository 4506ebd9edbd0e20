// How a typed answer is compared with its key: the rules a teacher would accept as the same answer.

/** A number as people type it: a sign, digits (in groups of three after a space, "30 000"), a decimal comma or point. */
const NUMBER = /^([-−–+]?)(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * Trimmed, lower-case, inner spaces collapsed, ё read as е. A number is written one way: decimal
 * comma as a point, group spaces and a plus sign dropped, the minus made ASCII, trailing decimal
 * zeros cut ("2,50" = "2.5", "30 000" = "30000", "−3" = "-3"). Done on the text, not through
 * Number(): leading zeros stay meaningful ("0110" is a bit string, not 110), long digit strings
 * keep every digit, and "8 8" is not 88.
 */
export function normalizeText(raw: string): string {
  const text = raw.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
  const number = NUMBER.exec(text);
  if (!number) return text;
  const [, sign, whole, fraction] = number;
  const digits = whole!.replace(/ /g, "");
  const decimals = (fraction ?? "").replace(/0+$/, "");
  const negative = sign !== "" && sign !== "+";
  const value = decimals ? `${digits}.${decimals}` : digits;
  return negative && /[1-9]/.test(value) ? `-${value}` : value;
}

export function textMatches(answer: unknown, accepted: readonly string[]): boolean {
  if (typeof answer !== "string" && typeof answer !== "number") return false;
  const normalized = normalizeText(String(answer));
  return normalized !== "" && accepted.includes(normalized);
}
