// Small-group suppression for anonymous figures: primary (below the threshold) and complementary. Pure.

export interface GroupCount {
  key: string;
  /** Respondents in the group. */
  n: number;
}

export interface SuppressionResult {
  /** Keys of the groups whose figures may be shown. */
  shown: Set<string>;
  /** Keys hidden, each with why: below the threshold, or hidden so that subtraction reveals nothing. */
  hidden: Map<string, "small" | "complementary">;
  /** Whether the breakdown's total (all groups together) may be shown. */
  totalShown: boolean;
}

/**
 * Decides which groups of one breakdown (the parts of a total: audiences of a school, schools of a
 * municipality, classes of a school…) may show a figure.
 *
 * Primary: a group with fewer than `threshold` respondents is hidden. Complementary: whenever the
 * total is shown, the hidden groups together could be recovered as total − shown groups, so the
 * hidden groups must together hold at least `threshold` respondents and be at least two; until they
 * do, the next-smallest shown group is hidden too. A total below the threshold hides everything.
 *
 * With `totalPublished: false` (a breakdown whose total is never shown anywhere) only primary
 * suppression applies. Callers that publish several nested breakdowns apply it at each level.
 */
export function suppressSmallGroups(groups: readonly GroupCount[], threshold: number, totalPublished = true): SuppressionResult {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  const hidden = new Map<string, "small" | "complementary">();
  const present = groups.filter((g) => g.n > 0);
  for (const g of present) if (g.n < threshold) hidden.set(g.key, "small");
  const total = present.reduce((sum, g) => sum + g.n, 0);
  const totalShown = totalPublished && total >= threshold;

  if (totalShown && hidden.size > 0) {
    // Smallest first (ties by key, so the decision is the same on every run).
    const candidates = present.filter((g) => !hidden.has(g.key)).sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let hiddenCount = hidden.size;
    let hiddenN = present.filter((g) => hidden.has(g.key)).reduce((sum, g) => sum + g.n, 0);
    for (const g of candidates) {
      if (hiddenCount >= 2 && hiddenN >= threshold) break;
      hidden.set(g.key, "complementary");
      hiddenCount += 1;
      hiddenN += g.n;
    }
  }
  const shown = new Set(present.filter((g) => !hidden.has(g.key)).map((g) => g.key));
  return { shown, hidden, totalShown };
}

/** The threshold the platform uses: the configured value, never below 3. */
export const effectiveThreshold = (configured: number): number => Math.max(3, Math.floor(configured));
