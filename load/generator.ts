// The load generator, a process of its own (its CPU is not the server's): plays every planned teacher and writes what it saw.
import { readFile, writeFile } from "node:fs/promises";
import type { ServedSurvey } from "./answers.js";
import { LoadClient } from "./http-client.js";
import type { LoadOptions } from "./profiles.js";
import type { Sample } from "./stats.js";
import { runTaker, type TakerOutcome, type TakerPlan } from "./taker.js";

export interface GeneratorInput { baseUrl: string; options: LoadOptions; plans: TakerPlan[]; output: string }
export interface GeneratorOutput { startedAt: number; endedAt: number; samples: Sample[]; outcomes: TakerOutcome[]; examEndedAt: number | null }
export interface GeneratorProgress { kind: "progress"; elapsed: number; signedIn: number; opened: number; saves: number; submitted: number; shed: number; errors: number; done: number }

const input = JSON.parse(await readFile(process.argv[2]!, "utf8")) as GeneratorInput;
const { options, plans } = input;
const client = new LoadClient(input.baseUrl, options.connections || plans.length);
const samples: Sample[] = [];
const start = performance.now();
const startedAt = Date.now();
const deadline = options.maxSeconds * 1000;

let parsedSurvey: ServedSurvey | null = null;
const counts = { signedIn: 0, opened: 0, saves: 0, submitted: 0, shed: 0, errors: 0, done: 0 };
const examTakers = plans.filter((p) => !p.probeEveryMs).length;
let examDone = 0;
let examEndedAt: number | null = null;

const progress = progressLoop();
const outcomes: TakerOutcome[] = await Promise.all(plans.map(async (plan) => {
  const outcome = await runTaker(plan, {
    client, start, deadline, answerSaves: options.answerSaves,
    record(sample) {
      samples.push(sample);
      const ok = sample.status >= 200 && sample.status < 300;
      if (sample.shed) counts.shed++;
      else if (!ok) counts.errors++;
      else if (sample.op.startsWith("sign-in")) counts.signedIn++;
      else if (sample.op === "open" && sample.status === 200) counts.opened += 0.5;
      else if (sample.op === "autosave" || sample.op === "probe") counts.saves++;
      else if (sample.op === "submit") counts.submitted++;
    },
    survey(body) {
      parsedSurvey ??= (body as { survey: ServedSurvey }).survey;
      return parsedSurvey;
    },
    probesDone: () => examEndedAt !== null && performance.now() - start > examEndedAt + options.recoverySeconds * 1000,
  });
  counts.done++;
  if (!plan.probeEveryMs && ++examDone === examTakers) examEndedAt = performance.now() - start;
  return outcome;
}));
await progress;

async function progressLoop(): Promise<void> {
  let last = 0;
  while (counts.done < plans.length) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (performance.now() - last < 10_000 || counts.done === plans.length) continue;
    last = performance.now();
    const progress: GeneratorProgress = { kind: "progress", elapsed: (performance.now() - start) / 1000, ...counts, opened: Math.floor(counts.opened) };
    process.send?.(progress);
  }
}

client.close();
const output: GeneratorOutput = { startedAt, endedAt: Date.now(), samples, outcomes, examEndedAt };
await writeFile(input.output, JSON.stringify(output));
process.send?.({ kind: "done" });
process.exit(0);
