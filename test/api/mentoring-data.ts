// Data of the mentoring API tests: real submissions through the API, a second region, and a reset of the pairs.
import { expect } from "vitest";
import type { ItemKey } from "../../server/modules/scoring/answer-key.js";
import type { PersonKey } from "../support/fixtures.js";
import type { TestContext } from "../support/test-app.js";

/** Answers that earn every point on the items of the competencies chosen, as the browser would send them. */
export function answersFor(t: TestContext, instrumentId: string, competency: (id: string) => boolean): Record<string, unknown> {
  const loaded = t.registry.get(instrumentId)!;
  const right = (item: ItemKey): unknown => {
    const rule = item.rule;
    switch (rule.kind) {
      case "choice": case "boolean": return rule.value;
      case "text": return rule.accepted[0];
      case "set": case "order": return [...rule.values];
      case "matching": return { ...rule.pairs };
      case "choice-scores": return Object.entries(rule.scores).sort((a, b) => b[1] - a[1])[0]![0];
      case "scale": return rule.max;
    }
  };
  const answers: Record<string, unknown> = {};
  for (const item of loaded.answerKey.items) if (competency(item.competency)) answers[item.name] = right(item);
  return loaded.codec.toServed(answers);
}

export async function submit(t: TestContext, person: PersonKey, instrumentId: string, data: Record<string, unknown>) {
  const attempt = (await t.as(person, { method: "POST", url: "/api/attempts", payload: { instrumentId } })).json();
  const res = await t.as(person, { method: "POST", url: `/api/attempts/${attempt.id}/submit`, payload: { data } });
  expect(res.statusCode, `${person} submits ${instrumentId}`).toBe(200);
}

export interface MentoringData { outsider: string }

/**
 * The mentor masters all of mathematics and its methodology; the other mentor the mathematics only.
 * The teacher (m1, low results; the fixtures' pair with the mentor) and the teacher of m2
 * (unfavourable school) answer nothing: every topic a deficit. The Russian teacher fails Russian,
 * which no mentor teaches. A mentor of another region is outside everyone's reach.
 */
export async function seedMentoringData(t: TestContext): Promise<MentoringData> {
  await submit(t, "mentor", "subject-math", answersFor(t, "subject-math", () => true));
  await submit(t, "otherMentor", "subject-math", answersFor(t, "subject-math", (id) => id.startsWith("math.")));
  await submit(t, "teacher", "subject-math", {});
  await submit(t, "teacherElsewhere", "subject-math", {});
  await submit(t, "teacherRussian", "subject-russian", {});
  await t.db.insertInto("regions").values({ id: "r2", name: "Другая область" }).execute();
  await t.db.insertInto("municipalities").values({ id: "r2-m", region_id: "r2", name: "Чужой район" }).execute();
  await t.db.insertInto("schools").values({ id: "r2-s", municipality_id: "r2-m", name: "Чужая школа", short_name: "Чужая", high_results: true, clusters: [] }).execute();
  const outsider = await t.db.insertInto("users").values({
    full_name: "Чужой Наставник", region_id: "r2", municipality_id: "r2-m", school_id: "r2-s", subjects: ["math"],
  }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("user_roles").values([{ user_id: outsider.id, role: "teacher" }, { user_id: outsider.id, role: "mentor" }]).execute();
  return { outsider: outsider.id };
}

/** Back to the fixtures' one pair (mentor → teacher) and default capacities. */
export async function resetPairs(t: TestContext): Promise<void> {
  await t.db.deleteFrom("mentor_assignments").execute();
  await t.db.updateTable("users").set({ mentor_capacity: null }).execute();
  await t.db.insertInto("mentor_assignments").values({ mentor_id: t.people.mentor.id, mentee_id: t.people.teacher.id }).execute();
}

export async function currentPairs(t: TestContext) {
  return t.db.selectFrom("mentor_assignments").select(["mentor_id", "mentee_id", "ended_at", "ended_by", "reason", "subject"]).where("ended_at", "is", null).execute();
}
