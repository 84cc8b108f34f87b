import type { Actor } from '../../platform/http/actor.ts';

/** Which leads an actor may see: everything in the workspace, or those owned by some users. */
export type LeadScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] };

/**
 * A rep sees their own leads; a manager the leads of everyone in their team subtree (their own
 * included); admins, marketing and full-scope integrations see the whole workspace.
 * Write-only API keys see nothing.
 */
export function leadScopeFor(actor: Actor, subtreeUserIds: readonly string[]): LeadScope {
  if (actor.kind === 'api_key') {
    return actor.scopes.includes('full') ? { kind: 'all' } : { kind: 'owners', ownerIds: [] };
  }
  switch (actor.role) {
    case 'admin':
    case 'marketing':
      return { kind: 'all' };
    case 'manager':
      return { kind: 'owners', ownerIds: [...new Set([actor.userId, ...subtreeUserIds])] };
    case 'rep':
      return { kind: 'owners', ownerIds: [actor.userId] };
  }
}

export function scopeAllows(scope: LeadScope, ownerId: string | null): boolean {
  if (scope.kind === 'all') return true;
  return ownerId !== null && scope.ownerIds.includes(ownerId);
}
