// The printable sheet of personal access codes: pages per school, slips to cut apart, each slip self-contained.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

export interface CodeSlip { fullName: string; position: string; code: string }
export interface SchoolSlips { schoolName: string; shortName: string; municipalityName: string; slips: CodeSlip[] }
export interface SheetOptions { siteAddress: string; issuedOn: string; validUntil: string }

const nodeRequire = createRequire(import.meta.url);
const FONTS = {
  regular: nodeRequire.resolve("@expo-google-fonts/golos-text/400Regular/GolosText_400Regular.ttf"),
  semibold: nodeRequire.resolve("@expo-google-fonts/golos-text/600SemiBold/GolosText_600SemiBold.ttf"),
};

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const SLIP_HEIGHT = 66;
const BOTTOM = PAGE.height - PAGE.margin - 16;
const INK = "#1f2a37";
const SOFT = "#5b6676";

type Doc = PDFKit.PDFDocument;

function cutLine(doc: Doc, y: number): void {
  doc.save().moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(0.6).dash(4, { space: 3 }).strokeColor("#9aa5b4").stroke().restore();
}

/** One slip: who it is for on the left, the code large on the right, and how to sign in, so a cut slip needs nothing else. */
function slip(doc: Doc, y: number, s: CodeSlip, shortName: string, site: string): void {
  const left = PAGE.margin + 4;
  const leftWidth = 262;
  const right = left + leftWidth + 12;
  const rightWidth = PAGE.width - PAGE.margin - right;
  doc.font("semibold").fontSize(12).fillColor(INK).text(s.fullName, left, y + 10, { width: leftWidth, height: 16, ellipsis: true, lineBreak: false });
  doc.font("regular").fontSize(9).fillColor(SOFT).text(`${s.position} · ${shortName}`, left, y + 28, { width: leftWidth, height: 12, ellipsis: true, lineBreak: false });
  doc.fontSize(8.5).text(`Вход: ${site} → «Вход по коду»`, left, y + 44, { width: leftWidth, height: 12, ellipsis: true, lineBreak: false });
  doc.fontSize(8).text("Личный код доступа", right, y + 10, { width: rightWidth, align: "right", lineBreak: false });
  // As large as the column allows: a code is typed from paper, letter by letter.
  doc.font("semibold");
  let size = 17;
  while (size > 11 && doc.fontSize(size).widthOfString(s.code, { characterSpacing: 1 }) > rightWidth) size -= 0.5;
  doc.fillColor(INK).text(s.code, right, y + 24, { width: rightWidth, align: "right", characterSpacing: 1, lineBreak: false });
  cutLine(doc, y + SLIP_HEIGHT);
}

function schoolHeader(doc: Doc, school: SchoolSlips, o: SheetOptions): number {
  const x = PAGE.margin;
  let y = PAGE.margin;
  doc.font("regular").fontSize(9).fillColor(SOFT).text("Коды доступа к платформе «Ориентир»", x, y, { width: CONTENT_WIDTH });
  y += 16;
  doc.font("semibold").fontSize(15).fillColor(INK);
  const nameHeight = Math.min(doc.heightOfString(school.schoolName, { width: CONTENT_WIDTH }), 40);
  doc.text(school.schoolName, x, y, { width: CONTENT_WIDTH, height: 40, ellipsis: true });
  y += nameHeight + 4;
  doc.font("regular").fontSize(10.5).fillColor(INK)
    .text(`${school.municipalityName} · выданы ${o.issuedOn} · действуют до ${o.validUntil}`, x, y, { width: CONTENT_WIDTH });
  y += 20;
  const instruction = `Откройте ${o.siteAddress}, выберите «Вход по коду» и введите код. Код личный: не передавайте его другим. ` +
    "Разрежьте лист по пунктирным линиям и раздайте полоски сотрудникам.";
  doc.fontSize(10);
  const boxHeight = doc.heightOfString(instruction, { width: CONTENT_WIDTH - 20 }) + 14;
  doc.save().roundedRect(x, y, CONTENT_WIDTH, boxHeight, 6).fillColor("#eef2f7").fill().restore();
  doc.fillColor(INK).text(instruction, x + 10, y + 7, { width: CONTENT_WIDTH - 20 });
  y += boxHeight + 10;
  cutLine(doc, y);
  return y;
}

function continuationHeader(doc: Doc, school: SchoolSlips): number {
  doc.font("semibold").fontSize(11).fillColor(INK).text(`${school.shortName} — продолжение`, PAGE.margin, PAGE.margin, { width: CONTENT_WIDTH, height: 16, ellipsis: true, lineBreak: false });
  const y = PAGE.margin + 22;
  cutLine(doc, y);
  return y;
}

/** A PDF with at least one page per school, slips in a column; footers name the school and the sheet. */
export async function codeSheetPdf(schools: SchoolSlips[], o: SheetOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4", margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    autoFirstPage: false, bufferPages: true, info: { Title: "Коды доступа", Author: "Ориентир" },
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("semibold", FONTS.semibold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const ranges: Array<{ school: SchoolSlips; first: number; count: number }> = [];
  for (const school of schools) {
    doc.addPage();
    const first = doc.bufferedPageRange().count - 1;
    let y = schoolHeader(doc, school, o);
    for (const s of school.slips) {
      if (y + SLIP_HEIGHT > BOTTOM) {
        doc.addPage();
        y = continuationHeader(doc, school);
      }
      slip(doc, y, s, school.shortName, o.siteAddress);
      y += SLIP_HEIGHT;
    }
    ranges.push({ school, first, count: doc.bufferedPageRange().count - first });
  }
  for (const { school, first, count } of ranges) {
    for (let i = 0; i < count; i++) {
      doc.switchToPage(first + i);
      // Writing below the bottom margin would start a new page: the footer lifts it for a moment.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("regular").fontSize(8).fillColor(SOFT).text(
        `«Ориентир» · ${school.shortName} · лист ${i + 1} из ${count}`,
        PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_WIDTH, align: "right", lineBreak: false },
      );
      doc.page.margins.bottom = margin;
    }
  }
  doc.end();
  return done;
}
