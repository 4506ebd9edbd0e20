// An answered version stays readable and scorable: wording may be fixed in place, scoring changes need a new version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstrumentDefinition } from "../../server/modules/instruments/instrument.types.js";
import { InstrumentVersionChangedError, syncLibrary } from "../../server/modules/instruments/instruments.service.js";
import { questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let math: InstrumentDefinition;
beforeAll(async () => {
  t = await setupTestApp();
  math = t.registry.get("subject-math")!.definition;
  await t.as("teacher", { method: "POST", url: "/api/attempts", payload: { instrumentId: "subject-math" } });
});
afterAll(async () => {
  await syncLibrary(t.db, t.registry.all().map((i) => i.definition), t.registry.catalogues);
  await t.close();
});

const edited = (edit: (q: ReturnType<typeof questionsOf>[number]) => void): InstrumentDefinition => {
  const copy = structuredClone(math);
  edit(questionsOf(copy.survey).find((q) => q.type === "radiogroup" && q.correctAnswer !== undefined)!);
  return copy;
};

describe("changing an answered instrument version", () => {
  it("accepts a wording fix in place", async () => {
    const fixed = edited((q) => { q.title = `${String(q.title)} (уточнено)`; });
    await expect(syncLibrary(t.db, [fixed], t.registry.catalogues)).resolves.toBeUndefined();
    const stored = await t.db.selectFrom("instrument_versions").select("definition").where("instrument_id", "=", "subject-math").executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.definition)).toContain("(уточнено)");
  });

  it("refuses a changed key without a new version, naming the file", async () => {
    const rekeyed = edited((q) => {
      const values = (q.choices as Array<{ value: string }>).map((c) => c.value);
      q.correctAnswer = values.find((v) => v !== q.correctAnswer);
    });
    const error = await syncLibrary(t.db, [rekeyed], t.registry.catalogues).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstrumentVersionChangedError);
    expect((error as Error).message).toContain("surveys/subject-math.json");
  });

  it("accepts the same change as a new version, keeping the old one for its attempts", async () => {
    const next = { ...edited((q) => { q.points = 3; }), version: math.version + 1 };
    await syncLibrary(t.db, [next], t.registry.catalogues);
    const versions = await t.db.selectFrom("instrument_versions").select("version").where("instrument_id", "=", "subject-math").orderBy("version").execute();
    expect(versions.map((v) => v.version)).toEqual([math.version, math.version + 1]);
    await t.db.deleteFrom("instrument_versions").where("instrument_id", "=", "subject-math").where("version", "=", math.version + 1).execute();
  });
});
