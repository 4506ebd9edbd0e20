// What an evidence file is, by its bytes alone: examples of each accepted type and of refusals, and properties over any bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evidenceFileName, EVIDENCE_MAX_BYTES, sniffEvidenceFile, type EvidenceFileType } from "../../server/modules/plans/file-sniff.js";
import { zipEntryNames } from "../../server/modules/plans/zip-entries.js";
import { jpegFile, officeFile, pdfFile, pngFile, zipFile } from "../fixtures/evidence-files.js";

const typeOf = (bytes: Uint8Array) => {
  const sniffed = sniffEvidenceFile(bytes);
  return sniffed.ok ? sniffed.type.id : `refused: ${sniffed.reason}`;
};
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d], PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], JPEG = [0xff, 0xd8, 0xff], ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

describe("accepted types, by example", () => {
  it("PDF, PNG, JPEG by their signatures", async () => {
    expect(typeOf(await pdfFile())).toBe("pdf");
    expect(typeOf(await pngFile())).toBe("png");
    expect(typeOf(jpegFile())).toBe("jpeg");
  });

  it("DOCX, XLSX, PPTX by the main part inside the archive", () => {
    expect(typeOf(officeFile("docx"))).toBe("docx");
    expect(typeOf(officeFile("xlsx"))).toBe("xlsx");
    expect(typeOf(officeFile("pptx"))).toBe("pptx");
  });

  it("plain text in UTF-8 (with or without a BOM) or Windows-1251", () => {
    const utf8 = sniffEvidenceFile(Buffer.from("\ufeffКонспект\r\n\tурока"));
    expect(utf8.ok && utf8.type.contentType).toBe("text/plain; charset=utf-8");
    const cp1251 = sniffEvidenceFile(Buffer.from([0xcf, 0xeb, 0xe0, 0xed, 0x20, 0xf3, 0xf0, 0xee, 0xea, 0xe0])); // «План урока»
    expect(cp1251.ok && cp1251.type.contentType).toBe("text/plain; charset=windows-1251");
  });
});

describe("refusals, by example", () => {
  it.each([
    ["an empty file", Buffer.alloc(0), /пустой/],
    ["an HTML page", Buffer.from("  <!DOCTYPE html><html></html>"), /HTML/],
    ["an SVG image", Buffer.from(`<?xml version="1.0"?><svg/>`), /HTML, XML и SVG/],
    ["a Windows program", Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(64)]), /не принимается/],
    ["a ZIP of other things", zipFile([["a.txt", "x"]]), /не является документом Office/],
    ["an archive with two main parts", zipFile([["[Content_Types].xml", "<Types/>"], ["word/document.xml", "<d/>"], ["xl/workbook.xml", "<w/>"]]), /Не удалось определить/],
    ["a document with macros", officeFile("xlsx", [["xl/vbaProject.bin", "code"]]), /макросами/],
    ["a text with NUL bytes (UTF-16)", Buffer.from("План", "utf16le"), /не принимается/],
    ["over 5 MB", Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x61), /5 МБ/],
  ])("%s", (_case, bytes, reason) => {
    const sniffed = sniffEvidenceFile(bytes);
    expect(sniffed.ok).toBe(false);
    if (!sniffed.ok) expect(sniffed.reason).toMatch(reason);
  });
});

