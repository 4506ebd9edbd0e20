// «Мой наставник»: who the teacher's mentor is, since when, and how to reach them (e-mail, the school's phone and e-mail).
import { formatDate } from "../../lib/format";
import { subjectsText, subjectTitle } from "../../lib/subjects";
import { telHref, type Profile } from "./profile-api";

type Mentor = NonNullable<Profile["mentor"]>;

/** `own`: the teacher reads it (and is told whom to ask when nothing is known). */
export function MentorContact({ mentor, own = false }: { mentor: Mentor; own?: boolean }) {
  const ways = [
    mentor.email && <li key="email">Электронная почта: <a href={`mailto:${mentor.email}`}>{mentor.email}</a></li>,
    mentor.schoolPhone && <li key="phone">Телефон школы: <a href={telHref(mentor.schoolPhone)}>{mentor.schoolPhone}</a></li>,
    mentor.schoolEmail && <li key="school-email">Почта школы: <a href={`mailto:${mentor.schoolEmail}`}>{mentor.schoolEmail}</a></li>,
  ].filter(Boolean);
  return ways.length
    ? <ul className="contact-list">{ways}</ul>
    : <p className="muted">{own ? "Контакты наставника не указаны: спросите их у методиста института." : "Контакты наставника не указаны."}</p>;
}

export function MyMentor({ mentor }: { mentor: Profile["mentor"] }) {
  return (
    <section id="mentor" className="panel" aria-labelledby="my-mentor-title">
      <h2 id="my-mentor-title">Мой наставник</h2>
      {!mentor ? (
        <p className="muted">Наставник пока не назначен. Институт подбирает наставников по итогам диагностики; когда пару утвердят, вы получите уведомление.</p>
      ) : (
        <div className="mentor-card">
          <p className="mentor-name"><strong>{mentor.name}</strong></p>
          <p className="muted">
            {[mentor.position, mentor.schoolName, mentor.subject ? subjectTitle(mentor.subject) : mentor.subjects?.length ? subjectsText(mentor.subjects) : ""].filter(Boolean).join(" · ")}
            {mentor.since && <> · наставник с {formatDate(mentor.since)}</>}
          </p>
          <h3 className="mentor-reach">Как связаться</h3>
          <MentorContact mentor={mentor} own />
          <p className="muted">Наставник видит ваш профиль, результаты по волнам и план, добавляет пункты и записывает встречи.</p>
        </div>
      )}
    </section>
  );
}
