// Decides what an uploaded evidence file is by its bytes alone (never by the name or the client's type). Pure.
import { zipEntryNames } from "./zip-entries.js";

export interface EvidenceFileType {
  id: "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "pptx" | "text";
  /** The type it is stored and served with. */
  contentType: string;
  /** Extensions a file of this type may keep; the first is added when the name has none of them. */
  extensions: readonly string[];
}

export type Sniffed = { ok: true; type: EvidenceFileType } | { ok: false; reason: string };

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const ACCEPTED_TYPES_TEXT = "PDF, PNG, JPEG, DOCX, XLSX, PPTX или обычный текст";

const TYPES = {
  pdf: { id: "pdf", contentType: "application/pdf", extensions: [".pdf"] },
  png: { id: "png", contentType: "image/png", extensions: [".png"] },
  jpeg: { id: "jpeg", contentType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
  docx: { id: "docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: [".docx"] },
  xlsx: { id: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: [".xlsx"] },
  pptx: { id: "pptx", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: [".pptx"] },
  textUtf8: { id: "text", contentType: "text/plain; charset=utf-8", extensions: [".txt", ".csv", ".md"] },
  text1251: { id: "text", contentType: "text/plain; charset=windows-1251", extensions: [".txt", ".csv", ".md"] },
} as const satisfies Record<string, EvidenceFileType>;

/** The main part of each Office Open XML document: exactly one of them makes the archive that document. */
const OFFICE_PARTS: Array<[string, EvidenceFileType]> = [
  ["word/document.xml", TYPES.docx], ["xl/workbook.xml", TYPES.xlsx], ["ppt/presentation.xml", TYPES.pptx],
];

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);
const refuse = (reason: string): Sniffed => ({ ok: false, reason });

export function sniffEvidenceFile(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return refuse("Файл пустой");
  if (bytes.length > EVIDENCE_MAX_BYTES) return refuse("Файл больше 5 МБ");
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, type: TYPES.pdf };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: TYPES.png };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: TYPES.jpeg };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffOffice(bytes);
  return sniffText(bytes);
}

function sniffOffice(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (!names) return refuse("Архив повреждён или не является документом Office");
  const set = new Set(names);
  if (!set.has("[Content_Types].xml")) return refuse(`Архив ZIP не является документом Office: принимаются ${ACCEPTED_TYPES_TEXT}`);
  // Macros are code: a .docm renamed to .docx keeps its vbaProject.bin and is refused.
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return refuse("Документы с макросами не принимаются: сохраните файл без макросов");
  const kinds = OFFICE_PARTS.filter(([part]) => set.has(part));
  if (kinds.length !== 1) return refuse(`Не удалось определить тип документа Office: принимаются ${ACCEPTED_TYPES_TEXT}`);
  return { ok: true, type: kinds[0]![1] };
}

/**
 * Plain text: no NUL and no control characters but tab, line breaks and form feed; UTF-8, or else
 * Windows-1251 (where every other byte is a letter). Markup (a file that opens with a tag) is refused:
 * it is served as text anyway, but there is no reason to keep a page among a teacher's evidence.
 */
function sniffText(bytes: Uint8Array): Sniffed {
  const unsupported = refuse(`Этот тип файла не принимается: можно ${ACCEPTED_TYPES_TEXT}`);
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) return unsupported;
  let text: string;
  let type: EvidenceFileType = TYPES.textUtf8;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    if (bytes.includes(0x98)) return unsupported;
    text = new TextDecoder("windows-1251").decode(bytes);
    type = TYPES.text1251;
  }
  if (/^\uFEFF?\s*<[A-Za-z!?/]/.test(text)) return refuse("Файлы HTML, XML и SVG не принимаются: сохраните документ в PDF");
  return { ok: true, type };
}

/** The name a file is kept under: the base name only, no control characters, and an extension that matches its type. */
export function evidenceFileName(clientName: string | undefined, type: EvidenceFileType): string {
  const base = (clientName ?? "").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 150) || "файл";
  const lower = base.toLowerCase();
  return type.extensions.some((e) => lower.endsWith(e) && lower.length > e.length) ? base : `${base}${type.extensions[0]}`;
}
