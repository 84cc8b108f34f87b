import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { sessions, teams, users } from '../../platform/db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function findSessionUser(db: Executor, tokenHash: string, now: Date): Promise<UserRow | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.workspaceId, sessions.workspaceId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return row?.user ?? null;
}

export async function findUser(db: Executor, workspaceId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

/** The team and every team below it. */
export async function teamSubtreeIds(db: Executor, workspaceId: string, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    WITH RECURSIVE subtree AS (
      SELECT id FROM ${teams} WHERE workspace_id = ${workspaceId} AND id = ${teamId}
      UNION
      SELECT t.id FROM ${teams} t JOIN subtree s ON t.parent_id = s.id WHERE t.workspace_id = ${workspaceId}
    )
    SELECT id FROM subtree`,
  );
  return rows.map((row) => row.id);
}

export async function listUsers(
  db: Executor,
  workspaceId: string,
  filter: { teamIds?: string[]; userId?: string },
): Promise<UserRow[]> {
  const conditions = [eq(users.workspaceId, workspaceId)];
  if (filter.userId) conditions.push(eq(users.id, filter.userId));
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    conditions.push(sql`${users.teamId} IN ${filter.teamIds}`);
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(users.name);
}

export async function listTeams(db: Executor, workspaceId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      kind: teams.kind,
      parentId: teams.parentId,
      managerId: teams.managerId,
      routingStrategy: teams.routingStrategy,
      allowOffHours: teams.allowOffHours,
      defaultCapacity: teams.defaultCapacity,
      bestFit: teams.bestFit,
      businessCalendarId: teams.businessCalendarId,
    })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
}
