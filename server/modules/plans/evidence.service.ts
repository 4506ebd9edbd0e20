// Evidence of plan items: notes, links and files (type checked by their bytes), each change with its history row.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, conflict, forbidden, notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import * as evidenceRepo from "./evidence.repository.js";
import type { EvidenceUpload } from "./evidence-upload.js";
import { evidenceFileName, sniffEvidenceFile } from "./file-sniff.js";
import { readAccess, writeAccess, type PlanAccess } from "./plan-access.js";
import { toEvidenceView } from "./plan-views.js";
import * as repo from "./plans.repository.js";
import type { EvidenceView, NoteOrLink } from "./plans.schemas.js";

/** Enough for any real item; a cap so that one item cannot swallow the database. */
export const MAX_EVIDENCE_PER_ITEM = 20;

export interface EvidenceFile { fileName: string; contentType: string; content: Buffer }

export class EvidenceService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Checked before the upload is read: who may add, and to which item. */
  async writable(viewer: Principal | null, userId: string, itemId: string): Promise<PlanAccess> {
    const access = await writeAccess(this.db, viewer, userId);
    if (!(await repo.findItem(this.db, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
    return access;
  }

  async addNoteOrLink(access: PlanAccess, itemId: string, body: NoteOrLink): Promise<EvidenceView> {
    const note = body.note?.trim() || null;
    if (body.kind === "note" && !note) throw badRequest("Заметка не может быть пустой", "invalid_note");
    if (body.kind === "link" && !body.url) throw badRequest("Не хватает поля «url»: адрес ссылки, начинающийся с http:// или https://", "invalid_url");
    if (body.kind === "note" && body.url) throw badRequest("У заметки нет адреса: для ссылки укажите kind «link»", "invalid_input");
    return this.add(access, itemId, body.kind === "note"
      ? { kind: "note", note }
      : { kind: "link", url: body.url!, note });
  }

  async addFile(access: PlanAccess, itemId: string, upload: EvidenceUpload): Promise<EvidenceView> {
    const sniffed = sniffEvidenceFile(upload.bytes);
    if (!sniffed.ok) throw badRequest(sniffed.reason, "unsupported_file");
    return this.add(access, itemId, {
      kind: "file", fileName: evidenceFileName(upload.clientName, sniffed.type), contentType: sniffed.type.contentType,
      size: upload.bytes.length, content: upload.bytes,
    });
  }

  /** A note or link as JSON; a file's bytes separately, for the download route. */
  async get(viewer: Principal | null, userId: string, itemId: string, evidenceId: string): Promise<{ view: EvidenceView; file?: EvidenceFile }> {
    await readAccess(this.db, viewer, userId);
    const row = await this.find(userId, itemId, evidenceId);
    if (row.kind !== "file") return { view: toEvidenceView(row) };
    const content = await evidenceRepo.evidenceContent(this.db, evidenceId);
    return { view: toEvidenceView(row), file: { fileName: row.file_name!, contentType: row.content_type!, content: content ?? Buffer.alloc(0) } };
  }

  async remove(viewer: Principal | null, userId: string, itemId: string, evidenceId: string): Promise<void> {
    const access = await writeAccess(this.db, viewer, userId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.lockItem(trx, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
      const row = await evidenceRepo.findEvidence(trx, itemId, evidenceId);
      if (!row) throw notFound("Подтверждение не найдено", "evidence_not_found");
      if (row.created_by !== access.viewer.id) throw forbidden("Удалить подтверждение может только тот, кто его добавил", "not_evidence_author");
      await evidenceRepo.deleteEvidence(trx, evidenceId);
      await repo.updateItem(trx, itemId, access.viewer.id, {});
      await repo.insertEvent(trx, { itemId, userId, actorId: access.viewer.id, action: "evidence-removed", changes: eventChanges(evidenceId, row) });
    });
  }

  private async find(userId: string, itemId: string, evidenceId: string) {
    if (!(await repo.findItem(this.db, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
    const row = await evidenceRepo.findEvidence(this.db, itemId, evidenceId);
    if (!row) throw notFound("Подтверждение не найдено", "evidence_not_found");
    return row;
  }

  private async add(access: PlanAccess, itemId: string, v: Omit<evidenceRepo.NewEvidence, "itemId" | "actorId">): Promise<EvidenceView> {
    const userId = access.facts.targetId, actorId = access.viewer.id;
    const id = await this.db.transaction().execute(async (trx) => {
      if (!(await repo.lockItem(trx, userId, itemId))) throw notFound("Пункт плана не найден", "item_not_found");
      if ((await evidenceRepo.countEvidence(trx, itemId)) >= MAX_EVIDENCE_PER_ITEM) {
        throw conflict(`У пункта уже ${MAX_EVIDENCE_PER_ITEM} подтверждений: удалите лишние`, "too_much_evidence");
      }
      const evidenceId = await evidenceRepo.insertEvidence(trx, { ...v, itemId, actorId });
      await repo.updateItem(trx, itemId, actorId, {});
      await repo.insertEvent(trx, { itemId, userId, actorId, action: "evidence-added", changes: eventChanges(evidenceId, { kind: v.kind, note: v.note ?? null, url: v.url ?? null, file_name: v.fileName ?? null, size: v.size ?? null }) });
      return evidenceId;
    });
    return toEvidenceView((await evidenceRepo.findEvidence(this.db, itemId, id))!);
  }
}

/** What the history keeps of a piece of evidence: never a file's bytes, and a note's beginning only. */
function eventChanges(evidenceId: string, r: { kind: string; note: string | null; url: string | null; file_name: string | null; size: number | null }) {
  return {
    evidenceId, kind: r.kind,
    ...(r.kind === "file" ? { fileName: r.file_name, size: r.size } : {}),
    ...(r.kind === "link" ? { url: r.url } : {}),
    ...(r.note ? { note: r.note.length > 200 ? `${r.note.slice(0, 199)}…` : r.note } : {}),
  };
}
