// The hot path's memory: a bounded LRU with expiry, and session tokens verified once until they expire.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UserPrincipal } from "../../server/modules/auth/principal.js";
import { createTokenService } from "../../server/modules/auth/tokens.js";
import { LruCache } from "../../server/shared/lru-cache.js";

describe("LruCache", () => {
  it("forgets the least recently used entry first, not the oldest written", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("forgets an entry at its expiry, and does not keep one already expired", () => {
    let now = 1000;
    const cache = new LruCache<string, string>(10, () => now);
    cache.set("token", "principal", 2000);
    cache.set("stale", "principal", 1000);
    expect(cache.get("stale")).toBeUndefined();
    now = 1999;
    expect(cache.get("token")).toBe("principal");
    now = 2000;
    expect(cache.get("token")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("refuses a size below one", () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });

  type Op = { kind: "set"; key: number; value: number; ttl: number } | { kind: "get"; key: number } | { kind: "tick"; ms: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant("set" as const), key: fc.integer({ min: 0, max: 9 }), value: fc.integer(), ttl: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ kind: fc.constant("get" as const), key: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 20 }) }),
  );

  it("behaves like a list kept in order of use, cut to its size, with expired entries gone", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { maxLength: 200 }), (max, ops) => {
      let now = 0;
      const cache = new LruCache<number, number>(max, () => now);
      // The model: most recently used last.
      let model: Array<{ key: number; value: number; expiresAt: number }> = [];
      for (const op of ops) {
        if (op.kind === "tick") { now += op.ms; continue; }
        if (op.kind === "set") {
          model = model.filter((e) => e.key !== op.key);
          model.push({ key: op.key, value: op.value, expiresAt: now + op.ttl });
          if (model.length > max) model.shift();
          cache.set(op.key, op.value, now + op.ttl);
          continue;
        }
        const found = model.find((e) => e.key === op.key);
        model = model.filter((e) => e.key !== op.key);
        const live = found && found.expiresAt > now ? found : undefined;
        if (live) model.push(live);
        expect(cache.get(op.key)).toBe(live?.value);
      }
      expect(cache.size).toBeLessThanOrEqual(max);
    }), { numRuns: 300 });
  });
});

describe("session tokens, verified once", () => {
  const SECRET = "a-test-secret-of-at-least-32-characters!";
  const T0 = Date.parse("2026-11-23T09:00:00Z");
  const user: UserPrincipal = { kind: "user", id: "5b0c5e8a-6a43-4b7e-9d2a-0f1b2c3d4e5f", roles: ["teacher"], regionId: "r1", municipalityId: "m1", schoolId: "s1" };

  it("give the same principal object for the same token until it expires, then nothing", async () => {
    let now = T0;
    const tokens = createTokenService(SECRET, 30, () => now);
    const { token } = await tokens.issue(user);
    const first = await tokens.verify(token);
    expect(first).toEqual(user);
    // Remembered, not verified again: the very same object.
    expect(await tokens.verify(token)).toBe(first);
    now = T0 + 30 * 60_000 - 1;
    expect(await tokens.verify(token)).toBe(first);
    now = T0 + 30 * 60_000;
    expect(await tokens.verify(token)).toBeNull();
  });

  it("give a frozen principal: no request can change it for the next", async () => {
    const tokens = createTokenService(SECRET, 30, () => T0);
    const principal = (await tokens.verify((await tokens.issue(user)).token)) as UserPrincipal;
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.roles)).toBe(true);
  });

  it("refuse any other byte string, even next to a remembered token", async () => {
    const tokens = createTokenService(SECRET, 30, () => T0);
    const { token } = await tokens.issue(user);
    expect(await tokens.verify(token)).toEqual(user);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(..."ABCxyz019-_"), async (at, c) => {
      const changed = token.slice(0, at) + c + token.slice(at + 1);
      fc.pre(changed !== token);
      const principal = await tokens.verify(changed);
      // The signature's last base64url character carries two unused bits: a change of those alone decodes to the same signature.
      if (principal) {
        expect(at).toBe(token.length - 1);
        expect(principal).toEqual(user);
      }
    }), { numRuns: 150 });
    await expect(tokens.verify(`${token}x`)).resolves.toBeNull();
  });

  it("are remembered up to the bound, the least recently used forgotten first", async () => {
    const tokens = createTokenService(SECRET, 30, () => T0, 3);
    const issued = await Promise.all([1, 2, 3, 4].map((n) => tokens.issue({ ...user, id: `u-${n}` })));
    // One after another: verifications in parallel would be remembered in the order WebCrypto's threads finish them.
    const verified = [];
    for (const i of issued) verified.push(await tokens.verify(i.token));
    const [a, b, c, d] = verified;
    // The first was pushed out by the fourth: verified anew, a new object equal to the old.
    const again = await tokens.verify(issued[0]!.token);
    expect(again).toEqual(a);
    expect(again).not.toBe(a);
    // …which pushed out the second; the third and fourth are still remembered.
    expect(await tokens.verify(issued[3]!.token)).toBe(d);
    expect(await tokens.verify(issued[2]!.token)).toBe(c);
    expect(await tokens.verify(issued[1]!.token)).not.toBe(b);
  });
});
