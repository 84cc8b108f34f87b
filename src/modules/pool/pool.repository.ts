import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { auditLog, leads, poolMoves, pools, users } from '../../platform/db/schema.ts';
import { DEADLINES_CHANNEL } from '../sla/deadline.repository.ts';
import { poolSettings, type PoolSettings } from './pool.schemas.ts';

export type PoolRow = typeof pools.$inferSelect;
export type PoolMoveRow = typeof poolMoves.$inferInsert;

/** Settings as stored, read through the schema so knobs added later take their defaults. */
export const settingsOf = (row: Pick<PoolRow, 'settings'>): PoolSettings => poolSettings.parse(row.settings);

export async function listPoolRows(db: Executor, workspaceId: string): Promise<PoolRow[]> {
  return db.select().from(pools).where(eq(pools.workspaceId, workspaceId)).orderBy(asc(pools.name), asc(pools.id));
}

export async function findPoolRow(db: Executor, workspaceId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(pools)
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** A team's default pool, else the workspace's (team null). */
export async function findDefaultPool(db: Executor, workspaceId: string, teamId: string | null) {
  const rows = await db
    .select()
    .from(pools)
    .where(
      and(
        eq(pools.workspaceId, workspaceId),
        eq(pools.isDefault, true),
        teamId ? sql`(${pools.teamId} = ${teamId} OR ${pools.teamId} IS NULL)` : isNull(pools.teamId),
      ),
    );
  return rows.find((row) => row.teamId !== null) ?? rows[0] ?? null;
}

/** Another pool already the default of the same team (or of the workspace). */
export async function clearDefault(db: Executor, workspaceId: string, teamId: string | null, exceptId: string) {
  await db
    .update(pools)
    .set({ isDefault: false })
    .where(
      and(
        eq(pools.workspaceId, workspaceId),
        eq(pools.isDefault, true),
        teamId ? eq(pools.teamId, teamId) : isNull(pools.teamId),
        sql`${pools.id} <> ${exceptId}`,
      ),
    );
}

export async function insertPoolRow(db: Executor, row: PoolRow) {
  await db.insert(pools).values(row);
}

export async function updatePoolRow(db: Executor, workspaceId: string, id: string, patch: Partial<PoolRow>) {
  const [row] = await db
    .update(pools)
    .set(patch)
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, id)))
    .returning();
  return row!;
}

export async function deletePoolRow(db: Executor, workspaceId: string, id: string) {
  await db.delete(pools).where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, id)));
}

export async function countPoolLeads(db: Executor, workspaceId: string, poolId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.poolId, poolId), isNull(leads.ownerId)));
  return row?.count ?? 0;
}

export async function listPoolLeads(db: Executor, workspaceId: string, poolId: string, limit: number) {
  return db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.poolId, poolId), isNull(leads.ownerId)))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit);
}

/** The rep's row, locked: a rep's claims queue one behind another, so the day's count and the gap hold. */
export async function lockUser(db: Executor, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, teamId: users.teamId, active: users.active, role: users.role })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .for('update');
  return row ?? null;
}

export async function findUserBrief(db: Executor, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, teamId: users.teamId, active: users.active, role: users.role })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  return row ?? null;
}

/** Leads the rep owns now: open ones and won ones. */
export async function heldBy(db: Executor, workspaceId: string, userId: string) {
  const [row] = await db
    .select({
      open: sql<number>`count(*) FILTER (WHERE ${leads.status} IN ('new', 'contacted', 'qualified'))::int`,
      won: sql<number>`count(*) FILTER (WHERE ${leads.status} = 'won')::int`,
    })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.ownerId, userId)));
  return { open: row?.open ?? 0, won: row?.won ?? 0 };
}

/** The rep's claims since `since`, newest first. */
export async function claimsSince(db: Executor, workspaceId: string, userId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: poolMoves.at })
    .from(poolMoves)
    .where(
      and(
        eq(poolMoves.workspaceId, workspaceId),
        eq(poolMoves.userId, userId),
        eq(poolMoves.kind, 'claim'),
        gte(poolMoves.at, since),
      ),
    )
    .orderBy(desc(poolMoves.at))
    .limit(10_000);
  return rows.map((row) => row.at);
}

/** Who lost the lead to a pool (released it or had it reclaimed), and when. */
export async function formerOwners(db: Executor, workspaceId: string, leadId: string) {
  return db
    .select({ userId: poolMoves.userId, until: poolMoves.at })
    .from(poolMoves)
    .where(
      and(
        eq(poolMoves.workspaceId, workspaceId),
        eq(poolMoves.leadId, leadId),
        inArray(poolMoves.kind, ['release', 'reclaim']),
      ),
    )
    .orderBy(desc(poolMoves.at))
    .limit(100);
}

export async function insertMove(db: Executor, row: PoolMoveRow) {
  await db.insert(poolMoves).values(row);
}

/** The lead's last status change since `since` (audited by PATCH /leads/:id), what "progress" means. */
export async function lastStatusChange(db: Executor, workspaceId: string, leadId: string, since: Date) {
  const [row] = await queryRows<{ at: string | Date | null }>(
    db,
    sql`SELECT max(at) AS at FROM ${auditLog}
        WHERE workspace_id = ${workspaceId} AND entity = 'lead' AND entity_id = ${leadId}
          AND action = 'lead.updated' AND at >= ${since.toISOString()}::timestamptz
          AND (after->>'status') IS NOT NULL AND (before->>'status') IS DISTINCT FROM (after->>'status')`,
  );
  return row?.at ? new Date(row.at) : null;
}

/** The team and every team above it: a pool shown to a region is shown to its branches' reps. */
export async function teamAndAncestors(db: Executor, workspaceId: string, teamId: string | null): Promise<string[]> {
  if (!teamId) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`WITH RECURSIVE up AS (
          SELECT id, parent_id FROM teams WHERE workspace_id = ${workspaceId} AND id = ${teamId}
          UNION
          SELECT t.id, t.parent_id FROM teams t JOIN up ON t.id = up.parent_id WHERE t.workspace_id = ${workspaceId}
        )
        SELECT id FROM up`,
  );
  return rows.map((row) => row.id);
}

/**
 * The pool's settings changed: its pending reclaim steps fall due now, so the deadline worker works
 * each out again under the new knobs (reclaiming, or planning it at its new time), and is woken.
 */
export async function recheckReclaimSteps(db: Executor, workspaceId: string, poolId: string, now: Date) {
  await db.execute(sql`UPDATE lead_deadlines SET due_at = ${now.toISOString()}::timestamptz
    WHERE workspace_id = ${workspaceId} AND policy_id = ${poolId} AND target = 'pool' AND state = 'pending'
      AND due_at > ${now.toISOString()}::timestamptz`);
  await db.execute(sql`SELECT pg_notify(${DEADLINES_CHANNEL}, '')`);
}
