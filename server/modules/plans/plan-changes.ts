// The words of a plan: kinds and statuses in Russian, what an edit changed, and each history event as a sentence. Pure.
import type { PlanItemKind, PlanItemStatus } from "../../db/schema.js";

export const KIND_LABELS: Record<PlanItemKind, string> = {
  course: "Курс повышения квалификации",
  seminar: "Семинар",
  consultation: "Консультация",
  "lesson-observation": "Посещение урока",
  "open-lesson": "Открытый урок наставника",
  "self-study": "Самостоятельное изучение",
};

export const STATUS_LABELS: Record<PlanItemStatus, string> = {
  planned: "запланировано",
  "in-progress": "в работе",
  done: "выполнено",
  dropped: "отменено",
};

/** The editable fields of an item as stored (null = not set). */
export interface ItemFields {
  title: string;
  status: PlanItemStatus;
  dueOn: string | null;
  competencyId: string | null;
  resourceUrl: string | null;
  groupId?: string | null;
}

export type FieldChange = { from: string | null; to: string | null };

/** Field → { from, to } for the fields the patch really changes; empty when it changes nothing. */
export function diffItem(current: ItemFields, patch: Partial<ItemFields>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const key of Object.keys(patch) as Array<keyof ItemFields>) {
    const next = patch[key];
    if (next === undefined) continue;
    const before = current[key] ?? null;
    if (before !== next) out[key] = { from: before, to: next };
  }
  return out;
}

const FIELD_NAMES: Record<string, string> = {
  title: "название", dueOn: "срок", competencyId: "компетенция", resourceUrl: "ресурс", groupId: "группа курса",
};

const RU_DATE = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const day = (iso: string | null) => (iso ? RU_DATE.format(new Date(`${iso}T00:00:00Z`)) : "без срока");
const quoted = (text: unknown) => `«${String(text)}»`;

/** One event of the history as a sentence a teacher reads; `titles` names competencies. */
export function describeEvent(action: string, changes: Record<string, unknown>, titles: ReadonlyMap<string, string> = new Map()): string {
  const competency = (id: unknown) => (typeof id === "string" ? quoted(titles.get(id) ?? id) : "без компетенции");
  switch (action) {
    case "created":
    case "drafted": {
      const kind = KIND_LABELS[changes.kind as PlanItemKind] ?? String(changes.kind);
      const due = typeof changes.dueOn === "string" ? `, срок ${day(changes.dueOn)}` : "";
      return `${action === "drafted" ? "Добавлено при составлении плана по профилю" : "Добавлен пункт"}: ${kind.toLowerCase()} ${quoted(changes.title)}${due}`;
    }
    case "updated": {
      const parts: string[] = [];
      for (const [field, raw] of Object.entries(changes)) {
        const c = raw as FieldChange;
        if (field === "status") parts.push(`статус: ${STATUS_LABELS[c.from as PlanItemStatus] ?? c.from} → ${STATUS_LABELS[c.to as PlanItemStatus] ?? c.to}`);
        else if (field === "dueOn") parts.push(`срок: ${day(c.from)} → ${day(c.to)}`);
        else if (field === "competencyId") parts.push(`компетенция: ${competency(c.from)} → ${competency(c.to)}`);
        else if (field === "groupId") parts.push(c.to ? "привязан к группе курса" : "отвязан от группы курса");
        else parts.push(`${FIELD_NAMES[field] ?? field}: ${c.from === null ? "—" : quoted(c.from)} → ${c.to === null ? "—" : quoted(c.to)}`);
      }
      return parts.length ? `Изменено — ${parts.join("; ")}` : "Изменено";
    }
    case "evidence-added":
    case "evidence-removed": {
      const verb = action === "evidence-added" ? "Добавлено подтверждение" : "Удалено подтверждение";
      if (changes.kind === "file") return `${verb}: файл ${quoted(changes.fileName)}`;
      if (changes.kind === "link") return `${verb}: ссылка ${String(changes.url)}`;
      return `${verb}: заметка`;
    }
    default:
      return action;
  }
}
