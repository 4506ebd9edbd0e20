// «Мои курсы и группы»: the signed-in person's confirmed course groups, each with its dates and where it stands today.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isoDay } from "../../shared/dates.js";
import type { MyGroupView } from "./course-groups.schemas.js";
import { confirmedGroupsOfMember } from "./my-groups.repository.js";

/** Where a group stands on `today` ("YYYY-MM-DD"); a group with only one of its dates is judged by that one. */
export function groupState(startsOn: string | null, endsOn: string | null, today: string): MyGroupView["state"] {
  if (!startsOn && !endsOn) return "undated";
  if (startsOn && today < startsOn) return "upcoming";
  if (endsOn && today > endsOn) return "finished";
  if (!startsOn && endsOn && today <= endsOn) return "upcoming";
  return "running";
}

export class MyGroupsService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Only the person's own groups: nobody asks this route about someone else. */
  async of(userId: string, today = isoDay()): Promise<MyGroupView[]> {
    const rows = await confirmedGroupsOfMember(this.db, userId);
    return rows.map((r) => ({
      id: r.id, title: r.title, courseId: r.course_id, courseTitle: r.course_title, hours: r.hours, format: r.format, competencies: r.competencies,
      ...(r.starts_on ? { startsOn: r.starts_on } : {}), ...(r.ends_on ? { endsOn: r.ends_on } : {}),
      state: groupState(r.starts_on, r.ends_on, today), members: r.members, inPlan: r.in_plan,
    }));
  }
}
