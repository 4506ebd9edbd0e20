// Attempts: start or resume, autosave, one idempotent submission scored on the server, the server's clock.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreResponse } from "../../server/modules/scoring/scorer.js";
import type { AnswerKey } from "../../server/modules/scoring/answer-key.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let key: AnswerKey;
beforeAll(async () => {
  t = await setupTestApp();
  key = t.registry.get("subject-math")!.answerKey;
});
afterAll(async () => { await t.close(); });

/** The key's own answers to the first `n` items: a response whose score we know. */
function keyAnswers(n: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const item of key.items.slice(0, n)) {
    const r = item.rule;
    data[item.name] = r.kind === "choice" ? r.value : r.kind === "set" || r.kind === "order" ? r.values : r.kind === "matching" ? r.pairs : r.kind === "text" ? r.accepted[0] : undefined;
  }
  return data;
}

const start = (who: Parameters<TestContext["as"]>[0] = "teacher", instrumentId = "subject-math") =>
  t.as(who, { method: "POST", url: "/api/attempts", payload: { instrumentId } });

describe("starting", () => {
  it("creates an attempt with a deadline from the time limit, then resumes the same one", async () => {
    const first = await start("mentor");
    expect(first.statusCode).toBe(201);
    const attempt = first.json();
    expect(attempt).toMatchObject({ instrumentId: "subject-math", version: 1, status: "in_progress", data: {}, currentPage: 0 });
    const limit = t.registry.get("subject-math")!.definition.timeLimitMinutes!;
    expect(Date.parse(attempt.deadlineAt) - Date.parse(attempt.startedAt)).toBe(limit * 60_000);
    const again = await start("mentor");
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(attempt.id);
  });

  it("refuses an instrument the person may not take with 403", async () => {
    const res = await start("teacher", "subject-russian");
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("not_assigned");
    expect((await start("methodologist")).statusCode).toBe(403);
  });

  it("answers two simultaneous starts with one attempt", async () => {
    const [a, b] = await Promise.all([start("otherMentor"), start("otherMentor")]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
  });
});

describe("autosave, submission and result", () => {
  it("keeps answers across saves, stores only the instrument's questions, and scores on the server", async () => {
    const attempt = (await start("teacher")).json();
    const partial = keyAnswers(3);
    const saved = await t.as("teacher", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: { ...partial, injected: "x" }, currentPage: 2 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().data).toEqual(partial);
    expect(saved.json().currentPage).toBe(2);
    // Saving again is harmless.
    expect((await t.as("teacher", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: partial, currentPage: 2 } })).json().data).toEqual(partial);
    expect((await t.as("teacher", { method: "GET", url: `/api/attempts/${attempt.id}` })).json().data).toEqual(partial);

    const answers = keyAnswers(10);
    const submitted = await t.as("teacher", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: answers } });
    expect(submitted.statusCode).toBe(200);
    const { attempt: done, result } = submitted.json();
    expect(done.status).toBe("submitted");
    const expected = scoreResponse(key, answers);
    expect(result.score).toBe(expected.score);
    expect(result.maxScore).toBe(expected.maxScore);
    expect(result.percent).toBeCloseTo((100 * expected.score) / expected.maxScore, 10);
    expect(result.competencies.map((c: { id: string }) => c.id)).toEqual(key.competencies.map((c) => c.id));
    for (const c of result.competencies) expect(["deficit", "partial", "proficient"]).toContain(c.level);
    expect(result.deficits.length).toBeGreaterThan(0);
    expect(result.courses.length).toBeGreaterThan(0);
    expect(result.courses[0].reason).toMatch(/^Закрывает дефицит/);

    // Submitting again returns the same result and changes nothing.
    const repeat = await t.as("teacher", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: keyAnswers(40) } });
    expect(repeat.json().result).toEqual(result);
    expect((await t.as("teacher", { method: "GET", url: `/api/attempts/${attempt.id}/result` })).json()).toEqual(result);
    // And the test cannot be started again in this campaign, nor changed.
    const restart = await start("teacher");
    expect(restart.statusCode).toBe(409);
    expect(restart.json().error.code).toBe("already_submitted");
    expect((await t.as("teacher", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: {} } })).statusCode).toBe(409);
  });

  it("scores a submission past the time limit and its grace as it stood at the limit", async () => {
    const attempt = (await start("teacherElsewhere")).json();
    const atLimit = keyAnswers(2);
    await t.as("teacherElsewhere", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: atLimit } });
    await t.db.updateTable("attempts").set({ deadline_at: sql<Date>`now() - interval '10 minutes'` }).where("id", "=", attempt.id).execute();
    const late = await t.as("teacherElsewhere", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: keyAnswers(20) } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("time_over");
    const submitted = await t.as("teacherElsewhere", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: keyAnswers(30) } });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().attempt.data).toEqual(atLimit);
    expect(submitted.json().result.score).toBe(scoreResponse(key, atLimit).score);
  });

  it("accepts a submission within the grace after the limit", async () => {
    const attempt = (await start("otherMentor")).json();
    await t.db.updateTable("attempts").set({ deadline_at: sql<Date>`now() - interval '5 seconds'` }).where("id", "=", attempt.id).execute();
    const answers = keyAnswers(5);
    const submitted = await t.as("otherMentor", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: answers } });
    expect(submitted.json().attempt.data).toEqual(answers);
  });

  it("hides another person's attempt: 404 to read, save or submit it", async () => {
    const attempt = (await start("mentor")).json();
    for (const [method, url, payload] of [
      ["GET", `/api/attempts/${attempt.id}`, undefined], ["PUT", `/api/attempts/${attempt.id}`, { data: {} }], ["POST", `/api/attempts/${attempt.id}/submit`, { data: {} }],
    ] as const) {
      const res = await t.as("teacherRussian", { method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe("attempt_not_found");
    }
  });

  it("answers the result of an attempt not yet submitted with 409", async () => {
    const attempt = (await start("mentor")).json();
    const res = await t.as("mentor", { method: "GET", url: `/api/attempts/${attempt.id}/result` });
    expect(res.statusCode).toBe(409);
  });
});

