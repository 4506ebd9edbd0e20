// Reads the one uploaded file of a multipart request into memory, turning the multipart plugin's failures into answers.
import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../../shared/app-error.js";

export interface Upload { fileName: string; bytes: Buffer }

const noFile = (detail = "") => badRequest(`Файл не получен${detail}. Выберите файл XLSX или CSV и отправьте его в поле «file».`, "no_file");

export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw noFile();
  let part: Awaited<ReturnType<FastifyRequest["file"]>>;
  let bytes: Buffer;
  try {
    part = await request.file();
    if (!part) throw noFile();
    bytes = await part.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The plugin's own errors: a file over the limit, or a body cut off or malformed on the way.
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") {
      throw new AppError(413, "payload_too_large", "Файл слишком большой: можно загрузить до 20 МБ. Разделите его на части.");
    }
    throw noFile(" целиком: загрузка прервалась или запрос повреждён");
  }
  if (part.fieldname !== "file") throw noFile(` в поле «file» (пришло поле «${part.fieldname.slice(0, 40)}»)`);
  // Only the base name is kept for the log: no client paths, no control characters, a sane length.
  const fileName = (part.filename || "файл").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "файл";
  return { fileName, bytes };
}
