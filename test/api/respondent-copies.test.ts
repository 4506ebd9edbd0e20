// Every instrument, fetched as its respondents fetch it, carries no answer key, point, tag, rule or hint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBJECT_CODES } from "../../server/modules/instruments/instrument.types.js";
import { isScored, itemValue, questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let allSubjectsToken: string;
beforeAll(async () => {
  t = await setupTestApp();
  const teacher = await t.db.insertInto("users").values({
    full_name: "Учитель всех предметов", region_id: "r1", municipality_id: "m1", school_id: "s-low", subjects: [...SUBJECT_CODES],
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("user_roles").values({ user_id: teacher.id, role: "teacher" }).execute();
  allSubjectsToken = (await t.tokens.issue({ kind: "user", id: teacher.id, roles: ["teacher"], regionId: "r1", municipalityId: "m1", schoolId: "s-low" })).token;
});
afterAll(async () => { await t.close(); });

const FORBIDDEN = ["correctAnswer", "points", "competency", "laborAction", "scoring", "acceptedAnswers", "choiceScores", "explanation", "keepOrder", "indicator", "validators\":[{\"type\":\"regex", "expression"];

async function fetchAsRespondent(id: string): Promise<{ status: number; survey: unknown }> {
  const def = t.registry.get(id)!.definition;
  let authorization: string;
  if (def.anonymous) {
    const code = generateAccessCode();
    await t.db.insertInto("access_codes").values({
      code_hash: accessCodeDigest(normalizeAccessCode(code)!), kind: "anonymous", school_id: "s-low", instrument_id: id,
      audience: def.audience[0]!, expires_at: new Date(Date.now() + 3_600_000),
    }).execute();
    authorization = `Bearer ${(await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code } })).json().token}`;
  } else if (def.kind === "subject-test") {
    authorization = `Bearer ${allSubjectsToken}`;
  } else {
    authorization = `Bearer ${await t.tokenOf("principal")}`;
  }
  const res = await t.app.inject({ method: "GET", url: `/api/instruments/${id}`, headers: { authorization } });
  return { status: res.statusCode, survey: res.json().survey };
}

describe("instruments as respondents receive them", () => {

  it("every instrument of the library is served to its respondents without secrets", async () => {
    const ids = t.registry.all().map((i) => i.definition.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const { status, survey } = await fetchAsRespondent(id);
      expect(status, id).toBe(200);
      const text = JSON.stringify(survey);
      for (const word of FORBIDDEN) expect(text.includes(`"${word}`), `${id}: ${word}`).toBe(false);
      const def = t.registry.get(id)!.definition;
      for (const q of questionsOf(def.survey)) {
        // The explanation of a key is a hint: none of its text may reach the respondent.
        if (typeof q.explanation === "string") expect(text.includes(q.explanation.slice(0, 60)), `${id} › ${q.name}`).toBe(false);
        // Nor may a ranking arrive already in its right order.
        if (q.type === "ranking" && isScored(q)) {
          const served = questionsOf(survey as never).find((s) => s.name === q.name)!;
          expect((served.choices ?? []).map(itemValue), `${id} › ${q.name}`).not.toEqual(q.correctAnswer);
        }
      }
    }
  });
});
