// Mentor matching, optimal against greedy: total cost, pairs and time, on the demo region and a synthetic country.
import path from "node:path";
import { loadRegistry } from "../server/bootstrap.js";
import { openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrator.js";
import { seedDemoRegion } from "../server/modules/demo/demo-seed.js";
import { syncLibrary } from "../server/modules/instruments/instruments.service.js";
import { loadMatchingData } from "../server/modules/mentoring/matching-input.js";
import type { MatchingInstance } from "../server/modules/mentoring/matching-model.js";
import { matchGreedy } from "../server/modules/mentoring/matching-greedy.js";
import { matchMentors, type MatchOutcome } from "../server/modules/mentoring/matching.js";
import { proposePairs } from "../server/modules/mentoring/proposals.js";
import { syntheticCountry } from "./matching-country.js";

export interface Side { matched: number; totalCost: number; ms: number }
export interface Instance { teachers: number; mentees: number; mentors: number; places: number; edges: number; optimal: Side & { phases: number }; greedy: Side }
export interface MatchingFigures {
  /** Demo region in an in-memory PGlite; `proposalMs`: POST /api/mentoring/proposals' work (reads, both matchings, reasons), median of 3. */
  demo: Instance & { proposalMs: number };
  country: Instance;
}

const side = (o: MatchOutcome): Side => ({ matched: o.matched, totalCost: o.totalCost, ms: o.elapsedMs });

function compare(inst: MatchingInstance, teachers: number): Instance {
  const greedy = matchGreedy(inst);
  const optimal = matchMentors(inst);
  return {
    teachers, mentees: inst.mentees.length, mentors: inst.mentors.length, places: inst.mentors.reduce((s, m) => s + m.capacity, 0),
    edges: optimal.edges, optimal: { ...side(optimal), phases: optimal.phases }, greedy: side(greedy),
  };
}

export async function benchMatching(options: { countryTeachers?: number } = {}): Promise<MatchingFigures> {
  const registry = await loadRegistry(path.resolve(import.meta.dirname, "../surveys"));
  const database = await openDatabase({ pgliteDir: "memory://" });
  try {
    await migrateToLatest(database.db);
    await syncLibrary(database.db, registry.all().map((i) => i.definition), registry.catalogues);
    const seeded = await seedDemoRegion(database.db, registry);
    // The demo comes with confirmed pairs; the bench matches the whole region from scratch.
    await database.db.deleteFrom("mentor_assignments").execute();
    const data = await loadMatchingData(database.db, "demo");
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const began = performance.now();
      await proposePairs(database.db, "demo", {});
      times.push(performance.now() - began);
    }
    const demo = { ...compare(data.instance, seeded?.teachers ?? 0), proposalMs: times.sort((a, b) => a - b)[1]! };
    const country = syntheticCountry({ teachers: options.countryTeachers ?? 100_000 });
    return { demo, country: compare(country, country.teachers) };
  } finally {
    await database.close();
  }
}

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : 0 });

/** The bench's lines for these figures. */
export function matchingLines(f: MatchingFigures): string[] {
  const rows = (name: string, i: Instance) => {
    // With more pairs the total cost may be higher: compare the cost per pair then (most pairs come first).
    const perPair = (o: { totalCost: number; matched: number }) => (o.matched > 0 ? o.totalCost / o.matched : 0);
    const samePairs = i.optimal.matched === i.greedy.matched;
    const gain = samePairs
      ? (i.greedy.totalCost > 0 ? (1 - i.optimal.totalCost / i.greedy.totalCost) * 100 : 0)
      : (perPair(i.greedy) > 0 ? (1 - perPair(i.optimal) / perPair(i.greedy)) * 100 : 0);
    return [
      `   ${name}: ${fmt(i.teachers)} teachers, ${fmt(i.mentees)} with deficits and no mentor, ${fmt(i.mentors)} mentors (${fmt(i.places)} places), ${fmt(i.edges)} admissible pairs`,
      `     optimal (min-cost max-flow)  ${fmt(i.optimal.matched).padStart(7)} pairs  cost ${fmt(i.optimal.totalCost).padStart(10)}  ${fmt(i.optimal.ms).padStart(8)} ms  (${i.optimal.phases} phases)`,
      `     greedy, cheapest pair first  ${fmt(i.greedy.matched).padStart(7)} pairs  cost ${fmt(i.greedy.totalCost).padStart(10)}  ${fmt(i.greedy.ms).padStart(8)} ms   (baseline)`,
      `     optimal vs greedy            ${i.optimal.matched - i.greedy.matched >= 0 ? "+" : ""}${fmt(i.optimal.matched - i.greedy.matched)} pairs, ${samePairs ? "total cost" : "cost per pair"} ${gain >= 0 ? `${fmt(gain)}% lower` : `${fmt(-gain)}% higher`} at ${fmt(i.optimal.ms / Math.max(i.greedy.ms, 0.001))}× the time`,
    ];
  };
  return [
    "Mentor matching, optimal against greedy",
    ...rows("demo region", f.demo),
    `     POST /api/mentoring/proposals on it (reads, both matchings, reasons)  ${fmt(f.demo.proposalMs)} ms (target < 1,000)`,
    ...rows("synthetic country", f.country),
    `     target for the country: < 60,000 ms`,
  ];
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  for (const line of matchingLines(await benchMatching())) console.log(line);
}
