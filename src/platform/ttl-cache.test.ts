import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.ts';
import { createTtlCache } from './ttl-cache.ts';

describe('createTtlCache', () => {
  it('should forget an entry once its time is up', () => {
    const clock = fixedClock(new Date('2026-11-23T00:00:00Z'));
    const cache = createTtlCache<string>(clock, 1_000);
    cache.set('a', 'x');
    clock.advance(999);
    expect(cache.get('a')).toBe('x');
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('should evict the oldest entry when full and forget everything on clear', () => {
    const cache = createTtlCache<number>(fixedClock(new Date(0)), 1_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });
});
