// A bounded map that forgets the least recently used entry first, and each entry at its own expiry. Pure.

/**
 * Hot-path caches (verified tokens, facts of an attempt that never change) must not grow with the
 * number of people who ever called: past `max` entries, the one used longest ago goes. A Map keeps
 * insertion order, so re-inserting on use keeps the oldest first.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(readonly max: number, private readonly now: () => number = Date.now) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("an LRU cache holds at least one entry");
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, unless absent or expired (an expired entry is dropped). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` until `expiresAt` (epoch ms; forever by default), evicting the least recently used past `max`. */
  set(key: K, value: V, expiresAt = Number.POSITIVE_INFINITY): void {
    this.entries.delete(key);
    if (expiresAt <= this.now()) return;
    this.entries.set(key, { value, expiresAt });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
