import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { routingCursors, users, workspaces } from '../../platform/db/schema.ts';
import { teamSubtreeIds } from '../identity/identity.repository.ts';

export async function defaultTeamOf(db: Executor, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ teamId: workspaces.defaultTeamId })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.teamId ?? null;
}

export async function activeRepsUnder(db: Executor, workspaceId: string, teamId: string) {
  const teamIds = await teamSubtreeIds(db, workspaceId, teamId);
  if (teamIds.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        eq(users.role, 'rep'),
        eq(users.active, true),
        sql`${users.teamId} IN ${teamIds}`,
      ),
    );
}

/** Locks the team's rotation row for the rest of the transaction, creating it on first use. */
export async function lockRotation(db: Executor, workspaceId: string, teamId: string, now: Date) {
  await db
    .insert(routingCursors)
    .values({ workspaceId, teamId, lastUserId: null, assignedCount: 0, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(routingCursors)
    .where(and(eq(routingCursors.workspaceId, workspaceId), eq(routingCursors.teamId, teamId)))
    .for('update');
  return row!;
}

export async function advanceRotation(
  db: Executor,
  workspaceId: string,
  teamId: string,
  lastUserId: string,
  now: Date,
): Promise<void> {
  await db
    .update(routingCursors)
    .set({ lastUserId, assignedCount: sql`${routingCursors.assignedCount} + 1`, updatedAt: now })
    .where(and(eq(routingCursors.workspaceId, workspaceId), eq(routingCursors.teamId, teamId)));
}
