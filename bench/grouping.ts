// Course grouping against the plain greedy baseline: quality and time on the demo region and a synthetic country.
import path from "node:path";
import { loadRegistry } from "../server/bootstrap.js";
import type { InstrumentRegistry } from "../server/modules/instruments/registry.js";
import { simulateAnswers } from "../server/modules/demo/demo-answers.js";
import { demoNeighbours, generateDemoRegion, Rng } from "../server/modules/demo/demo-region.js";
import { DEMO_SEED } from "../server/modules/demo/demo-seed.js";
import { scoreResponse } from "../server/modules/scoring/scorer.js";
import { proposeGroups } from "../server/modules/course-groups/grouping.js";
import { greedyGroups } from "../server/modules/course-groups/grouping-greedy.js";
import { groupingBound } from "../server/modules/course-groups/grouping-bound.js";
import { neighbourMap, type Evaluation, type GroupingCandidate, type NeighbourMap } from "../server/modules/course-groups/grouping-model.js";

export interface GroupingQuality { objective: number; meanSimilarity: number; municipalitiesPerGroup: number; nonNeighbourGroups: number; groups: number; ms: number }

export interface GroupingScenario {
  name: string;
  candidates: number;
  placed: number;
  municipalities: number;
  grouping: GroupingQuality;
  greedy: GroupingQuality;
  bound: { lowerBound: number; gap: number; method: string; ms: number };
  /** grouping / greedy: below 1 is better for the objective; the time ratio is what the quality costs. */
  ratios: { objective: number; time: number };
}

const PARAMS = { minSize: 15, maxSize: 25 };

/** Pass the registry run.ts has already loaded, or let it load its own. */
export async function benchGrouping(loaded?: InstrumentRegistry): Promise<GroupingScenario[]> {
  const registry = loaded ?? (await loadRegistry(path.resolve(import.meta.dirname, "../surveys")));
  const demo = demoRegion(registry);
  const out: GroupingScenario[] = [];
  for (const courseId of ["problem-topics-math", "modern-lesson-design"]) {
    const course = registry.catalogues.courses.find((c) => c.id === courseId)!;
    out.push(await scenario(`demo region, ${courseId}`, demo.candidatesFor(course.competencies, course.subjects ?? []), demo.neighbours));
  }
  const country = syntheticCountry(100_000, 2_000);
  out.push(await scenario("synthetic country, 100,000 teachers, 2,000 municipalities", country.candidates, country.neighbours));
  return out;
}

export function formatGrouping(scenarios: GroupingScenario[]): string[] {
  const fmt = (n: number, d = 2) => n.toLocaleString("en-US", { maximumFractionDigits: d });
  return scenarios.flatMap((s) => [
    `   ${s.name}: ${fmt(s.candidates, 0)} candidates, ${fmt(s.placed, 0)} placed, ${s.municipalities} municipalities`,
    `     grouping  J ${fmt(s.grouping.objective, 1).padStart(10)}  similarity ${fmt(s.grouping.meanSimilarity, 3)}  municipalities/group ${fmt(s.grouping.municipalitiesPerGroup)}  non-neighbour groups ${s.grouping.nonNeighbourGroups}  ${fmt(s.grouping.ms, 0)} ms`,
    `     greedy    J ${fmt(s.greedy.objective, 1).padStart(10)}  similarity ${fmt(s.greedy.meanSimilarity, 3)}  municipalities/group ${fmt(s.greedy.municipalitiesPerGroup)}  non-neighbour groups ${s.greedy.nonNeighbourGroups}  ${fmt(s.greedy.ms, 0)} ms   (baseline)`,
    `     ratio grouping / greedy: objective ${fmt(s.ratios.objective, 3)} ×, time ${fmt(s.ratios.time, 1)} ×; lower bound ${fmt(s.bound.lowerBound, 1)} (${s.bound.method}, ${fmt(s.bound.ms, 0)} ms): at most ${fmt(s.bound.gap * 100, 1)}% above the optimum`,
  ]);
}

