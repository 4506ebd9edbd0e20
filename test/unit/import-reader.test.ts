// The import file reader and the checks of a single cell: examples, and properties over generated files and text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/shared/app-error.js";
import { COLUMNS, headerKey, mapColumns } from "../../server/modules/imports/import-columns.js";
import { cellProblem, isEmail, isPhoneLike } from "../../server/modules/imports/row-rules.js";
import { decodeText, detectDelimiter, readCsv, readSpreadsheet } from "../../server/modules/imports/spreadsheet-reader.js";
import { csvFile, xlsxFile } from "../fixtures/import-files.js";

async function fileError(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("reading CSV", () => {
  it("takes semicolons with a BOM, commas and tabs alike, and trims every cell", async () => {
    for (const delimiter of [";", ",", "\t"]) {
      const sheet = await readSpreadsheet(csvFile([["ФИО", "E-mail"], ["  Иванова  Анна ", " a@b.ru "]], { delimiter, bom: delimiter === ";" }));
      expect(sheet.format).toBe("csv");
      expect(sheet.header).toEqual(["ФИО", "E-mail"]);
      expect(sheet.rows).toEqual([{ row: 2, cells: ["Иванова Анна", "a@b.ru"], formulas: expect.any(Set) }]);
    }
  });

  it("numbers rows as Excel shows them: empty lines skipped but counted, a quoted line break stays in one row", () => {
    const sheet = readCsv('A;B\r\n\r\n"x\ny";1\r\n;\r\nz;2\r\n');
    expect(sheet.rows.map((r) => [r.row, r.cells])).toEqual([[3, ["x y", "1"]], [5, ["z", "2"]]]);
  });

  it("reads Windows-1251 and UTF-16 text as older Excel saves it", () => {
    const cp1251 = Buffer.from([0xd4, 0xc8, 0xce, 0x3b, 0xc8, 0xe2, 0xe0, 0xed]); // "ФИО;Иван"
    expect(decodeText(cp1251)).toBe("ФИО;Иван");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("ФИО\tИван", "utf16le")]);
    expect(decodeText(utf16)).toBe("ФИО\tИван");
  });

  it("picks the delimiter the header uses, ignoring those inside quotes", () => {
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4;5')).toBe(",");
    expect(detectDelimiter("ФИО;Должность;Роли")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("one column")).toBe(",");
  });
});

describe("reading XLSX", () => {
  it("marks formula cells, joins rich text, keeps a link's text, and skips the instruction sheet", async () => {
    const bytes = await xlsxFile([["ФИО", "N"], ["Иванова", 5], [{ formula: "A2&\"!\"", result: "Иванова!" }, 7]], { instructionFirst: true });
    const sheet = await readSpreadsheet(bytes);
    expect(sheet.format).toBe("xlsx");
    expect(sheet.header).toEqual(["ФИО", "N"]);
    expect(sheet.rows[0]).toMatchObject({ row: 2, cells: ["Иванова", "5"] });
    expect(sheet.rows[1]!.cells).toEqual(["Иванова!", "7"]);
    expect([...sheet.rows[1]!.formulas]).toEqual([0]);
    expect(sheet.rows[0]!.formulas.size).toBe(0);
  });
});

describe("files that are not tables", () => {
  it.each([
    ["a PDF", Buffer.from("%PDF-1.7\n..."), "unsupported_file"],
    ["an old XLS", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "unsupported_file"],
    ["binary bytes", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), "unsupported_file"],
    ["a broken ZIP", Buffer.from("PK\u0003\u0004garbage"), "unsupported_file"],
    ["nothing", Buffer.alloc(0), "empty_file"],
    ["only a header", Buffer.from("ФИО;E-mail\r\n"), "empty_file"],
    ["blank lines", Buffer.from("\r\n;;\r\n"), "empty_file"],
  ])("refuses %s", async (_name, bytes, code) => {
    expect((await fileError(readSpreadsheet(bytes))).code).toBe(code);
  });

  it("refuses more than 100,000 rows", async () => {
    const text = `ФИО\n${"x\n".repeat(100_001)}`;
    const error = await fileError(readSpreadsheet(Buffer.from(text)));
    expect(error.code).toBe("too_many_rows");
  });
});

