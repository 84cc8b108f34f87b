import type { Clock } from './clock.ts';

/**
 * A small in-process cache whose entries expire after `ttlMs`. Credentials are looked up on
 * every request; with the embedded database each lookup waits its turn behind every other query,
 * so they are kept here briefly. Changes clear it at once (locally, and on every instance through
 * a NOTIFY); the expiry bounds how long a missed notification could matter.
 */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  clear(): void;
  /** Bumped by every clear: a value read from the database before a clear must not be stored after it. */
  generation(): number;
}

export function createTtlCache<V>(clock: Clock, ttlMs: number, maxEntries = 10_000): TtlCache<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  let generation = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock.now().getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, expiresAt: clock.now().getTime() + ttlMs });
    },
    clear: () => {
      generation++;
      entries.clear();
    },
    generation: () => generation,
  };
}
