import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/http/actor.ts';
import { leadScopeFor, scopeAllows } from './scope.rules.ts';

const user = (role: 'admin' | 'manager' | 'rep' | 'marketing'): Actor => ({
  kind: 'user',
  workspaceId: 'w',
  userId: 'me',
  role,
  teamId: 't',
  viaCookie: false,
});
const key = (scopes: ('leads:write' | 'full')[]): Actor => ({
  kind: 'api_key',
  workspaceId: 'w',
  keyId: 'k',
  scopes,
  channel: null,
  channelId: null,
});

describe('leadScopeFor', () => {
  it.each([
    ['admin', user('admin'), { kind: 'all' }],
    ['marketing', user('marketing'), { kind: 'all' }],
    ['rep', user('rep'), { kind: 'owners', ownerIds: ['me'] }],
    ['manager', user('manager'), { kind: 'owners', ownerIds: ['me', 'r1', 'r2'] }],
    ['full key', key(['full']), { kind: 'all' }],
    ['intake key', key(['leads:write']), { kind: 'owners', ownerIds: [] }],
  ])('should give %s its scope', (_label, actor, expected) => {
    expect(leadScopeFor(actor, ['r1', 'r2', 'me'])).toEqual(expected);
  });
});

describe('scopeAllows', () => {
  it('should never admit an unowned lead to an owner-limited scope', () => {
    expect(scopeAllows({ kind: 'owners', ownerIds: ['a'] }, null)).toBe(false);
    expect(scopeAllows({ kind: 'owners', ownerIds: ['a'] }, 'a')).toBe(true);
    expect(scopeAllows({ kind: 'all' }, null)).toBe(true);
  });
});
