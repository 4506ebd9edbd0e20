// Reads the one evidence file of a multipart request, at most 5 MB, turning the multipart plugin's failures into answers.
import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../../shared/app-error.js";
import { ACCEPTED_TYPES_TEXT, EVIDENCE_MAX_BYTES } from "./file-sniff.js";

export interface EvidenceUpload { clientName: string; bytes: Buffer }

const noFile = (detail = "") => badRequest(`Файл не получен${detail}. Выберите файл (${ACCEPTED_TYPES_TEXT}, до 5 МБ) и отправьте его в поле «file».`, "no_file");
export const tooLarge = () => new AppError(413, "file_too_large", "Файл больше 5 МБ: уменьшите его (например, сохраните скан в PDF с меньшим разрешением) или приложите ссылку");

export async function readEvidenceUpload(request: FastifyRequest): Promise<EvidenceUpload> {
  let part: Awaited<ReturnType<FastifyRequest["file"]>>;
  let bytes: Buffer;
  try {
    // The stream stops one byte past the limit: a large file is never held in memory whole.
    part = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 }, throwFileSizeLimit: true });
    if (!part) throw noFile();
    bytes = await part.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") throw badRequest("Можно приложить только один файл за раз", "too_many_files");
    throw noFile(" целиком: загрузка прервалась или запрос повреждён");
  }
  if (part.fieldname !== "file") throw noFile(` в поле «file» (пришло поле «${part.fieldname.slice(0, 40)}»)`);
  if (bytes.length > EVIDENCE_MAX_BYTES) throw tooLarge();
  return { clientName: part.filename ?? "", bytes };
}