describe("rankings", () => {
  const ranking = () => {
    const item = key.items.find((i) => i.rule.kind === "order")!;
    return { item, values: (item.rule as { kind: "order"; values: string[] }).values, codec: t.registry.get("subject-math")!.codec };
  };

  it("are served with opaque values, so the page source does not spell out the key", async () => {
    const { item, values } = ranking();
    const survey = (await t.as("teacherElsewhere", { method: "GET", url: "/api/instruments/subject-math" })).json().survey;
    const served = survey.pages.flatMap((p: { elements?: Array<{ name: string; choices?: Array<{ value: string }> }> }) => p.elements ?? [])
      .find((e: { name: string }) => e.name === item.name);
    const tokens: string[] = served.choices.map((c: { value: string }) => c.value);
    expect(tokens).toHaveLength(values.length);
    expect(tokens.some((v) => values.includes(v))).toBe(false);
  });

  it("are saved in the file's values, shown back in tokens, and scored by the key's order", async () => {
    const { item, values, codec } = ranking();
    const inOrder = values.map((v) => codec.served(item.name, v));
    const attempt = (await start("mentor")).json();
    const saved = await t.as("mentor", { method: "PUT", url: `/api/attempts/${attempt.id}`, payload: { data: { [item.name]: inOrder } } });
    expect(saved.json().data[item.name]).toEqual(inOrder);
    const row = await t.db.selectFrom("attempts").select("data").where("id", "=", attempt.id).executeTakeFirstOrThrow();
    expect(row.data[item.name]).toEqual(values);

    const submitted = await t.as("mentor", { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data: { [item.name]: inOrder } } });
    expect(submitted.statusCode).toBe(200);
    const scores = await t.db.selectFrom("attempts").select("item_scores").where("id", "=", attempt.id).executeTakeFirstOrThrow();
    expect((scores.item_scores as Record<string, number>)[item.name]).toBe(item.points);
  });
});
