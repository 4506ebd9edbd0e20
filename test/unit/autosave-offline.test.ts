// The browser's side of a bad network: when to try a save again, and which answers are still only in the browser.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AUTOSAVE_BACKOFF, parseRetryAfter, retryDelayMs } from "../../client/src/features/take-test/backoff";
import { clearPending, readPending, stillUnsaved, withPending, writePending } from "../../client/src/features/take-test/pending-answers";
import { unsavedPhrase } from "../../client/src/features/take-test/save-indicator";

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

describe("retry delays of the autosave", () => {
  it("double with each failure up to the cap, drawn between half and all of the ceiling", () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(4, undefined, () => 1)).toBe(8000);
    expect(retryDelayMs(40, undefined, () => 1)).toBe(AUTOSAVE_BACKOFF.capMs);
  });

  it("never come back before the server's Retry-After", () => {
    expect(retryDelayMs(1, 10, () => 0)).toBe(10_000);
    expect(retryDelayMs(1, 10, () => 1)).toBe(15_000);
  });

  it("hold for any failure count, Retry-After and draw (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (failures, retryAfter, draw) => {
      const delay = retryDelayMs(failures, retryAfter, () => draw);
      const ceiling = Math.min(AUTOSAVE_BACKOFF.capMs, AUTOSAVE_BACKOFF.baseMs * 2 ** (failures - 1));
      expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
      if (retryAfter !== undefined) expect(delay).toBeGreaterThanOrEqual(Math.min(retryAfter * 1000, AUTOSAVE_BACKOFF.capMs * 5));
      expect(delay).toBeLessThanOrEqual(Math.max(ceiling, 1.5 * Math.min((retryAfter ?? 0) * 1000, AUTOSAVE_BACKOFF.capMs * 5)) + 1);
    }));
  });

  it("spread thousands of browsers refused at once over the window instead of one moment", () => {
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(1, 2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(800);
  });

  it("read Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("answers kept in the browser", () => {
  it("are kept per attempt and forgotten once nothing is unsaved", () => {
    const store = new MemoryStorage();
    writePending("a1", { data: { q1: "x" }, currentPage: 2, unsaved: ["q1"] }, store);
    writePending("a2", { data: { q1: "y" }, currentPage: 0, unsaved: ["q1"] }, store);
    expect(readPending("a1", store)).toMatchObject({ data: { q1: "x" }, currentPage: 2, unsaved: ["q1"] });
    writePending("a1", { data: { q1: "x" }, currentPage: 2, unsaved: [] }, store);
    expect(readPending("a1", store)).toBeNull();
    expect(readPending("a2", store)?.data).toEqual({ q1: "y" });
    clearPending("a2", store);
    expect(store.length).toBe(0);
  });

  it("survive garbage in storage as nothing kept", () => {
    const store = new MemoryStorage();
    store.setItem("orientir.pending.a1", "{not json");
    expect(readPending("a1", store)).toBeNull();
    store.setItem("orientir.pending.a1", JSON.stringify({ data: 3 }));
    expect(readPending("a1", store)).toBeNull();
  });

  it("lie over the server's answers only where unsaved, cleared answers included", () => {
    const server = { q1: "a", q2: "b", q3: "c" };
    const pending = { data: { q1: "changed", q2: "stale", q4: "new" }, currentPage: 1, unsaved: ["q1", "q3", "q4"], updatedAt: "" };
    expect(withPending(server, pending)).toEqual({ q1: "changed", q2: "b", q4: "new" });
    expect(withPending(server, null)).toBe(server);
  });

  it("stay unsaved after an acknowledged save only where changed since it was sent", () => {
    expect(stillUnsaved(["q1", "q2", "q3"], { q1: 1, q2: [1, 2] }, { q1: 1, q2: [1, 3], q3: "late" })).toEqual(["q2", "q3"]);
  });

  it("are all saved when the acknowledged answers are the answers now (property)", () => {
    const answers = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())));
    fc.assert(fc.property(answers, fc.array(fc.string({ minLength: 1, maxLength: 6 })), (data, names) => {
      expect(stillUnsaved([...Object.keys(data), ...names], data, structuredClone(data))).toEqual([]);
    }));
  });

  it("are counted in Russian with the right forms", () => {
    expect(unsavedPhrase(1)).toBe("1 ответ ещё не сохранён на сервере");
    expect(unsavedPhrase(3)).toBe("3 ответа ещё не сохранены на сервере");
    expect(unsavedPhrase(5)).toBe("5 ответов ещё не сохранены на сервере");
    expect(unsavedPhrase(21)).toBe("21 ответ ещё не сохранён на сервере");
    expect(unsavedPhrase(11)).toBe("11 ответов ещё не сохранены на сервере");
  });
});
