// Instruments: each person sees what they may take; the served survey carries no key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });

const SECRET_PROPERTIES = ["correctAnswer", "points", "competency", "laborAction", "scoring", "acceptedAnswers", "choiceScores", "explanation", "keepOrder"];

describe("GET /api/instruments", () => {
  it("lists for a teacher the subject tests of the subjects they teach, in the running campaign", async () => {
    const res = await t.as("teacherRussian", { method: "GET", url: "/api/instruments" });
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual(["subject-literature", "subject-russian"].filter((id) => t.registry.get(id)));
    for (const item of res.json()) expect(item).toMatchObject({ kind: "subject-test", version: 1, campaign: { id: "c1" } });
  });

  it("lists for a principal the leader diagnostic and the conditions card, and no subject test", async () => {
    const ids = (await t.as("principal", { method: "GET", url: "/api/instruments" })).json().map((i: { id: string }) => i.id);
    expect(ids.every((id: string) => !id.startsWith("subject-"))).toBe(true);
    if (t.registry.get("leader-competency")) expect(ids).toContain("leader-competency");
  });

  it("lists nothing outside a running campaign", async () => {
    await t.db.updateTable("campaigns").set({ status: "closed" }).execute();
    const res = await t.as("teacher", { method: "GET", url: "/api/instruments" });
    await t.db.updateTable("campaigns").set({ status: "active" }).execute();
    expect(res.json()).toEqual([]);
  });

  it("shows the state of the person's attempt on each instrument", async () => {
    const started = await t.as("teacher", { method: "POST", url: "/api/attempts", payload: { instrumentId: "subject-math" } });
    const list = (await t.as("teacher", { method: "GET", url: "/api/instruments" })).json();
    expect(list.find((i: { id: string }) => i.id === "subject-math").attempt).toMatchObject({ id: started.json().id, status: "in_progress" });
  });
});

describe("GET /api/instruments/:id", () => {
  it("serves the survey without any answer key, point, tag or explanation", async () => {
    const res = await t.as("teacher", { method: "GET", url: "/api/instruments/subject-math" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: "subject-math", version: 1, timeLimitMinutes: expect.any(Number) });
    const text = JSON.stringify(body.survey);
    for (const property of SECRET_PROPERTIES) expect(text).not.toContain(`"${property}"`);
    expect(body.survey.locale).toBe("ru");
  });

  it("refuses a subject the teacher does not teach with 403, and an unknown instrument with 404", async () => {
    expect((await t.as("teacher", { method: "GET", url: "/api/instruments/subject-russian" })).statusCode).toBe(403);
    const missing = await t.as("teacher", { method: "GET", url: "/api/instruments/subject-astronomy" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("instrument_not_found");
  });

  it("lets institute staff read any instrument as respondents see it", async () => {
    expect((await t.as("methodologist", { method: "GET", url: "/api/instruments/subject-russian" })).statusCode).toBe(200);
  });
});
