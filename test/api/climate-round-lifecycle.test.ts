// A round's life: listed with codes used and answers, more codes, the sheet of codes just issued, closing it.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";
import { answerWithCode, call, likertAnswers, openRound, setupClimateApp, signInWithCode } from "./climate-steps.js";

let t: TestContext;
let round: { id: string; codes: string[] };
beforeAll(async () => {
  t = await setupClimateApp();
  round = await openRound(t, "principal", { schoolId: "s-low", audience: "teacher", codes: 5 });
  await answerWithCode(t, round.codes[0]!, likertAnswers(t, "climate-teachers", () => 3));
  await signInWithCode(t, round.codes[1]!);
});
afterAll(async () => { await t.close(); });

const codeCount = async () => Number((await t.db.selectFrom("access_codes").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n);

describe("the list of a school's rounds", () => {
  it("shows codes issued and used, answers started and submitted, and how long the codes work", async () => {
    const res = await call(t, "principal", "GET", "/api/climate-rounds?schoolId=s-low");
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    const campaign = await t.db.selectFrom("campaigns").select(["ends_on", "title"]).where("id", "=", "c1").executeTakeFirstOrThrow();
    expect(r).toMatchObject({
      id: round.id, schoolId: "s-low", campaignId: "c1", campaignTitle: campaign.title, audience: "teacher", status: "open",
      codesIssued: 5, codesUsed: 2, answersStarted: 1, answersSubmitted: 1, validUntil: campaign.ends_on,
    });
    expect(r.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  const readers: Array<[PersonKey | null, number]> = [
    ["principal", 200], ["municipal", 200], ["methodologist", 200], ["admin", 200],
    ["principalElsewhere", 404], ["municipalElsewhere", 404], ["teacher", 403], ["mentor", 403], [null, 401],
  ];
  it.each(readers)("%s → %i", async (who, status) => {
    const res = await call(t, who, "GET", "/api/climate-rounds?schoolId=s-low");
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(res.json().map((r: { id: string }) => r.id)).toContain(round.id);
  });

  it("a school that does not exist is 404, a missing schoolId 400", async () => {
    expect((await call(t, "methodologist", "GET", "/api/climate-rounds?schoolId=nope")).statusCode).toBe(404);
    expect((await call(t, "methodologist", "GET", "/api/climate-rounds")).statusCode).toBe(400);
  });
});

describe("more codes for a round", () => {
  it("adds codes that work, and new classes to a students' round", async () => {
    const students = await openRound(t, "principal", { schoolId: "s-low", audience: "student", classes: ["7А"], codes: 2 });
    const res = await call(t, "principal", "POST", `/api/climate-rounds/${students.id}/codes`, { classCodes: { "7А": 1, "8Б": 2 } });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toBe(students.id);
    expect(res.json().slips.map((s: { className: string }) => s.className)).toEqual(["7А", "8Б", "8Б"]);
    const row = await t.db.selectFrom("climate_rounds").select(["codes_issued", "classes"]).where("id", "=", students.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ codes_issued: 5 });
    expect(row.classes.sort()).toEqual(["7А", "8Б"]);
    expect((await signInWithCode(t, res.json().codes[2])).token).toBeTruthy();
  });

  const writers: Array<[PersonKey | null, number]> = [
    ["principal", 201], ["methodologist", 201], ["admin", 201], ["principalElsewhere", 404],
    ["municipal", 403], ["municipalElsewhere", 403], ["teacher", 403], ["mentor", 403], [null, 401],
  ];
  it.each(writers)("%s → %i", async (who, status) => {
    const before = await codeCount();
    const res = await call(t, who, "POST", `/api/climate-rounds/${round.id}/codes`, { codes: 1 });
    expect(res.statusCode).toBe(status);
    expect(await codeCount()).toBe(before + (status === 201 ? 1 : 0));
  });

  it("refuses bad counts and an unknown round without writing", async () => {
    const before = await codeCount();
    for (const body of [{}, { codes: 0 }, { codes: 1, classes: ["7А"] }, { codes: "many" }]) {
      expect((await call(t, "principal", "POST", `/api/climate-rounds/${round.id}/codes`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call(t, "principal", "POST", "/api/climate-rounds/00000000-0000-4000-8000-000000000000/codes", { codes: 1 })).statusCode).toBe(404);
    expect((await call(t, "principal", "POST", "/api/climate-rounds/not-a-uuid/codes", { codes: 1 })).statusCode).toBe(400);
    expect(await codeCount()).toBe(before);
  });
});

describe("printing the codes just issued", () => {
  it("prints unused codes of the round as PDF or XLSX, and refuses any other code", async () => {
    const fresh = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 3 });
    const pdf = await call(t, "principal", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes, format: "pdf" });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toContain(encodeURIComponent("Коды опроса для родителей"));
    const xlsx = await call(t, "methodologist", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes.map((c) => c.toLowerCase()), format: "xlsx" });
    expect(xlsx.statusCode).toBe(200);

    const other = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 1 });
    const refusals: Array<[string[], string]> = [
      [[round.codes[0]!], "unknown_codes"], // used, and of another round
      [[...fresh.codes, other.codes[0]!], "unknown_codes"],
      [["not-a-code"], "invalid_code"],
    ];
    for (const [codes, code] of refusals) {
      const res = await call(t, "principal", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes, format: "pdf" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    expect((await call(t, "principalElsewhere", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes, format: "pdf" })).statusCode).toBe(404);
    expect((await call(t, "municipal", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes, format: "pdf" })).statusCode).toBe(403);
    expect((await call(t, "teacher", "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes, format: "pdf" })).statusCode).toBe(403);
    expect((await call(t, null, "POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: fresh.codes, format: "pdf" })).statusCode).toBe(401);
  });
});

describe("who may print and close", () => {
  const writers: Array<[PersonKey | null, number]> = [
    ["principal", 200], ["methodologist", 200], ["admin", 200], ["principalElsewhere", 404],
    ["municipal", 403], ["municipalElsewhere", 403], ["teacher", 403], ["mentor", 403], [null, 401],
  ];
  it.each(writers)("%s → %i, and only a 200 closes the round", async (who, status) => {
    const r = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 2 });
    expect((await call(t, who, "POST", `/api/climate-rounds/${r.id}/sheet`, { codes: r.codes, format: "xlsx" })).statusCode).toBe(status);
    expect((await call(t, who, "POST", `/api/climate-rounds/${r.id}/close`)).statusCode).toBe(status);
    const closed = (await t.db.selectFrom("climate_rounds").select("closed_at").where("id", "=", r.id).executeTakeFirstOrThrow()).closed_at;
    expect(closed !== null).toBe(status === 200);
  });
});

describe("closing a round", () => {
  it("stops its unused codes at once and keeps the answers; closing again changes nothing", async () => {
    const r = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 3 });
    await answerWithCode(t, r.codes[0]!, likertAnswers(t, "climate-parents", () => 4));
    for (const who of ["principalElsewhere"] as const) expect((await call(t, who, "POST", `/api/climate-rounds/${r.id}/close`)).statusCode).toBe(404);
    for (const who of ["municipal", "teacher", "mentor"] as const) expect((await call(t, who, "POST", `/api/climate-rounds/${r.id}/close`)).statusCode).toBe(403);
    expect((await call(t, null, "POST", `/api/climate-rounds/${r.id}/close`)).statusCode).toBe(401);

    const closed = await call(t, "principal", "POST", `/api/climate-rounds/${r.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: r.id, status: "closed", codesIssued: 3, codesUsed: 1, answersSubmitted: 1, closedOn: expect.any(String) });
    const refused = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code: r.codes[1] } });
    expect(refused.statusCode).toBe(401);
    expect((await call(t, "methodologist", "POST", `/api/climate-rounds/${r.id}/close`)).json()).toMatchObject({ status: "closed", answersSubmitted: 1 });
    const more = await call(t, "principal", "POST", `/api/climate-rounds/${r.id}/codes`, { codes: 1 });
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe("round_closed");
    expect((await call(t, "principal", "POST", `/api/climate-rounds/${r.id}/sheet`, { codes: [r.codes[2]], format: "pdf" })).statusCode).toBe(400);
  });
});

describe("an anonymous respondent's token", () => {
  it("reaches none of the climate routes", async () => {
    const fresh = await openRound(t, "principal", { schoolId: "s-low", audience: "teacher", codes: 2 });
    const { headers } = await signInWithCode(t, fresh.codes[0]!);
    const routes: Array<[string, string, unknown?]> = [
      ["POST", "/api/climate-rounds", { schoolId: "s-low", audience: "teacher", codes: 1 }],
      ["GET", "/api/climate-rounds?schoolId=s-low"],
      ["POST", `/api/climate-rounds/${fresh.id}/codes`, { codes: 1 }],
      ["POST", `/api/climate-rounds/${fresh.id}/sheet`, { codes: [fresh.codes[1]], format: "pdf" }],
      ["POST", `/api/climate-rounds/${fresh.id}/close`],
      ["GET", "/api/schools/s-low/climate"], ["GET", "/api/schools/s-low/climate/export"],
      ["GET", "/api/climate/schools"], ["GET", "/api/climate/reliability"],
    ];
    for (const [method, url, payload] of routes) {
      const res = await t.app.inject({ method: method as "GET" | "POST", url, headers, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await t.db.selectFrom("climate_rounds").select("closed_at").where("id", "=", fresh.id).executeTakeFirstOrThrow()).closed_at).toBeNull();
  });
});
