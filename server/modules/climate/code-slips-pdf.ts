// The printable slips of a climate round: eight to an A4 page, each with its code large, a QR code and how to answer.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export interface RoundSlip { code: string; className: string | null }
export interface SlipSheet {
  schoolShortName: string;
  /** «для педагогов», «для обучающихся», «для родителей». */
  audienceLabel: string;
  /** Where respondents sign in: the site's origin (http…), or words when it is not known. */
  siteAddress: string;
  validUntil: string;
  /** The anonymity threshold: no group smaller than this is shown. */
  threshold: number;
  slips: RoundSlip[];
}

const nodeRequire = createRequire(import.meta.url);
const FONTS = {
  regular: nodeRequire.resolve("@expo-google-fonts/golos-text/400Regular/GolosText_400Regular.ttf"),
  semibold: nodeRequire.resolve("@expo-google-fonts/golos-text/600SemiBold/GolosText_600SemiBold.ttf"),
};

const PAGE = { width: 595.28, height: 841.89, margin: 24 };
const COLUMNS = 2;
const ROWS = 4;
const SLIP_W = (PAGE.width - 2 * PAGE.margin) / COLUMNS;
const SLIP_H = (PAGE.height - 2 * PAGE.margin - 14) / ROWS;
const PAD = 12;
const QR_SIZE = 92;
const INK = "#1f2a37";
const SOFT = "#5b6676";

type Doc = PDFKit.PDFDocument;

/** The sign-in link a QR code opens: the code filled in, the code tab chosen. */
export const signInLink = (origin: string, code: string) => `${origin}/login?code=${encodeURIComponent(code)}`;

/**
 * The QR symbol as vector squares (runs of dark modules merged into one rectangle per row), so that
 * it prints sharp at any size and stays small in the file.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.save();
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) { col++; continue; }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      // A hair of overlap, so that no seam shows between neighbouring rows in a viewer.
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell + 0.05);
    }
  }
  doc.fillColor("#000000").fill();
  doc.restore();
}

function cutLines(doc: Doc, used: number): void {
  doc.save().lineWidth(0.6).dash(4, { space: 3 }).strokeColor("#9aa5b4");
  const rows = Math.ceil(used / COLUMNS);
  for (let r = 0; r <= rows; r++) {
    const y = PAGE.margin + r * SLIP_H;
    doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).stroke();
  }
  doc.moveTo(PAGE.margin + SLIP_W, PAGE.margin).lineTo(PAGE.margin + SLIP_W, PAGE.margin + rows * SLIP_H).stroke();
  doc.restore();
}

function slip(doc: Doc, x0: number, y0: number, s: RoundSlip, sheet: SlipSheet): void {
  const x = x0 + PAD;
  const width = SLIP_W - 2 * PAD;
  const withLink = sheet.siteAddress.startsWith("http");
  doc.font("semibold").fontSize(10.5).fillColor(INK).text("Анонимный опрос «Климат в школе»", x, y0 + PAD, { width, lineBreak: false, ellipsis: true });
  const who = [sheet.audienceLabel, s.className ? `класс ${s.className}` : null, sheet.schoolShortName].filter(Boolean).join(" · ");
  doc.font("regular").fontSize(8.5).fillColor(SOFT).text(who, x, y0 + PAD + 15, { width, lineBreak: false, ellipsis: true });

  const top = y0 + PAD + 34;
  const right = withLink ? x + QR_SIZE + 10 : x;
  const rightWidth = x + width - right;
  if (withLink) drawQr(doc, signInLink(sheet.siteAddress, s.code), x - 4, top - 4, QR_SIZE);
  doc.font("regular").fontSize(8).fillColor(SOFT).text("Код для входа", right, top + 6, { width: rightWidth, lineBreak: false });
  // The code on two lines, as large as the column allows: it is typed from paper, letter by letter.
  const [first, second] = [s.code.slice(0, 9), s.code.slice(10)];
  doc.font("semibold");
  let size = 18;
  while (size > 11 && doc.fontSize(size).widthOfString(first, { characterSpacing: 1.2 }) > rightWidth) size -= 0.5;
  doc.fillColor(INK).text(first, right, top + 20, { characterSpacing: 1.2, lineBreak: false });
  doc.text(second, right, top + 22 + size, { characterSpacing: 1.2, lineBreak: false });
  doc.font("regular").fontSize(8).fillColor(SOFT).text(`Действует один раз, до ${sheet.validUntil}`, right, top + 30 + 2 * size, { width: rightWidth });

  // The address as people type it: without the scheme, which would also break the line after «http://».
  const typed = sheet.siteAddress.replace(/^https?:\/\//, "");
  const how = withLink
    ? `Наведите камеру телефона на QR-код или откройте ${typed}/login, выберите «Вход по коду» и введите код.`
    : `Откройте ${sheet.siteAddress}, выберите «Вход по коду» и введите код.`;
  doc.fontSize(8).fillColor(INK).text(`${how} Имя не спрашивается; ответы показываются только обобщённо, по группам от ${sheet.threshold} человек.`,
    x, y0 + SLIP_H - PAD - 40, { width, height: 42, ellipsis: true });
}

/** A PDF of slips to cut apart; footers name the school, the audience and the page. */
export async function codeSlipsPdf(sheet: SlipSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4", margin: PAGE.margin, autoFirstPage: false, bufferPages: true,
    info: { Title: "Коды для анонимного опроса", Author: "Ориентир" },
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("semibold", FONTS.semibold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const perPage = COLUMNS * ROWS;
  const pages = Math.max(1, Math.ceil(sheet.slips.length / perPage));
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    const onPage = sheet.slips.slice(p * perPage, (p + 1) * perPage);
    onPage.forEach((s, i) => slip(doc, PAGE.margin + (i % COLUMNS) * SLIP_W, PAGE.margin + Math.floor(i / COLUMNS) * SLIP_H, s, sheet));
    cutLines(doc, onPage.length);
    // Writing below the bottom margin would start a new page: the footer lifts it for a moment.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor(SOFT).text(
      `«Ориентир» · ${sheet.schoolShortName} · анкета ${sheet.audienceLabel} · лист ${p + 1} из ${pages}`,
      PAGE.margin, PAGE.height - PAGE.margin - 8, { width: PAGE.width - 2 * PAGE.margin, align: "right", lineBreak: false },
    );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