describe("columns", () => {
  it("accept the Russian headers and the English keys in any case and spelling", () => {
    const map = mapColumns("people", ["FULL_NAME", "position", "schoolCode", "Subjects", "ROLES", "e-mail"]);
    expect([...map.keys()].sort()).toEqual(["email", "fullName", "position", "roles", "school", "subjects"]);
    expect(headerKey("E-mail *")).toBe(headerKey("email"));
  });

  it("refuse a file without required columns, naming every one", async () => {
    const error = await fileError(() => mapColumns("people", ["ФИО", "Должность"]));
    expect(error.code).toBe("missing_columns");
    expect(error.message).toContain("«Код школы»");
    expect(error.message).toContain("«Роли»");
    expect(error.message).toContain("«E-mail»");
  });
});

describe("markup", () => {
  it.each(["<script>alert(1)</script>", "<b>жирный</b>", "текст</p>", "<img src=x onerror=alert(1)>", "<br/>", "<!-- комментарий -->", "<?xml version"])("finds a tag in %s", (text) => {
    expect(cellProblem(text, false)?.code).toBe("markup_in_cell");
  });
  it.each(["Школа «<Ромашка>»", "a < b > c", "5 <= 7", "<<Заря>>"])("leaves %s alone", (text) => {
    expect(cellProblem(text, false)).toBeNull();
  });
});

describe("properties", () => {
  const cellText = fc.string({ maxLength: 40 }).map((s) => s.replace(/\s+/g, " ").trim());

  it("a CSV written with any delimiter and quoting reads back cell for cell, rows numbered from 2", () => {
    fc.assert(fc.property(
      fc.array(fc.array(cellText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 15 }),
      fc.constantFrom(";", ",", "\t"), fc.boolean(),
      (rows, delimiter, bom) => {
        const data = rows.map((r) => [`x${r[0]}`, r[1]!, r[2]!]); // a non-empty first cell keeps every row
        const sheet = readCsv(decodeText(csvFile([["A", "B", "C"], ...data], { delimiter, bom })));
        expect(sheet.header).toEqual(["A", "B", "C"]);
        expect(sheet.rows.map((r) => r.row)).toEqual(data.map((_, i) => i + 2));
        sheet.rows.forEach((r, i) => expect([r.cells[0], r.cells[1] ?? "", r.cells[2] ?? ""]).toEqual(data[i]));
      },
    ), { numRuns: 150 });
  });

  it("a cell starting with = + - @ is refused as a formula, unless it is a phone number where phones may be", () => {
    fc.assert(fc.property(fc.constantFrom("=", "+", "-", "@"), fc.string({ maxLength: 30 }), (lead, rest) => {
      const text = lead + rest;
      expect(cellProblem(text, false)?.code).toBe("formula_in_cell");
      if (!isPhoneLike(text)) expect(cellProblem(text, false, true)?.code).toBe("formula_in_cell");
    }));
    expect(cellProblem("+7 912 345-67-89", false, true)).toBeNull();
    expect(cellProblem("+1+1", false, true)?.code).toBe("formula_in_cell");
  });

  it("plain text up to 300 characters passes the cell checks; a formula cell never does", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }).filter((s) => !/^[=+\-@]/.test(s) && !s.includes("<")), fc.boolean(), (text, formula) => {
      expect(cellProblem(text, formula)?.code ?? null).toBe(formula ? "formula_in_cell" : null);
    }));
  });

  it("generated addresses are e-mails; with a space, without @ or with two, they are not", () => {
    fc.assert(fc.property(fc.emailAddress(), (email) => {
      // fast-check's addresses follow RFC 5322 loosely; the ones a school would use pass.
      if (/^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(email) && !/\.\.|^\.|\.@|@-|-\./.test(email)) expect(isEmail(email)).toBe(true);
      expect(isEmail(email.replace("@", " @"))).toBe(false);
      expect(isEmail(email.replace("@", ""))).toBe(false);
      expect(isEmail(`${email}@x.ru`)).toBe(false);
    }));
    expect(isEmail("учитель@школа.рф")).toBe(true);
  });

  it("every column of every kind is found from its own header and from its key", () => {
    for (const kind of ["municipalities", "schools", "people"] as const) {
      const all = COLUMNS[kind];
      expect(mapColumns(kind, all.map((c) => c.header)).size).toBe(all.length);
      expect(mapColumns(kind, all.map((c) => c.key.toUpperCase())).size).toBe(all.length);
    }
  });
});
