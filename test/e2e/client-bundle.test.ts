// The built client carries no instrument: no question of any survey, no key, no explanation.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../server/modules/instruments/instrument-files.js";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { ROOT, SURVEYS_DIR } from "../support/paths.js";

describe("the built client", () => {
  it("contains no survey definition, answer key or explanation", async () => {
    const assets = path.join(ROOT, "dist/client/assets");
    const bundle = readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(assets, f), "utf8")).join("\n");
    expect(bundle.length).toBeGreaterThan(100_000);
    const { instruments } = await loadLibrary(SURVEYS_DIR);
    for (const def of instruments) {
      for (const q of questionsOf(def.survey)) {
        expect(bundle.includes(`"${q.name}"`), `${def.id} › ${q.name}`).toBe(false);
        if (typeof q.explanation === "string") expect(bundle.includes(q.explanation.slice(0, 40)), `${def.id} › ${q.name} explanation`).toBe(false);
      }
    }
  });
});
