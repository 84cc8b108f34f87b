import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { teams, users } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { teamSubtreeIds } from './identity.repository.ts';
import { leadScopeFor, type LeadScope } from './scope.rules.ts';

/** Teams a manager leads: those naming them manager, else their own team; with every team below. */
export async function managedTeamIds(db: Executor, workspaceId: string, userId: string, ownTeamId: string | null) {
  const led = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.managerId, userId)));
  const roots = led.length > 0 ? led.map((team) => team.id) : ownTeamId ? [ownTeamId] : [];
  const subtrees = await Promise.all(roots.map((root) => teamSubtreeIds(db, workspaceId, root)));
  return [...new Set(subtrees.flat())];
}

export async function leadScopeOf(db: Executor, actor: Actor): Promise<LeadScope> {
  if (actor.kind !== 'user' || actor.role !== 'manager') return leadScopeFor(actor, []);
  const teamIds = await managedTeamIds(db, actor.workspaceId, actor.userId, actor.teamId);
  if (teamIds.length === 0) return leadScopeFor(actor, []);
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, actor.workspaceId), sql`${users.teamId} IN ${teamIds}`));
  return leadScopeFor(
    actor,
    members.map((member) => member.id),
  );
}
