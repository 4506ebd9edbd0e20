// The mentor's notification of a mentee's new wave result, written by the submission's own statement: no extra round trip.
import { sql, type RawBuilder } from "kysely";
import { WAVE_WORDS } from "./progress-build.js";

/**
 * The body of a data-modifying CTE for the submission statement (attempts.repository.ts
 * `recordSubmission`), which names the submitted attempt row `updated`. When that attempt is a
 * person's, in an intermediate or final wave, and the person has a current mentor, it writes the
 * mentor one notification; otherwise it writes nothing. Being part of the same statement, the
 * notification exists exactly when the submission does, and the hot submit path keeps its count of
 * statements. The words and the link are those of notifications/notify.ts `notifyMentorOfResult`
 * (kind `wave-result`), which does the same in two statements for callers inside a transaction.
 */
export function waveResultNotice(instrumentTitle: string): RawBuilder<unknown> {
  return sql`insert into notifications (user_id, kind, title, body, link)
    select m.mentor_id, 'wave-result', left('Новый результат: ' || u.full_name, 300),
      left(${instrumentTitle}::text || ' (' || case c.wave when 'intermediate' then ${WAVE_WORDS.intermediate}::text else ${WAVE_WORDS.final}::text end
        || '): результаты по компетенциям обновлены.', 1000),
      '/people/' || updated.user_id::text
    from updated
    join campaigns c on c.id = updated.campaign_id and c.wave in ('intermediate', 'final')
    join mentor_assignments m on m.mentee_id = updated.user_id and m.ended_at is null
    join users u on u.id = updated.user_id
    returning 1`;
}
