// Every query of mentors' meetings.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

function selectMeetings(db: Kysely<Database>) {
  return db.selectFrom("mentor_meetings as m").leftJoin("users as u", "u.id", "m.mentor_id")
    .select(["m.id", "m.mentee_id", "m.mentor_id", "u.full_name as mentor_name", "m.held_on", "m.topic", "m.agreed", "m.created_at"]);
}
export type MeetingRow = Awaited<ReturnType<ReturnType<typeof selectMeetings>["executeTakeFirstOrThrow"]>>;

/** The latest first. */
export async function listMeetings(db: Kysely<Database>, menteeId: string): Promise<MeetingRow[]> {
  return selectMeetings(db).where("m.mentee_id", "=", menteeId).orderBy("m.held_on", "desc").orderBy("m.created_at", "desc").execute();
}

export async function findMeeting(db: Kysely<Database>, menteeId: string, meetingId: string): Promise<MeetingRow | undefined> {
  return selectMeetings(db).where("m.mentee_id", "=", menteeId).where("m.id", "=", meetingId).executeTakeFirst();
}

export async function insertMeeting(db: Kysely<Database>, v: { menteeId: string; mentorId: string; heldOn: string; topic: string; agreed: string | null }): Promise<string> {
  const row = await db.insertInto("mentor_meetings").values({ mentee_id: v.menteeId, mentor_id: v.mentorId, held_on: v.heldOn, topic: v.topic, agreed: v.agreed })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMeeting(db: Kysely<Database>, meetingId: string, v: { heldOn?: string; topic?: string; agreed?: string | null }): Promise<void> {
  await db.updateTable("mentor_meetings").set({
    ...(v.heldOn !== undefined ? { held_on: v.heldOn } : {}), ...(v.topic !== undefined ? { topic: v.topic } : {}), ...(v.agreed !== undefined ? { agreed: v.agreed } : {}),
  }).where("id", "=", meetingId).execute();
}

export async function deleteMeeting(db: Kysely<Database>, meetingId: string): Promise<void> {
  await db.deleteFrom("mentor_meetings").where("id", "=", meetingId).execute();
}
