// One mentee's demo plan as rows: drafted items in every state, the mentor's own items, evidence, meetings, notifications. Pure.
import type { PlanItemKind, PlanItemStatus } from "../../db/schema.js";
import type { Rng } from "../demo/demo-region.js";
import type { DraftCompetency, DraftItem } from "./draft-plan.js";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface DemoPair { menteeId: string; menteeName: string; mentorId: string; mentorName: string; assignedAt: Date }

export interface DemoRows {
  items: Array<{ id: string; user_id: string; competency_id: string | null; kind: PlanItemKind; title: string; due_on: string | null; status: PlanItemStatus;
    course_id: string | null; group_id: string | null; resource_url: string | null; created_by: string; created_at: Date; updated_by: string; updated_at: Date }>;
  events: Array<{ item_id: string; user_id: string; actor_id: string; action: string; changes: string; at: Date }>;
  evidence: Array<{ item_id: string; kind: "note" | "link"; note: string | null; url: string | null; created_by: string; created_at: Date }>;
  meetings: Array<{ mentee_id: string; mentor_id: string; held_on: string; topic: string; agreed: string | null; created_at: Date }>;
  notifications: Array<{ user_id: string; kind: string; title: string; body: string | null; link: string | null; created_at: Date; read_at: Date | null }>;
}

export const emptyRows = (): DemoRows => ({ items: [], events: [], evidence: [], meetings: [], notifications: [] });

const MENTOR_ITEMS: Array<{ kind: PlanItemKind; title: (topic: string) => string }> = [
  { kind: "open-lesson", title: (t) => `Открытый урок наставника по теме «${t}»: посетить и обсудить` },
  { kind: "lesson-observation", title: (t) => `Наставник посещает урок по теме «${t}», разбор после урока` },
  { kind: "consultation", title: (t) => `Консультация: типичные ошибки учеников по теме «${t}»` },
  { kind: "seminar", title: () => "Муниципальный методический семинар «Формирующее оценивание на уроке»" },
];
const MEETINGS = [
  ["Знакомство, разбор результатов диагностики", "Выбрать две темы для работы в первую очередь; составить план"],
  ["Разбор посещённого урока", "Сократить объяснение у доски, больше самостоятельной работы с проверкой в парах"],
  ["Подготовка к открытому уроку наставника", "Учитель готовит вопросы к уроку и лист наблюдения"],
  ["Обсуждение открытого урока", "Попробовать приём «ошибка дня» в двух классах, обсудить через две недели"],
  ["Промежуточные итоги по плану", "Перенести сроки по курсу; добавить самостоятельное изучение материалов «Моей школы»"],
] as const;
const NOTES = [
  "Провела урок с разбором ошибок диагностической работы, класс 7Б",
  "Прошёл модуль курса, итоговое тестирование сдано",
  "Подготовлен конспект урока с заданиями разного уровня",
  "Посетила урок наставника, лист наблюдения заполнен",
];
const LINKS = [["https://myschool.edu.ru/", "Материалы урока в ФГИС «Моя школа»"], ["https://edsoo.ru/", "Методические материалы, использованные на уроке"], ["https://resh.edu.ru/", "Урок «Российской электронной школы» для самостоятельной работы"]] as const;

/**
 * The plan of one mentored teacher, dated within the pair's life (from its confirmation to `now`):
 * the draft's items spread over every state (some past their due date), one or two items the mentor
 * added, evidence on most finished items, meetings, and the notifications these would have sent.
 */
