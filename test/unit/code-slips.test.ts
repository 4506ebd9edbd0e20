// The printed slips: the QR symbol drawn as vector squares is exactly the one for the sign-in link; eight slips to a page.
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { codeSlipsPdf, drawQr, signInLink } from "../../server/modules/climate/code-slips-pdf.js";

/** A stand-in for pdfkit that records the rectangles drawn. */
function recorder() {
  const rects: Array<{ x: number; y: number; w: number; h: number }> = [];
  const doc = {
    rects,
    save: () => doc, restore: () => doc, fillColor: () => doc, fill: () => doc,
    rect: (x: number, y: number, w: number, h: number) => { rects.push({ x, y, w, h }); return doc; },
  };
  return doc;
}

describe("the QR code on a slip", () => {
  it("opens the sign-in page with the code filled in", () => {
    expect(signInLink("https://orientir.example.ru", "7KQ2-M9XD-4HRT-V0PA")).toBe("https://orientir.example.ru/login?code=7KQ2-M9XD-4HRT-V0PA");
  });

  it.each(["http://localhost:3000", "https://iro.example.ru"])("draws, module for module, the symbol of the link (%s)", (origin) => {
    const text = signInLink(origin, "ABCD-EFGH-JKMN-PQRS");
    const doc = recorder();
    drawQr(doc as unknown as PDFKit.PDFDocument, text, 10, 20, 100);
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const cell = 100 / (modules.size + 4);
    const drawn = Array.from({ length: modules.size }, () => new Array<boolean>(modules.size).fill(false));
    for (const r of doc.rects) {
      const row = Math.round((r.y - 20) / cell) - 2;
      const from = Math.round((r.x - 10) / cell) - 2;
      const to = from + Math.round(r.w / cell);
      for (let c = from; c < to; c++) drawn[row]![c] = true;
    }
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) expect(drawn[row]![col], `${row},${col}`).toBe(Boolean(modules.get(row, col)));
    }
    // Runs are merged: fewer rectangles than dark modules.
    const dark = [...modules.data].filter(Boolean).length;
    expect(doc.rects.length).toBeLessThan(dark);
  });
});

describe("the sheet of slips", () => {
  it("puts eight slips on a page", async () => {
    const slips = Array.from({ length: 17 }, (_, i) => ({ code: `AAAA-BBBB-CCCC-${String(i).padStart(4, "0")}`, className: i < 9 ? "7А" : "7Б" }));
    const pdf = await codeSlipsPdf({ schoolShortName: "СОШ № 1", audienceLabel: "для обучающихся", siteAddress: "http://localhost:3000", validUntil: "31 декабря 2026 г.", threshold: 5, slips });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)).toHaveLength(3);
  });

  it("still prints when the site's address is not known, without a QR code", async () => {
    const pdf = await codeSlipsPdf({ schoolShortName: "СОШ № 1", audienceLabel: "для родителей", siteAddress: "адрес платформы «Ориентир»", validUntil: "1 января 2027 г.", threshold: 5, slips: [{ code: "AAAA-BBBB-CCCC-DDDD", className: null }] });
    expect(pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  });
});
