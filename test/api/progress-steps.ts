// Shared steps of the waves tests: answers that earn chosen items, submissions counted statement by statement, campaigns of a wave.
import type { KyselyPlugin } from "kysely";
import { expect } from "vitest";
import { AttemptsService } from "../../server/modules/attempts/attempts.service.js";
import type { UserPrincipal } from "../../server/modules/auth/principal.js";
import type { ItemKey } from "../../server/modules/scoring/answer-key.js";
import { findPersonById } from "../../server/modules/people/people.repository.js";
import { scoreResponse } from "../../server/modules/scoring/scorer.js";
import { isoDay } from "../../server/shared/dates.js";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";

/** The answer that earns an item every point, in the values the browser sends. */
export function rightAnswer(item: ItemKey): unknown {
  const rule = item.rule;
  switch (rule.kind) {
    case "choice": case "boolean": return rule.value;
    case "text": return rule.accepted[0];
    case "set": case "order": return [...rule.values];
    case "matching": return { ...rule.pairs };
    case "choice-scores": return Object.entries(rule.scores).sort((a, b) => b[1] - a[1])[0]![0];
    case "scale": return rule.max;
  }
}

/** Right answers to the items `pick` chooses (by competency and position within it), nothing to the rest. */
export function answersFor(t: TestContext, instrumentId: string, pick: (competency: string, index: number) => boolean): Record<string, unknown> {
  const loaded = t.registry.get(instrumentId)!;
  const seen = new Map<string, number>();
  const answers: Record<string, unknown> = {};
  for (const item of loaded.answerKey.items) {
    const index = seen.get(item.competency) ?? 0;
    seen.set(item.competency, index + 1);
    if (pick(item.competency, index)) answers[item.name] = rightAnswer(item);
  }
  return loaded.codec.toServed(answers);
}

export async function principalOf(t: TestContext, person: PersonKey): Promise<UserPrincipal> {
  const p = (await findPersonById(t.db, t.people[person].id))!;
  return { kind: "user", id: p.id, roles: p.roles, regionId: p.regionId, municipalityId: p.municipalityId, schoolId: p.schoolId };
}

/** The attempts service over a database handle that counts every statement sent through it. */
export function countingAttempts(t: TestContext) {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) { counter.statements += 1; return args.node; },
    async transformResult(args) { return args.result; },
  };
  return { service: new AttemptsService(t.db.withPlugin(plugin), t.registry, 60), counter };
}

/** Starts and submits one attempt through the service; returns the statements the submission alone took. */
export async function submitCounted(t: TestContext, person: PersonKey, instrumentId: string, answers: Record<string, unknown>): Promise<number> {
  const { service, counter } = countingAttempts(t);
  const principal = await principalOf(t, person);
  const { attempt } = await service.start(principal, instrumentId);
  counter.statements = 0;
  const { result } = await service.submit(principal, attempt.id, answers);
  expect(result, `${person} has a result`).not.toBeNull();
  return counter.statements;
}

/** Plans and opens a campaign of a wave over the whole region, after closing the running ones that hold the instrument. */
export async function openWave(t: TestContext, id: string, wave: "intermediate" | "final", instrumentIds = ["subject-math"]): Promise<string> {
  const created = await t.as("methodologist", { method: "POST", url: "/api/campaigns", payload: { title: `Волна ${id}`, wave, instrumentIds, startsOn: isoDay(0), endsOn: isoDay(30) } });
  expect(created.statusCode, created.body).toBe(201);
  const campaignId = created.json().id as string;
  const opened = await t.as("methodologist", { method: "POST", url: `/api/campaigns/${campaignId}/open` });
  expect(opened.statusCode, opened.body).toBe(200);
  return campaignId;
}

export async function closeCampaign(t: TestContext, id: string): Promise<void> {
  const res = await t.as("methodologist", { method: "POST", url: `/api/campaigns/${id}/close` });
  expect(res.statusCode, res.body).toBe(200);
}

export const notificationsOf = (t: TestContext, person: PersonKey) =>
  t.db.selectFrom("notifications").selectAll().where("user_id", "=", t.people[person].id).orderBy("created_at").execute();

/** A teacher of the fixtures' region written straight into the database (many people, no sign-in needed). */
export async function insertTeacher(t: TestContext, name: string, schoolId: string, municipalityId: string, subjects = ["math"]): Promise<string> {
  const row = await t.db.insertInto("users").values({ full_name: name, region_id: "r1", municipality_id: municipalityId, school_id: schoolId, subjects })
    .returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("user_roles").values({ user_id: row.id, role: "teacher" }).execute();
  return row.id;
}

/** A closed campaign of a wave in a region, with its instruments, `days` from today. */
export async function insertClosedCampaign(t: TestContext, id: string, wave: "input" | "intermediate" | "final", startsIn: number, endsIn: number, regionId = "r1", instrumentIds = ["subject-math"]) {
  await t.db.insertInto("campaigns").values({ id, region_id: regionId, title: `Кампания ${id}`, wave, status: "closed", starts_on: isoDay(startsIn), ends_on: isoDay(endsIn) }).execute();
  await t.db.insertInto("campaign_instruments").values(instrumentIds.map((instrument_id) => ({ campaign_id: id, instrument_id }))).execute();
}

/** A submitted attempt scored by the platform's scorer, with its competency results and item scores, as a submission stores it. */
export async function insertScoredAttempt(t: TestContext, a: { userId: string; schoolId: string; campaignId: string; instrumentId: string; answers: Record<string, unknown>; submittedAt: Date }) {
  const loaded = t.registry.get(a.instrumentId)!;
  const stored = loaded.codec.toStored(a.answers);
  const scored = scoreResponse(loaded.answerKey, stored);
  const row = await t.db.insertInto("attempts").values({
    user_id: a.userId, school_id: a.schoolId, audience: "teacher", instrument_id: a.instrumentId, version: loaded.definition.version, campaign_id: a.campaignId,
    status: "submitted", data: JSON.stringify(stored), started_at: new Date(a.submittedAt.getTime() - 3_600_000), updated_at: a.submittedAt, submitted_at: a.submittedAt,
    score: scored.score, max_score: scored.maxScore, percent: scored.percent,
    item_scores: JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))),
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("competency_results").values(scored.competencies.map((c) => ({
    attempt_id: row.id, competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items,
  }))).execute();
  return { id: row.id, scored };
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
