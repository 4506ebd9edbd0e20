// Pure parts of the mentor's workspace and the teacher's side: where a course group stands today, and the list's sums.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupState } from "../../server/modules/course-groups/my-groups.service.js";
import { daysSince, MEETING_GAP_DAYS, totals, type Mentee } from "../../client/src/features/mentees/mentees-api.js";

const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const ORDER = { upcoming: 0, running: 1, finished: 2 } as const;

describe("groupState", () => {
  it("reads a group's dates against today, both ends inclusive", () => {
    expect(groupState("2027-02-01", "2027-03-01", "2027-01-31")).toBe("upcoming");
    expect(groupState("2027-02-01", "2027-03-01", "2027-02-01")).toBe("running");
    expect(groupState("2027-02-01", "2027-03-01", "2027-03-01")).toBe("running");
    expect(groupState("2027-02-01", "2027-03-01", "2027-03-02")).toBe("finished");
    expect(groupState(null, null, "2027-03-02")).toBe("undated");
    expect(groupState("2027-02-01", null, "2027-05-01")).toBe("running");
    expect(groupState(null, "2027-03-01", "2027-02-02")).toBe("upcoming");
    expect(groupState(null, "2027-03-01", "2027-03-02")).toBe("finished");
  });

  it("only moves forward as days pass: upcoming, then running, then finished", () => {
    fc.assert(fc.property(day, day, day, day, (a, b, t1, t2) => {
      const [starts, ends] = a <= b ? [a, b] : [b, a];
      const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const s1 = groupState(starts, ends, early), s2 = groupState(starts, ends, late);
      expect(ORDER[s1 as keyof typeof ORDER]).toBeLessThanOrEqual(ORDER[s2 as keyof typeof ORDER]);
      // Running exactly on the days of the group.
      expect(groupState(starts, ends, early) === "running").toBe(starts <= early && early <= ends);
    }));
  });
});

function mentee(over: Partial<Mentee>): Mentee {
  return {
    userId: "u", name: "Н", deficits: [], deficitTitles: [], subjects: [], since: "2026-01-01T00:00:00.000Z",
    plan: { total: 0, done: 0, inProgress: 0, overdue: 0 }, meetings: 0, unread: 0, ...over,
  };
}

describe("the list's sums", () => {
  it("counts whole calendar days since a meeting", () => {
    const now = new Date(2026, 11, 2, 23, 30);
    expect(daysSince("2026-12-02", now)).toBe(0);
    expect(daysSince("2026-12-01", now)).toBe(1);
    expect(daysSince("2026-11-02", now)).toBe(30);
  });

  it("sums every mentee's figures, and counts those without a meeting in the last 30 days", () => {
    const now = new Date(2026, 11, 2, 12);
    const plan = fc.record({ total: fc.nat(20), done: fc.nat(20), inProgress: fc.nat(20), overdue: fc.nat(20) });
    const one = fc.record({ unread: fc.nat(50), plan, gap: fc.option(fc.nat(120), { nil: undefined }) });
    fc.assert(fc.property(fc.array(one, { maxLength: 30 }), (rows) => {
      const list = rows.map((r) => mentee({
        unread: r.unread, plan: r.plan,
        ...(r.gap !== undefined ? { lastMeetingOn: new Date(Date.UTC(2026, 11, 2) - r.gap * 86_400_000).toISOString().slice(0, 10) } : {}),
      }));
      const sum = totals(list, now);
      expect(sum.unread).toBe(rows.reduce((s, r) => s + r.unread, 0));
      expect(sum.done).toBe(rows.reduce((s, r) => s + r.plan.done, 0));
      expect(sum.total).toBe(rows.reduce((s, r) => s + r.plan.total, 0));
      expect(sum.overdue).toBe(rows.reduce((s, r) => s + r.plan.overdue, 0));
      expect(sum.noRecentMeeting).toBe(rows.filter((r) => r.gap === undefined || r.gap > MEETING_GAP_DAYS).length);
    }));
  });
});
