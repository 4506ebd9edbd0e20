// Exam-day paths made fast without losing a rule: autosave's guards, submit's pinned answer and its idempotence, the served instrument's ETag.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import fastJson from "fast-json-stringify";
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import { executePrepared, literal, preparedFallbacks } from "../../server/db/prepared-statement.js";
import { InstrumentSchema } from "../../server/modules/instruments/instruments.schemas.js";
import type { LoadedInstrument } from "../../server/modules/instruments/registry.js";
import { isoDay, ruDate } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { fixedAnswers, masked } from "./exam-steps.js";

let t: TestContext;
let math: LoadedInstrument;
beforeAll(async () => {
  t = await setupTestApp();
  math = t.registry.get("subject-math")!;
});
afterAll(async () => { await t.close(); });

/** Each test gets its people's attempts anew, in the running campaign c1. */
beforeEach(async () => {
  await t.db.deleteFrom("notifications").execute();
  await t.db.deleteFrom("attempts").execute();
  await t.db.updateTable("campaigns").set({ status: "active", wave: "input", ends_on: isoDay(60) }).where("id", "=", "c1").execute();
});

const start = async (who: PersonKey, instrumentId = "subject-math") => {
  const res = await t.as(who, { method: "POST", url: "/api/attempts", payload: { instrumentId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const save = (who: PersonKey, id: string, payload: object) => t.as(who, { method: "PUT", url: `/api/attempts/${id}`, payload });
const submit = (who: PersonKey, id: string, payload: object) => t.as(who, { method: "POST", url: `/api/attempts/${id}/submit`, payload });
const stored = (id: string) => t.db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const pinned = JSON.parse(readFileSync(new URL("../fixtures/exam-paths-pinned.json", import.meta.url), "utf8")) as { submit: string; result: string };

describe("submit answers exactly as before", () => {
  it("gives the pinned body for a fixed answer set, again on a repeat, and the same result on reading it", async () => {
    const attempt = await start("teacher");
    const first = await submit("teacher", attempt.id, { data: fixedAnswers(math) });
    expect(first.statusCode).toBe(200);
    expect(masked(first.body)).toBe(pinned.submit);
    // A repeat changes nothing, whatever it sends, and answers the same bytes.
    const repeat = await submit("teacher", attempt.id, { data: {} });
    expect(masked(repeat.body)).toBe(pinned.submit);
    const result = await t.as("teacher", { method: "GET", url: `/api/attempts/${attempt.id}/result` });
    expect(masked(result.body)).toBe(pinned.result);
  });

  it("writes once under many concurrent submits of one attempt, and answers all of them alike", async () => {
    // An intermediate wave with a mentor: the submission also writes one notification, a second write would show.
    await t.db.updateTable("campaigns").set({ wave: "intermediate" }).where("id", "=", "c1").execute();
    const attempt = await start("teacher");
    const answers = Array.from({ length: 12 }, (_, i) => ({ ...fixedAnswers(math), "m-eq-01": ["a", "b", "c", "d"][i % 4] }));
    const responses = await Promise.all(answers.map((data) => submit("teacher", attempt.id, { data })));
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);
    const bodies = new Set(responses.map((r) => masked(r.body)));
    expect(bodies.size).toBe(1);
    const row = await stored(attempt.id);
    expect(row.status).toBe("submitted");
    expect(responses[0]!.json().attempt.data["m-eq-01"]).toBe(row.data["m-eq-01"]);
    const results = await t.db.selectFrom("competency_results").select(sql<number>`count(*)::int`.as("n")).where("attempt_id", "=", attempt.id).executeTakeFirstOrThrow();
    expect(results.n).toBe(math.answerKey.competencies.length);
    const told = await t.db.selectFrom("notifications").selectAll().where("user_id", "=", t.people.mentor.id).execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.kind).toBe("wave-result");
  });

  it("still answers a repeat with the stored result when the repeat's answers are too large", async () => {
    const attempt = await start("teacher");
    const first = await submit("teacher", attempt.id, { data: fixedAnswers(math) });
    const huge = await submit("teacher", attempt.id, { data: { "m-wp-01": "x".repeat(300_000) } });
    expect(huge.statusCode).toBe(200);
    expect(masked(huge.body)).toBe(masked(first.body));
    const fresh = await start("mentor");
    const refused = await submit("mentor", fresh.id, { data: { "m-wp-01": "x".repeat(300_000) } });
    expect(refused.statusCode).toBe(413);
    expect((await stored(fresh.id)).status).toBe("in_progress");
  });

  it("refuses in a closed campaign and scores what was saved in time past the limit and its grace", async () => {
    const attempt = await start("teacher");
    const inTime = Object.fromEntries(Object.entries(fixedAnswers(math)).slice(1, 6));
    expect((await save("teacher", attempt.id, { data: inTime })).statusCode).toBe(200);
    await t.db.updateTable("attempts").set({ deadline_at: sql<Date>`now() - interval '10 minutes'` }).where("id", "=", attempt.id).execute();
    const late = await submit("teacher", attempt.id, { data: fixedAnswers(math) });
    expect(late.statusCode).toBe(200);
    expect(Object.keys(late.json().attempt.data).sort()).toEqual(Object.keys(inTime).sort());

    const other = await start("mentor");
    await t.db.updateTable("campaigns").set({ status: "closed" }).where("id", "=", "c1").execute();
    const closed = await submit("mentor", other.id, { data: fixedAnswers(math) });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("campaign_closed");
    expect((await stored(other.id)).status).toBe("in_progress");
  });
});

describe("autosave keeps every rule in its one statement", () => {
  const page = () => Object.fromEntries(Object.entries(fixedAnswers(math)).filter(([k]) => k !== "not-a-question").slice(0, 6));

  it("stores the owner's answers in the file's values, drops unknown questions, keeps the page when none is sent", async () => {
    const attempt = await start("teacher");
    const ranking = math.answerKey.items.find((i) => i.rule.kind === "order")!;
    const values = (ranking.rule as { values: string[] }).values;
    const tokens = values.map((v) => math.codec.served(ranking.name, v));
    const first = await save("teacher", attempt.id, { data: { ...page(), [ranking.name]: tokens, "not-a-question": 1 }, currentPage: 3 });
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toEqual({ ...page(), [ranking.name]: tokens });
    const row = await stored(attempt.id);
    expect(row.data[ranking.name]).toEqual(values);
    expect(row.data).not.toHaveProperty("not-a-question");
    const again = await save("teacher", attempt.id, { data: page() });
    expect(again.json().currentPage).toBe(3);
    expect((await stored(attempt.id)).current_page).toBe(3);
  });

  it("hides another person's attempt (404) and writes nothing", async () => {
    const attempt = await start("teacher");
    await save("teacher", attempt.id, { data: page(), currentPage: 1 });
    const before = await stored(attempt.id);
    for (const who of ["teacherElsewhere", "mentor", "methodologist", "admin"] as const) {
      const res = await save(who, attempt.id, { data: {}, currentPage: 5 });
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe("attempt_not_found");
    }
    expect((await save("teacher", "00000000-0000-4000-8000-000000000000", { data: {} })).statusCode).toBe(404);
    expect(await stored(attempt.id)).toEqual(before);
  });

  it("refuses after submit, past the deadline and its grace, and once the campaign is closed or past its last day", async () => {
    const submitted = await start("teacher");
    await submit("teacher", submitted.id, { data: page() });
    const afterSubmit = await save("teacher", submitted.id, { data: {} });
    expect([afterSubmit.statusCode, afterSubmit.json().error.code]).toEqual([409, "already_submitted"]);

    const timed = await start("mentor");
    await t.db.updateTable("attempts").set({ deadline_at: sql<Date>`now() - interval '30 seconds'` }).where("id", "=", timed.id).execute();
    expect((await save("mentor", timed.id, { data: page() })).statusCode).toBe(200);
    await t.db.updateTable("attempts").set({ deadline_at: sql<Date>`now() - interval '10 minutes'` }).where("id", "=", timed.id).execute();
    const late = await save("mentor", timed.id, { data: {} });
    expect([late.statusCode, late.json().error.code]).toEqual([409, "time_over"]);
    expect((await stored(timed.id)).data).toEqual(expect.objectContaining({ [Object.keys(page())[0]!]: expect.anything() }));

    const open = await start("otherMentor");
    await t.db.updateTable("campaigns").set({ ends_on: sql<string>`current_date - 1` }).where("id", "=", "c1").execute();
    const ended = await save("otherMentor", open.id, { data: page() });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error).toEqual({ code: "campaign_closed", message: expect.stringContaining(ruDate(isoDay(-1))) });
    await t.db.updateTable("campaigns").set({ status: "closed", ends_on: isoDay(60) }).where("id", "=", "c1").execute();
    const closed = await save("otherMentor", open.id, { data: page() });
    expect(closed.json().error).toMatchObject({ code: "campaign_closed", message: expect.stringContaining("Мониторинг закрыт") });
    expect((await stored(open.id)).data).toEqual({});
  });

  it("keeps the size limit (413), and a refusal of the attempt itself comes first", async () => {
    const attempt = await start("teacher");
    const huge = { data: { "m-wp-01": "x".repeat(300_000) } };
    const res = await save("teacher", attempt.id, huge);
    expect([res.statusCode, res.json().error.code]).toEqual([413, "payload_too_large"]);
    expect((await stored(attempt.id)).data).toEqual({});
    await submit("teacher", attempt.id, { data: page() });
    expect((await save("teacher", attempt.id, huge)).json().error.code).toBe("already_submitted");
  });

  it("lets every connection save one attempt at once, and keeps one of the saves whole", async () => {
    const attempt = await start("teacher");
    const saves = Array.from({ length: 20 }, (_, i) => ({ ...page(), "m-eq-02": String(i) }));
    const responses = await Promise.all(saves.map((data, i) => save("teacher", attempt.id, { data, currentPage: i })));
    for (const res of responses) expect(res.statusCode).toBe(200);
    const row = await stored(attempt.id);
    const kept = Number(row.data["m-eq-02"]);
    expect(row.data).toEqual(saves[kept]);
    expect(row.current_page).toBe(kept);
  });

  it("lets an anonymous respondent save by its key alone, with times kept to the day", async () => {
    const signIn = async () => {
      const code = generateAccessCode();
      await t.db.insertInto("access_codes").values({
        code_hash: accessCodeDigest(normalizeAccessCode(code)!), kind: "anonymous", school_id: "s-low", instrument_id: "climate-teachers",
        audience: "teacher", expires_at: new Date(Date.now() + 3_600_000),
      }).execute();
      return { authorization: `Bearer ${(await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code } })).json().token}` };
    };
    const [mine, theirs] = [await signIn(), await signIn()];
    const started = await t.app.inject({ method: "POST", url: "/api/attempts", headers: mine, payload: { instrumentId: "climate-teachers" } });
    expect(started.statusCode).toBe(201);
    const id = started.json().id as string;
    const question = [...t.registry.get("climate-teachers")!.questionNames][0]!;
    const url = `/api/attempts/${id}`;
    expect((await t.app.inject({ method: "PUT", url, headers: theirs, payload: { data: { [question]: 1 } } })).statusCode).toBe(404);
    expect((await t.as("teacher", { method: "PUT", url, payload: { data: { [question]: 1 } } })).statusCode).toBe(404);
    const saved = await t.app.inject({ method: "PUT", url, headers: mine, payload: { data: { [question]: 3 }, currentPage: 1 } });
    expect(saved.statusCode).toBe(200);
    const row = await stored(id);
    expect(row.data).toEqual({ [question]: 3 });
    expect(row.user_id).toBeNull();
    const day = await sql<{ n: number }>`select count(*)::int as n from attempts where id = ${id} and updated_at = date_trunc('day', updated_at) and started_at = date_trunc('day', started_at)`.execute(t.db);
    expect(day.rows[0]!.n).toBe(1);
  });
});

describe("the hot statements, prepared once per session", () => {
  it("run on connections that hold the same text prepared at the SQL level, and inside a transaction", async () => {
    const query = CompiledQuery.raw("select $1::int + 1 as n", [41]) as CompiledQuery<{ n: number }>;
    const many = (db: typeof t.db) => Promise.all(Array.from({ length: 15 }, () => executePrepared(db, query)));
    // A Kysely of its own over the same pool takes the PREPARE/EXECUTE path on PostgreSQL too, on every pooled connection…
    expect((await many(t.db.withoutPlugins())).map((r) => r[0]!.n)).toEqual(Array(15).fill(42));
    // …and the app's own then runs the driver's named statements on those same connections.
    expect((await many(t.db)).map((r) => r[0]!.n)).toEqual(Array(15).fill(42));
    // In a transaction the statement is sent whole: a failed EXECUTE there would abort the transaction.
    await t.db.transaction().execute(async (trx) => {
      expect((await executePrepared(trx, query))[0]!.n).toBe(42);
      expect((await sql<{ n: number }>`select 1 as n`.execute(trx)).rows[0]!.n).toBe(1);
    });
  });

  it("run prepared: none fell back to being sent whole, and the session holds them", async () => {
    const attempt = await start("teacher");
    for (let i = 0; i < 3; i++) expect((await save("teacher", attempt.id, { data: { "m-eq-01": String(i) } })).statusCode).toBe(200);
    expect((await submit("teacher", attempt.id, { data: fixedAnswers(math) })).statusCode).toBe(200);
    expect(preparedFallbacks()).toEqual({ unpreparable: 0, sessionsKeepStatements: true });
    // PGlite is one session; a pg pool has several, and the last statement ran on one of them.
    const held = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'orientir_%'`.execute(t.db);
    if (!process.env.DATABASE_URL) expect(held.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it("read their literal parameters back as the very values sent", async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0")), async (text) => {
      const row = await sql<{ v: string }>`select ${sql.raw(literal(text))}::text as v`.execute(t.db);
      expect(row.rows[0]!.v).toBe(text);
    }), { numRuns: 100 });
  });
});

describe("the served instrument", () => {
  const serialize = fastJson(InstrumentSchema as object);
  const get = (who: PersonKey | null, id: string, headers: Record<string, string> = {}) => t.as(who, { method: "GET", url: `/api/instruments/${id}`, headers });

  it("is the bytes Fastify's serializer wrote for every instrument, with an ETag, revalidated rather than stored", async () => {
    for (const loaded of t.registry.all()) {
      const d = loaded.definition;
      const res = await get("methodologist", d.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(res.body, d.id).toBe(serialize({
        id: d.id, version: d.version, kind: d.kind, title: d.title, ...(d.timeLimitMinutes ? { timeLimitMinutes: d.timeLimitMinutes } : {}), survey: loaded.respondentSurvey,
      }));
      expect(res.headers.etag).toMatch(/^"[\w-]{32}"$/);
      expect(res.headers["cache-control"]).toBe("private, no-cache");
    }
  });

  it("answers 304 with no body to its own ETag, weak or in a list, and 200 to another", async () => {
    const etag = (await get("teacher", "subject-math")).headers.etag as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await get("teacher", "subject-math", { "if-none-match": header });
      expect(res.statusCode, header).toBe(304);
      expect(res.body).toBe("");
      expect(res.headers["content-length"]).toBeUndefined();
      expect(res.headers.etag).toBe(etag);
    }
    expect((await get("teacher", "subject-math", { "if-none-match": "\"stale\"" })).statusCode).toBe(200);
    expect((await get("teacher", "subject-physics")).headers.etag).not.toBe(etag);
  });

  it("checks access before any 304: another subject's teacher gets 403, no token 401", async () => {
    const etag = (await get("teacher", "subject-math")).headers.etag as string;
    expect((await get("teacherRussian", "subject-math", { "if-none-match": etag })).statusCode).toBe(403);
    expect((await get(null, "subject-math", { "if-none-match": etag })).statusCode).toBe(401);
    expect((await get("methodologist", "subject-math", { "if-none-match": etag })).statusCode).toBe(304);
  });
});
