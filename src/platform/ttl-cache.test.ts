import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.ts';
import { cachedAuthenticator } from './http/access.ts';
import type { Actor } from './http/actor.ts';
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

  it('should load an entry once for callers that miss together, and keep it', async () => {
    const cache = createTtlCache<string>(fixedClock(new Date(0)), 1_000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setImmediate(resolve));
      return `value ${loads}`;
    };
    const answers = await Promise.all([cache.load('a', load), cache.load('a', load), cache.load('a', load)]);
    expect(answers).toEqual(['value 1', 'value 1', 'value 1']);
    expect(await cache.load('a', load)).toBe('value 1');
    expect(loads).toBe(1);
  });

  it('should not let a caller arriving after a clear share a load begun before it', async () => {
    const cache = createTtlCache<string>(fixedClock(new Date(0)), 1_000);
    let loads = 0;
    const load = async () => {
      loads++;
      const answer = `value ${loads}`;
      await new Promise((resolve) => setImmediate(resolve));
      return answer;
    };
    const before = cache.load('a', load);
    cache.clear();
    const after = cache.load('a', load);
    expect([await before, await after]).toEqual(['value 1', 'value 2']);
    expect(cache.get('a')).toBe('value 2');
  });

  it('should not keep a null answer', async () => {
    const cache = createTtlCache<string>(fixedClock(new Date(0)), 1_000);
    expect(await cache.load('a', async () => null)).toBeNull();
    expect(await cache.load('a', async () => 'found')).toBe('found');
  });
});

describe('cachedAuthenticator', () => {
  it('should not keep a credential that was revoked while it was being looked up', async () => {
    const cache = createTtlCache<Actor>(fixedClock(new Date(0)), 30_000);
    const actor = {
      kind: 'api_key',
      workspaceId: 'w',
      keyId: 'k',
      scopes: ['leads:write'],
      channel: null,
      channelId: null,
    } as const;
    let valid = true;
    const authenticator = cachedAuthenticator(cache, {
      bySessionToken: async () => null,
      byApiKey: async () => {
        const answer = valid ? { ...actor, scopes: [...actor.scopes] } : null;
        cache.clear(); // the revocation commits while this lookup is in flight
        valid = false;
        return answer;
      },
    });
    expect(await authenticator.byApiKey('clew_x')).not.toBeNull();
    expect(await authenticator.byApiKey('clew_x')).toBeNull();
  });
});
