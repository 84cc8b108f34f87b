import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { routingCursors, teams, users, workspaces } from '../../platform/db/schema.ts';

export interface RoutingCandidates {
  teamId: string;
  reps: { id: string; name: string; teamId: string }[];
}

/** The default team and the active reps in it and below it, in one round trip. */
export async function defaultTeamCandidates(db: Executor, workspaceId: string): Promise<RoutingCandidates | null> {
  const rows = await queryRows<{
    default_team_id: string | null;
    id: string | null;
    name: string | null;
    team_id: string | null;
  }>(
    db,
    sql`
    WITH RECURSIVE root AS (
      SELECT ${workspaces.defaultTeamId} AS team_id FROM ${workspaces} WHERE ${workspaces.id} = ${workspaceId}
    ), subtree AS (
      SELECT ${teams.id} AS id FROM ${teams} WHERE ${teams.workspaceId} = ${workspaceId} AND ${teams.id} = (SELECT team_id FROM root)
      UNION
      SELECT t.id FROM ${teams} t JOIN subtree s ON t.parent_id = s.id WHERE t.workspace_id = ${workspaceId}
    )
    SELECT root.team_id AS default_team_id, u.id, u.name, u.team_id
    FROM root
    LEFT JOIN ${users} u ON u.workspace_id = ${workspaceId} AND u.role = 'rep' AND u.active
      AND u.team_id IN (SELECT id FROM subtree)`,
  );
  const teamId = rows[0]?.default_team_id;
  if (!teamId) return null;
  return {
    teamId,
    reps: rows.filter((row) => row.id !== null).map((row) => ({ id: row.id!, name: row.name!, teamId: row.team_id! })),
  };
}

/** Locks the team's rotation row for the rest of the transaction, creating it on first use. */
export async function lockRotation(db: Executor, workspaceId: string, teamId: string, now: Date) {
  const select = () =>
    db
      .select()
      .from(routingCursors)
      .where(and(eq(routingCursors.workspaceId, workspaceId), eq(routingCursors.teamId, teamId)))
      .for('update');
  const [row] = await select();
  if (row) return row;
  await db
    .insert(routingCursors)
    .values({ workspaceId, teamId, lastUserId: null, assignedCount: 0, updatedAt: now })
    .onConflictDoNothing();
  const [created] = await select();
  return created!;
}

/** The statement that records the rotation's new position; the caller runs it with its writes. */
export function advanceRotation(
  db: Executor,
  workspaceId: string,
  teamId: string,
  lastUserId: string,
  now: Date,
  dealt: number,
) {
  return db
    .update(routingCursors)
    .set({ lastUserId, assignedCount: sql`${routingCursors.assignedCount} + ${dealt}`, updatedAt: now })
    .where(and(eq(routingCursors.workspaceId, workspaceId), eq(routingCursors.teamId, teamId)));
}
