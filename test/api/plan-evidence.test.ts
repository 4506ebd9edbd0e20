// Evidence of plan items: notes, links and files checked by their bytes, served only as downloads, removed by their authors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PersonKey } from "../support/fixtures.js";
import { setupTestApp, type TestContext } from "../support/test-app.js";
import { multipart, xlsxFile } from "../fixtures/import-files.js";
import { jpegFile, officeFile, pdfFile, pngFile, zipFile } from "../fixtures/evidence-files.js";
import { addItem, COORDINATORS, eventsOf, planUrl, READERS, READ_ONLY, resetPlans, STRANGERS, stored } from "./plan-steps.js";

/** Windows-1251 for ASCII and the Russian alphabet (ё aside): А–я are 0xC0–0xFF. */
const win1251 = (text: string) => Buffer.from([...text].map((ch) => { const c = ch.charCodeAt(0); return c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : c; }));

let t: TestContext;
let itemId: string;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });
beforeEach(async () => {
  await resetPlans(t);
  itemId = (await addItem(t, "mentor", { kind: "open-lesson", title: "Открытый урок наставника" })).id;
});

const evidenceUrl = () => `${planUrl(t)}/items/${itemId}/evidence`;
const upload = (who: PersonKey | null, bytes: Buffer, name: string, claimed = "application/octet-stream") =>
  t.as(who, { method: "POST", url: evidenceUrl(), ...multipart(bytes, name, "file", claimed) });
const json = (who: PersonKey | null, payload: Record<string, unknown>) => t.as(who, { method: "POST", url: evidenceUrl(), payload });

describe("notes and links", () => {
  it("the teacher adds a note and the mentor a link; the plan lists both and the history records each", async () => {
    const note = await json("teacher", { kind: "note", note: "  Провела урок по разбору ошибок ВПР  " });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: "note", note: "Провела урок по разбору ошибок ВПР", createdBy: { id: t.people.teacher.id } });
    const link = await json("mentor", { kind: "link", url: "https://example.org/lesson-video", note: "Запись урока" });
    expect(link.statusCode).toBe(201);
    const item = (await t.as("principal", { method: "GET", url: planUrl(t) })).json().items[0];
    expect(item.evidence.map((e: { kind: string }) => e.kind)).toEqual(["note", "link"]);
    expect(item.evidence[1]).toMatchObject({ url: "https://example.org/lesson-video", note: "Запись урока" });
    const events = await eventsOf(t, itemId);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ["created", t.people.mentor.id], ["evidence-added", t.people.teacher.id], ["evidence-added", t.people.mentor.id],
    ]);
    expect(events[2]!.changes).toMatchObject({ kind: "link", url: "https://example.org/lesson-video", evidenceId: link.json().id });
  });

  it.each([
    ["an empty note", { kind: "note", note: "   " }],
    ["a note without text", { kind: "note" }],
    ["a link without an address", { kind: "link", note: "Видео" }],
    ["a javascript: link", { kind: "link", url: "javascript:alert(document.cookie)" }],
    ["a data: link", { kind: "link", url: "data:text/html,<script>alert(1)</script>" }],
    ["an unknown kind", { kind: "video", url: "https://example.org" }],
    ["a note over 4000 characters", { kind: "note", note: "я".repeat(4001) }],
  ])("%s: 400, nothing written", async (_case, payload) => {
    const res = await json("teacher", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[а-я]/);
    expect(await stored(t)).toMatchObject({ evidence: 0, events: 1 });
  });
});

