import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installAccessControl } from './access.ts';
import { isAdmitted, type Actor } from './actor.ts';

const noAuth = { bySessionToken: async () => null, byApiKey: async () => null };

describe('installAccessControl', () => {
  it('should refuse to start when an API route does not declare its access', async () => {
    const app = Fastify();
    installAccessControl(app, noAuth);
    expect(() => app.get('/api/v1/forgotten', async () => ({}))).toThrow(/does not declare config.access/);
  });

  it('should let non-API routes (the web UI) go without a declaration', async () => {
    const app = Fastify();
    installAccessControl(app, noAuth);
    expect(() => app.get('/assets/x.js', async () => '')).not.toThrow();
  });
});

describe('isAdmitted', () => {
  const rep: Actor = { kind: 'user', workspaceId: 'w', userId: 'u', role: 'rep', teamId: null, viaCookie: false };
  const intakeKey: Actor = {
    kind: 'api_key',
    workspaceId: 'w',
    keyId: 'k',
    scopes: ['leads:write'],
    channel: null,
    channelId: null,
  };
  const fullKey: Actor = { ...intakeKey, scopes: ['full'] };

  it.each([
    ['a rep on a rep route', rep, { roles: ['rep'] as const }, true],
    ['a rep on an admin route', rep, { roles: ['admin'] as const }, false],
    [
      'an intake key on an intake route',
      intakeKey,
      { roles: ['admin'] as const, apiKey: 'leads:write' as const },
      true,
    ],
    ['an intake key on a full route', intakeKey, { roles: ['admin'] as const, apiKey: 'full' as const }, false],
    ['a full key on an intake route', fullKey, { roles: ['admin'] as const, apiKey: 'leads:write' as const }, true],
    ['any key on a users-only route', fullKey, { roles: ['admin'] as const }, false],
  ])('should decide %s', (_label, actor, access, expected) => {
    expect(isAdmitted(actor, access)).toBe(expected);
  });
});
