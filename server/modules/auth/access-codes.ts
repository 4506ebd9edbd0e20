// Access codes for respondents: 16 characters of Crockford base32 (80 bits), stored only as a digest.
import { createHash, randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;

/** A new code, grouped for printing: "7KQ2-M9XD-4HRT-V0PA". */
export function generateAccessCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** What people type: any case, spaces or dashes, O for 0 and I or L for 1. Null when it cannot be a code. */
export function normalizeAccessCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !ALPHABET.includes(c))) return null;
  return cleaned;
}

export function accessCodeDigest(normalized: string): string {
  return createHash("sha256").update(`orientir-access-code:${normalized}`).digest("hex");
}
