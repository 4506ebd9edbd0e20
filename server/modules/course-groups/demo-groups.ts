// Demo course groups: proposals for three courses saved as groups, one course's groups confirmed. Runs in the caller's transaction.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isoDay } from "../../shared/dates.js";
import { findCourse } from "./candidates.repository.js";
import { buildProposal } from "./course-groups.proposal.js";
import { confirmGroup, insertGroup, insertMembers } from "./course-groups.repository.js";
import { DEFAULT_SIZES } from "./course-groups.service.js";

/** Which courses get groups in the demo, their runs' dates (days from today), and whether they are locked. */
const DEMO_COURSES = [
  { courseId: "problem-topics-math", startsIn: 21, lasts: 35, confirmed: true },
  { courseId: "problem-topics-russian", startsIn: 28, lasts: 35, confirmed: false },
  { courseId: "development-programme", startsIn: 45, lasts: 21, confirmed: false },
] as const;

/**
 * Builds the demo's groups with the same code a methodologist's "Предложить группы" runs, so the
 * demo shows real proposals: grouped by municipality and neighbours, similar deficits together.
 * Takes the seed's transaction and opens none of its own.
 */
export async function seedDemoCourseGroups(db: Kysely<Database>, regionId: string, createdBy: string | null): Promise<{ proposed: number; confirmed: number }> {
  let proposed = 0, confirmed = 0;
  for (const demo of DEMO_COURSES) {
    const course = await findCourse(db, demo.courseId);
    if (!course) continue;
    const startsOn = isoDay(demo.startsIn), endsOn = isoDay(demo.startsIn + demo.lasts);
    const proposal = await buildProposal(db, regionId, course, { ...DEFAULT_SIZES, startsOn, endsOn });
    for (const group of proposal.groups) {
      const id = await insertGroup(db, {
        regionId, courseId: course.id, title: group.title, startsOn, endsOn,
        minSize: proposal.minSize, maxSize: proposal.maxSize, createdBy,
      });
      await insertMembers(db, id, course.id, group.members);
      if (demo.confirmed) { await confirmGroup(db, id); confirmed++; } else proposed++;
    }
  }
  return { proposed, confirmed };
}