export function buildDemoPlan(rng: Rng, pair: DemoPair, draft: readonly DraftItem[], deficits: readonly DraftCompetency[], now: number, out: DemoRows = emptyRows()): DemoRows {
  // A pair confirmed this very moment still gets a day of history (its plan and first meeting).
  const start = Math.min(pair.assignedAt.getTime(), now - DAY);
  const span = Math.max(DAY, now - start);
  const at = (share: number) => new Date(start + Math.floor(span * Math.min(0.98, Math.max(0.02, share))));
  const drafter = rng.chance(0.6) ? pair.mentorId : pair.menteeId;
  const draftedAt = at(0.08);
  const topics = deficits.length ? deficits.map((d) => d.title) : ["Решение текстовых задач"];

  const add = (d: DraftItem, by: string, createdAt: Date, action: "drafted" | "created") => {
    const id = rng.uuid();
    // Most items have a date; about a quarter of them have passed already (overdue unless finished).
    const past = now - createdAt.getTime() > 3 * DAY && rng.chance(0.25);
    const dueOn = d.dueOn ?? (!rng.chance(0.85) ? null : past
      ? iso(createdAt.getTime() + DAY + Math.floor(rng.float() * (now - createdAt.getTime() - 2 * DAY)))
      : iso(now + rng.int(7, 120) * DAY));
    out.items.push({ id, user_id: pair.menteeId, competency_id: d.competencyId, kind: d.kind, title: d.title, due_on: dueOn, status: "planned",
      course_id: d.courseId, group_id: d.groupId, resource_url: null, created_by: by, created_at: createdAt, updated_by: by, updated_at: createdAt });
    out.events.push({ item_id: id, user_id: pair.menteeId, actor_id: by, action, at: createdAt,
      changes: JSON.stringify({ kind: d.kind, title: d.title, status: "planned", ...(d.competencyId ? { competencyId: d.competencyId } : {}), ...(dueOn ? { dueOn } : {}), ...(d.courseId ? { courseId: d.courseId } : {}), ...(d.groupId ? { groupId: d.groupId } : {}) }) });
    return out.items.at(-1)!;
  };
  out.notifications.push(note(pair.menteeId, "mentor-assigned", `Вам назначен наставник: ${pair.mentorName}`, "Наставник увидит ваш профиль и план и поможет с дефицитами.", "/plan", new Date(start), now));
  const items = draft.map((d) => add(d, drafter, draftedAt, "drafted"));
  for (let k = 0, n = rng.int(1, 2); k < n; k++) {
    const template = rng.pick(MENTOR_ITEMS);
    const deficit = deficits.length ? rng.pick(deficits) : null;
    const item = add({ kind: template.kind, title: template.title(deficit?.title ?? rng.pick(topics)), competencyId: deficit?.id ?? null, courseId: null, groupId: null, dueOn: null },
      pair.mentorId, at(0.15 + 0.5 * rng.float()), "created");
    items.push(item);
    if (rng.chance(0.5)) out.notifications.push(note(pair.menteeId, "plan-item-added", "Наставник добавил пункт в ваш план", `«${item.title}»`, "/plan", item.created_at, now));
  }
  if (drafter === pair.mentorId && items.length) {
    out.notifications.push(note(pair.menteeId, "plan-drafted", "Наставник составил ваш план по профилю", `Добавлено пунктов: ${draft.length}.`, "/plan", draftedAt, now));
  }

  for (const item of items) {
    // A course group that has not started yet keeps its course planned.
    const status: PlanItemStatus = item.group_id ? "planned" : rng.pick(["planned", "in-progress", "in-progress", "done", "done", "dropped"] as const);
    if (status === "planned") continue;
    const when = new Date(Math.max(item.created_at.getTime() + 3_600_000, at(0.3 + 0.65 * rng.float()).getTime()));
    const by = status === "dropped" ? pair.mentorId : status === "done" ? pair.menteeId : rng.pick([pair.menteeId, pair.mentorId]);
    const steps: PlanItemStatus[] = status === "done" && rng.chance(0.6) ? ["in-progress", "done"] : [status];
    let from: PlanItemStatus = "planned";
    steps.forEach((to, k) => {
      const t = new Date(when.getTime() - (steps.length - 1 - k) * 2 * DAY);
      out.events.push({ item_id: item.id, user_id: pair.menteeId, actor_id: by, action: "updated", changes: JSON.stringify({ status: { from, to } }), at: t > item.created_at ? t : when });
      from = to;
    });
    Object.assign(item, { status, updated_by: by, updated_at: when });
    if (status === "done" && rng.chance(0.7)) {
      const link = rng.chance(0.4) ? rng.pick(LINKS) : null;
      out.evidence.push({ item_id: item.id, kind: link ? "link" : "note", note: link ? link[1] : rng.pick(NOTES), url: link ? link[0] : null, created_by: pair.menteeId, created_at: when });
      out.events.push({ item_id: item.id, user_id: pair.menteeId, actor_id: pair.menteeId, action: "evidence-added", at: when,
        changes: JSON.stringify({ kind: out.evidence.at(-1)!.kind, ...(link ? { url: link[0] } : {}), note: out.evidence.at(-1)!.note }) });
    }
    if (status === "done") {
      out.notifications.push(note(pair.mentorId, "plan-item-done", `Пункт плана выполнен: ${pair.menteeName}`, `«${item.title}»`, `/people/${pair.menteeId}`, when, now));
    }
  }

  const meetings = Math.min(MEETINGS.length, 1 + Math.floor(span / (12 * DAY)));
  for (let k = 0; k < meetings; k++) {
    const held = at((k + 0.5) / meetings);
    const [topic, agreed] = MEETINGS[k]!;
    out.meetings.push({ mentee_id: pair.menteeId, mentor_id: pair.mentorId, held_on: iso(held.getTime()), topic, agreed, created_at: held });
    if (k === meetings - 1) out.notifications.push(note(pair.menteeId, "meeting-recorded", "Наставник записал встречу", `${iso(held.getTime()).split("-").reverse().join(".")}: «${topic}»`, "/plan#meetings", held, now));
  }
  return out;
}

/** A notification as it would have been sent then: read by now unless it came in the last five days. */
export function note(userId: string, kind: string, title: string, body: string | null, link: string | null, createdAt: Date, now: number) {
  const fresh = now - createdAt.getTime() < 5 * DAY;
  return { user_id: userId, kind, title, body, link, created_at: createdAt, read_at: fresh ? null : new Date(createdAt.getTime() + DAY) };
}