describe("files, checked by their bytes", () => {
  it.each([
    ["PDF", () => pdfFile(), "конспект.pdf", "application/pdf", "конспект.pdf"],
    ["PNG", () => pngFile(), "фото доски.png", "image/png", "фото доски.png"],
    ["JPEG", async () => jpegFile(), "scan.JPG", "image/jpeg", "scan.JPG"],
    ["DOCX", async () => officeFile("docx"), "анализ урока.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "анализ урока.docx"],
    ["XLSX (a real workbook)", () => xlsxFile([["Класс", "Средний балл"], ["7А", 3.9]]), "результаты.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "результаты.xlsx"],
    ["PPTX", async () => officeFile("pptx"), "презентация.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "презентация.pptx"],
    ["UTF-8 text", async () => Buffer.from("План урока\nЦель: разбор задач\n", "utf8"), "план.txt", "text/plain; charset=utf-8", "план.txt"],
    ["Windows-1251 text", async () => win1251("План урока: разбор задач"), "план.txt", "text/plain; charset=windows-1251", "план.txt"],
    ["a PDF named and declared as a page", () => pdfFile(), "report.html", "application/pdf", "report.html.pdf"],
  ])("%s is kept with the type its bytes show and served as a download", async (_case, make, name, type, keptName) => {
    const bytes = await make();
    const res = await upload("teacher", bytes, name, "text/html");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "file", fileName: keptName, contentType: type, size: bytes.length });
    const file = await t.as("principal", { method: "GET", url: `${evidenceUrl()}/${res.json().id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe(type);
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(file.headers["content-disposition"]).split("''")[1]!)).toBe(keptName);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(Buffer.compare(file.rawPayload, bytes)).toBe(0);
  });

  it.each([
    ["an HTML page, even named .pdf and declared a PDF", Buffer.from("<!doctype html><script>alert(1)</script>"), "отчёт.pdf", "application/pdf"],
    ["an SVG image", Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "схема.svg", "image/svg+xml"],
    ["a program", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]), "setup.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["a ZIP that is no Office document", zipFile([["readme.txt", "hello"]]), "архив.docx", "application/zip"],
    ["a Word document with macros", officeFile("docx", [["word/vbaProject.bin", "macro"]]), "анализ.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["a cut-off archive", officeFile("xlsx").subarray(0, 120), "таблица.xlsx", "application/octet-stream"],
    ["an empty file", Buffer.alloc(0), "пусто.txt", "text/plain"],
  ])("%s: 400, nothing written", async (_case, bytes, name, claimed) => {
    const res = await upload("teacher", bytes, name, claimed);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/[а-я]/);
    expect(await stored(t)).toMatchObject({ evidence: 0, events: 1 });
  });

  it("exactly 5 MB is taken; one byte more is 413 and nothing is written", async () => {
    const limit = 5 * 1024 * 1024;
    expect((await upload("teacher", Buffer.alloc(limit, "а".charCodeAt(0) & 0x7f), "ровно.txt")).statusCode).toBe(201);
    const over = await upload("teacher", Buffer.alloc(limit + 1, 0x61), "много.txt");
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toMatch(/5 МБ/);
    expect(await stored(t)).toMatchObject({ evidence: 1, events: 2 });
  });

  it("a file in another field than «file», or a request without a file: 400", async () => {
    expect((await t.as("teacher", { method: "POST", url: evidenceUrl(), ...multipart(Buffer.from("текст"), "a.txt", "document") })).statusCode).toBe(400);
    expect((await t.as("teacher", { method: "POST", url: evidenceUrl(), payload: "текст", headers: { "content-type": "text/plain" } })).statusCode).toBe(400);
    expect((await stored(t)).evidence).toBe(0);
  });

  it("an item takes at most 20 pieces of evidence (409 beyond)", async () => {
    for (let k = 0; k < 20; k++) expect((await json("teacher", { kind: "note", note: `Заметка ${k}` })).statusCode).toBe(201);
    const res = await json("teacher", { kind: "note", note: "Ещё одна" });
    expect([res.statusCode, res.json().error.code]).toEqual([409, "too_much_evidence"]);
  });
});

describe("who may add, read and remove evidence", () => {
  it.each(READ_ONLY)("%s may not add: 403 for a note and for a file", async (who) => {
    expect((await json(who, { kind: "note", note: "Заметка" })).statusCode).toBe(403);
    expect((await upload(who, await pdfFile(), "a.pdf")).statusCode).toBe(403);
    expect((await stored(t)).evidence).toBe(0);
  });

  it.each([...COORDINATORS, ...STRANGERS, null] as Array<PersonKey | null>)("%s may not add", async (who) => {
    const res = await upload(who, await pdfFile(), "a.pdf");
    expect(res.statusCode).toBe(who === null ? 401 : STRANGERS.includes(who) ? 404 : 403);
    expect((await stored(t)).evidence).toBe(0);
  });

  it("readers download; nobody else can, nor a mentor whose pair has ended", async () => {
    const id = (await upload("teacher", await pdfFile(), "a.pdf")).json().id;
    const note = (await json("teacher", { kind: "note", note: "Заметка" })).json().id;
    for (const who of READERS) {
      expect((await t.as(who, { method: "GET", url: `${evidenceUrl()}/${id}` })).statusCode, who).toBe(200);
      const res = await t.as(who, { method: "GET", url: `${evidenceUrl()}/${note}` });
      expect(res.json()).toMatchObject({ kind: "note", note: "Заметка" });
    }
    for (const who of [...STRANGERS, ...COORDINATORS]) expect((await t.as(who, { method: "GET", url: `${evidenceUrl()}/${id}` })).statusCode, who).toBe(404);
    expect((await t.as(null, { method: "GET", url: `${evidenceUrl()}/${id}` })).statusCode).toBe(401);
    await t.as("methodologist", { method: "DELETE", url: `/api/mentoring/assignments/${t.people.teacher.id}` });
    expect((await t.as("mentor", { method: "GET", url: `${evidenceUrl()}/${id}` })).statusCode).toBe(404);
  });

  it("evidence is found only under its own item", async () => {
    const id = (await json("teacher", { kind: "note", note: "Заметка" })).json().id;
    const other = await addItem(t, "teacher", { kind: "seminar", title: "Другой пункт" });
    expect((await t.as("teacher", { method: "GET", url: `${planUrl(t)}/items/${other.id}/evidence/${id}` })).statusCode).toBe(404);
    expect((await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${other.id}/evidence/${id}` })).statusCode).toBe(404);
  });

  it("only its author removes it, with a history row; readers get 403, strangers 404", async () => {
    const mine = (await json("mentor", { kind: "link", url: "https://example.org/a" })).json().id;
    const url = `${evidenceUrl()}/${mine}`;
    expect((await t.as("teacher", { method: "DELETE", url })).json().error.code).toBe("not_evidence_author");
    for (const who of [...READ_ONLY, ...COORDINATORS]) expect((await t.as(who, { method: "DELETE", url })).statusCode, who).toBe(403);
    for (const who of STRANGERS) expect((await t.as(who, { method: "DELETE", url })).statusCode, who).toBe(404);
    expect((await t.as(null, { method: "DELETE", url })).statusCode).toBe(401);
    expect((await stored(t)).evidence).toBe(1);
    expect((await t.as("mentor", { method: "DELETE", url })).statusCode).toBe(204);
    expect((await stored(t)).evidence).toBe(0);
    expect((await eventsOf(t, itemId)).map((e) => e.action)).toEqual(["created", "evidence-added", "evidence-removed"]);
  });

  it("an item with evidence is no longer deleted, only dropped", async () => {
    const own = await addItem(t, "teacher", { kind: "seminar", title: "Свой" });
    await t.as("teacher", { method: "POST", url: `${planUrl(t)}/items/${own.id}/evidence`, payload: { kind: "note", note: "Был" } });
    expect((await t.as("teacher", { method: "DELETE", url: `${planUrl(t)}/items/${own.id}` })).statusCode).toBe(409);
  });
});