async function scenario(name: string, candidates: GroupingCandidate[], neighbours: NeighbourMap): Promise<GroupingScenario> {
  let start = performance.now();
  const heuristic = proposeGroups(candidates, PARAMS, neighbours);
  const heuristicMs = performance.now() - start;
  start = performance.now();
  const greedy = greedyGroups(candidates, PARAMS, neighbours);
  const greedyMs = performance.now() - start;
  start = performance.now();
  const bound = groupingBound(candidates, heuristic.placed, PARAMS, neighbours, heuristic.evaluation, heuristic.weights);
  const boundMs = performance.now() - start;
  const quality = (e: Evaluation, groups: number[][], ms: number): GroupingQuality => ({
    objective: e.objective, meanSimilarity: e.meanSimilarity, nonNeighbourGroups: e.nonNeighbourGroups, groups: groups.length, ms,
    municipalitiesPerGroup: groups.length ? (e.extraMunicipalities + groups.length) / groups.length : 0,
  });
  return {
    name, candidates: candidates.length, placed: heuristic.placed.length,
    municipalities: new Set(candidates.map((c) => c.municipalityId)).size,
    grouping: quality(heuristic.evaluation, heuristic.groups, heuristicMs + boundMs),
    greedy: quality(greedy.evaluation, greedy.groups, greedyMs),
    bound: { lowerBound: bound.lowerBound, gap: bound.gap, method: bound.method, ms: boundMs },
    ratios: { objective: heuristic.evaluation.objective / greedy.evaluation.objective, time: (heuristicMs + boundMs) / Math.max(greedyMs, 1e-3) },
  };
}

/** The demo region with simulated diagnostics, as the demo seed makes it: each person's weakest result per competency. */
export function demoRegion(registry: InstrumentRegistry) {
  const region = generateDemoRegion(DEMO_SEED);
  const rng = new Rng(DEMO_SEED + 1);
  const schools = new Map(region.schools.map((s) => [s.id, s]));
  const people = region.people.filter((p) => p.roles.includes("teacher")).map((p) => {
    const weakest = new Map<string, { percent: number; deficit: boolean }>();
    for (const subject of p.subjects) {
      const loaded = registry.get(`subject-${subject}`);
      if (!loaded) continue;
      const scored = scoreResponse(loaded.answerKey, simulateAnswers(loaded.definition, loaded.answerKey, p.ability + rng.normal() * 0.25, rng));
      for (const c of scored.competencies) {
        const seen = weakest.get(c.id);
        if (!seen || c.percent < seen.percent) weakest.set(c.id, { percent: c.percent, deficit: c.level === "deficit" });
      }
    }
    const school = schools.get(p.schoolId!)!;
    return { person: p, deficits: [...weakest].filter(([, v]) => v.deficit).map(([id]) => id), priority: Number(school.lowResults) + Number(school.unfavourable) };
  });
  const neighbours = neighbourMap(demoNeighbours(region.municipalities.map((m) => m.id)).map((p) => [p.municipality_id, p.neighbour_id] as const));
  return {
    neighbours,
    candidatesFor(competencies: readonly string[], subjects: readonly string[]): GroupingCandidate[] {
      return people.flatMap(({ person, deficits, priority }) => {
        if (subjects.length && !person.subjects.some((s) => subjects.includes(s))) return [];
        const addressed = deficits.filter((d) => competencies.includes(d));
        return addressed.length ? [{ id: person.id, municipalityId: person.municipalityId!, deficits: addressed, priority }] : [];
      });
    },
  };
}

/**
 * A country-sized input: municipalities on a grid (each bordering those beside, above and below it),
 * head counts from a skewed distribution (a few cities, many small districts), and ten-competency
 * deficit profiles from an ability model in which some topics are harder everywhere.
 */
export function syntheticCountry(teachers: number, municipalities: number, seed = 7) {
  const rng = new Rng(seed);
  const ids = Array.from({ length: municipalities }, (_, i) => `c-m${String(i).padStart(5, "0")}`);
  const weights = ids.map(() => Math.exp(rng.normal() * 1.1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => { cumulative.push((sum += w / total)); return sum; }, 0);
  const risk = ids.map(() => rng.float());
  const competencies = Array.from({ length: 10 }, (_, i) => `topic-${i}`);
  const difficulty = competencies.map((_, i) => -0.6 + 0.15 * i + rng.normal() * 0.2);
  const candidates: GroupingCandidate[] = [];
  for (let t = 0; t < teachers; t++) {
    const u = rng.float();
    let lo = 0, hi = ids.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid]! < u) lo = mid + 1; else hi = mid; }
    const ability = rng.normal() - risk[lo]! * 0.6;
    const deficits = competencies.filter((_, i) => rng.chance(1 / (1 + Math.exp(1.7 * (ability - difficulty[i]!)))));
    if (!deficits.length) continue;
    const priority = (rng.chance(risk[lo]! * 0.6) ? 1 : 0) + (rng.chance(risk[lo]! * 0.4) ? 1 : 0);
    candidates.push({ id: `c-t${String(t).padStart(6, "0")}`, municipalityId: ids[lo]!, deficits, priority });
  }
  const width = Math.ceil(Math.sqrt(municipalities * 1.25));
  const neighbours = neighbourMap(demoNeighbours(ids, width).map((p) => [p.municipality_id, p.neighbour_id] as const));
  return { candidates, neighbours };
}
