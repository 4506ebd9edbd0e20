// Demo region: confirms the optimal proposal for about a third of the teachers with deficits, highest priority first.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { loadMatchingData } from "./matching-input.js";
import { matchMentors } from "./matching.js";
import { reasonOf } from "./proposals.js";

/** The pairs look as if the institute confirmed them two weeks after the input diagnostic's first results. */
const CONFIRMED_DAYS_AGO = 14;

/**
 * Runs over the given database or transaction (the demo seed's own; it opens none). Every other
 * mentor keeps a free place, so that the methodologist can still confirm pairs on the demo.
 * Returns the number of pairs made.
 */
export async function seedDemoMentorPairs(db: Kysely<Database>, regionId: string, assignedBy: string | null): Promise<number> {
  const data = await loadMatchingData(db, regionId);
  const outcome = matchMentors(data.instance);
  const target = Math.round(data.instance.mentees.length / 3);
  const mentees = new Map(data.instance.mentees.map((m) => [m.id, m]));
  const priority = (id: string) => {
    const m = mentees.get(id)!;
    const deficits = Object.values(m.deficits).reduce((sum, d) => sum + d.length, 0);
    return (m.lowResults ? 2000 : 0) + (m.unfavourable ? 1000 : 0) + deficits;
  };
  const free = new Map(data.instance.mentors.map((m, i) => [m.id, i % 2 === 0 ? m.capacity - 1 : m.capacity]));
  const ordered = [...outcome.pairs].sort((a, b) => priority(b.menteeId) - priority(a.menteeId) || a.facts.cost - b.facts.cost || a.menteeId.localeCompare(b.menteeId));
  const chosen = [];
  for (const pair of ordered) {
    if (chosen.length >= target) break;
    if ((free.get(pair.mentorId) ?? 0) <= 0) continue;
    free.set(pair.mentorId, free.get(pair.mentorId)! - 1);
    chosen.push(pair);
  }
  const assignedAt = new Date(Date.now() - CONFIRMED_DAYS_AGO * 86_400_000);
  const rows = chosen.map((p) => ({
    mentor_id: p.mentorId, mentee_id: p.menteeId, assigned_by: assignedBy, assigned_at: assignedAt, subject: p.facts.subject,
    reason: reasonOf(data, data.people.get(p.menteeId)!, data.people.get(p.mentorId)!, p.facts),
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto("mentor_assignments").values(rows.slice(i, i + 500)).execute();
  return rows.length;
}
