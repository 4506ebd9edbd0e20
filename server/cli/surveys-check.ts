// `npm run surveys:check [files…]`: proves every instrument file and catalogue sound, or names what is wrong.
import path from "node:path";
import { loadLibrary, formatProblem } from "../modules/instruments/instrument-files.js";
import { isScored, questionsOf } from "../modules/instruments/survey-walk.js";

const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const files = args.filter((a) => !a.startsWith("--"));
const surveysDir = path.resolve(import.meta.dirname, "../../surveys");
const { instruments, catalogues, problems } = await loadLibrary(surveysDir, files);

if (!quiet) {
  console.log("инструмент                     заданий  тем  время, мин  версия");
  for (const def of instruments) {
    const scored = questionsOf(def.survey).filter(isScored);
    const items = def.kind === "climate" ? (def.scales ?? []).reduce((n, s) => n + s.items.length, 0) : scored.length;
    const topics = def.kind === "climate" ? (def.scales ?? []).length : new Set(scored.map((q) => q.competency)).size;
    const limit = def.timeLimitMinutes ? String(def.timeLimitMinutes) : "—";
    console.log(`${def.id.padEnd(30)} ${String(items).padStart(7)} ${String(topics).padStart(4)} ${limit.padStart(11)} ${String(def.version).padStart(7)}`);
  }
  if (!files.length) console.log(`каталог курсов: ${catalogues.courses.length} курсов; компетенций: ${catalogues.competencies.length}`);
}
if (problems.length) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\n${problems.length} ошибок`);
  process.exit(1);
}
console.log(`OK: ${instruments.length} инструментов без ошибок`);