describe("properties over any bytes", () => {
  it("never throws, and accepts only what its signature or text rules allow", () => {
    const prefixed = fc.tuple(fc.constantFrom([], PDF, PNG, JPEG, ZIP, [0x3c], [0xef, 0xbb, 0xbf]), fc.uint8Array({ maxLength: 300 }))
      .map(([head, tail]) => Uint8Array.from([...head, ...tail]));
    fc.assert(fc.property(prefixed, (bytes) => {
      const sniffed = sniffEvidenceFile(bytes);
      if (!sniffed.ok) return;
      const id = sniffed.type.id;
      if (id === "pdf") expect(startsWith(bytes, PDF)).toBe(true);
      if (id === "png") expect(startsWith(bytes, PNG)).toBe(true);
      if (id === "jpeg") expect(startsWith(bytes, JPEG)).toBe(true);
      if (id === "docx" || id === "xlsx" || id === "pptx") expect(startsWith(bytes, ZIP)).toBe(true);
      if (id === "text") {
        expect(bytes.length).toBeGreaterThan(0);
        for (const b of bytes) expect(b === 0 || b === 0x7f || (b < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(b))).toBe(false);
      }
    }), { numRuns: 3000 });
  });

  it("any text without control characters is text, unless it opens with a tag", () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }).filter((s) => !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s)), (text) => {
      const markup = /^\uFEFF?\s*<[A-Za-z!?/]/.test(text);
      const bytes = Buffer.from(text, "utf8");
      const startsLikeBinary = [PDF, PNG, JPEG, ZIP].some((sig) => startsWith(bytes, sig));
      fc.pre(!startsLikeBinary);
      expect(typeOf(bytes)).toBe(markup ? "refused: Файлы HTML, XML и SVG не принимаются: сохраните документ в PDF" : "text");
    }), { numRuns: 2000 });
  });

  it("an Office archive is its kind whatever else it holds; with macros, without its content types or cut short, it is refused", () => {
    const entry = fc.tuple(fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}\.(xml|png|rels)$/), fc.string({ maxLength: 40 }));
    fc.assert(fc.property(fc.constantFrom("docx", "xlsx", "pptx" as const), fc.array(entry, { maxLength: 6 }), fc.nat(), (kind, extra, cut) => {
      const others = extra.filter(([name]) => !/^(word\/document|xl\/workbook|ppt\/presentation)\.xml$/.test(name));
      const file = officeFile(kind, others);
      expect(typeOf(file)).toBe(kind);
      expect(typeOf(officeFile(kind, [...others, [`${kind === "docx" ? "word" : kind === "xlsx" ? "xl" : "ppt"}/vbaProject.bin`, "x"]]))).toMatch(/макросами/);
      // Cut anywhere after its signature: the directory at the end is gone, and so is the document.
      expect(typeOf(file.subarray(0, 4 + (cut % (file.length - 4))))).toMatch(/^refused/);
    }), { numRuns: 300 });
  });

  it("reads back every entry name a ZIP was written with, and never throws on damaged archives", () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), (names, comment) => {
      const zip = zipFile(names.map((n) => [n, `содержимое ${n}`]), comment);
      expect(zipEntryNames(zip)).toEqual(names);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), fc.nat(255), (noise, at, value) => {
      const zip = Uint8Array.from(officeFile("docx"));
      zip[at % zip.length] = value;
      const names = zipEntryNames(Uint8Array.from([...ZIP, ...noise]));
      expect(names === null || Array.isArray(names)).toBe(true);
      zipEntryNames(zip);
    }), { numRuns: 2000 });
  });

  it("keeps a safe base name with an extension of the type it was found to be", () => {
    const types: EvidenceFileType[] = [officeFile("docx"), Buffer.from("текст")].map((b) => (sniffEvidenceFile(b) as { type: EvidenceFileType }).type);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...types), (name, type) => {
      const kept = evidenceFileName(name, type);
      expect(type.extensions.some((e) => kept.toLowerCase().endsWith(e))).toBe(true);
      expect(kept).not.toMatch(/[\\/\u0000-\u001f\u007f"]/);
      expect(kept.length).toBeLessThanOrEqual(155);
    }), { numRuns: 1000 });
    expect(evidenceFileName("C:\\Users\\Мария\\отчёт.exe", types[0]!)).toBe("отчёт.exe.docx");
    expect(evidenceFileName("заметки.TXT", types[1]!)).toBe("заметки.TXT");
    expect(evidenceFileName("", types[1]!)).toBe("файл.txt");
  });
});
