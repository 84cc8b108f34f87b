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
  /**
   * The entry, or what `load` finds (kept unless null, or unless a clear came while it was loading).
   * Callers that miss together share one load: when an entry expires under load, hundreds of
   * requests would otherwise each query the database for it, and on the embedded database each
   * waits behind the others (a 2–3 s stall at 500 intakes/s every time the entry expired).
   */
  load(key: string, load: () => Promise<V | null>): Promise<V | null>;
}

export function createTtlCache<V>(clock: Clock, ttlMs: number, maxEntries = 10_000): TtlCache<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  // Keyed by generation too: a caller that arrives after a clear never joins a load begun before it.
  const loading = new Map<string, Promise<V | null>>();
  let generation = 0;
  const cache: TtlCache<V> = {
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
    load(key, load) {
      const hit = cache.get(key);
      if (hit !== undefined) return Promise.resolve(hit);
      const started = generation;
      const flight = `${started}\u0000${key}`;
      const pending = loading.get(flight);
      if (pending) return pending;
      const loaded = load()
        .then((value) => {
          if (value !== null && generation === started) cache.set(key, value);
          return value;
        })
        .finally(() => loading.delete(flight));
      loading.set(flight, loaded);
      return loaded;
    },
  };
  return cache;
}
