import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { channelHooks, channels, hookDeliveries } from '../../platform/db/schema.ts';

export type HookRow = typeof channelHooks.$inferSelect;

export async function findHook(db: Executor, workspaceId: string, channelId: string): Promise<HookRow | null> {
  const [row] = await db
    .select()
    .from(channelHooks)
    .where(and(eq(channelHooks.workspaceId, workspaceId), eq(channelHooks.channelId, channelId)));
  return row ?? null;
}

export interface HookWithChannel {
  hook: HookRow;
  channelName: string;
}

/**
 * The hook a platform posts to, found by its channel id alone: the caller is not signed in, so
 * the workspace is what the hook tells us (as an API key's hash tells it).
 */
export async function findHookForDelivery(db: Executor, channelId: string): Promise<HookWithChannel | null> {
  const [row] = await db
    .select({ hook: channelHooks, channelName: channels.name })
    .from(channelHooks)
    .innerJoin(
      channels,
      and(eq(channels.id, channelHooks.channelId), eq(channels.workspaceId, channelHooks.workspaceId)),
    )
    .where(eq(channelHooks.channelId, channelId));
  return row ?? null;
}

/** Inserts the hook unless one exists; true when this call created it. */
export async function insertHookIfAbsent(db: Executor, row: typeof channelHooks.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(channelHooks)
    .values(row)
    .onConflictDoNothing()
    .returning({ channelId: channelHooks.channelId });
  return inserted.length > 0;
}

export async function updateHook(
  db: Executor,
  workspaceId: string,
  channelId: string,
  patch: Partial<Pick<HookRow, 'preset' | 'mapping' | 'secretHash' | 'secretPrefix' | 'updatedAt'>>,
): Promise<HookRow | null> {
  const [row] = await db
    .update(channelHooks)
    .set(patch)
    .where(and(eq(channelHooks.workspaceId, workspaceId), eq(channelHooks.channelId, channelId)))
    .returning();
  return row ?? null;
}

export async function lockHook(db: Executor, workspaceId: string, channelId: string): Promise<HookRow | null> {
  const [row] = await db
    .select()
    .from(channelHooks)
    .where(and(eq(channelHooks.workspaceId, workspaceId), eq(channelHooks.channelId, channelId)))
    .for('update');
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Deliveries: each platform lead id is claimed before its intake, so two retries arriving at
// once cannot both write it.

export type DeliveryRow = typeof hookDeliveries.$inferSelect;

export interface DeliveryScope {
  workspaceId: string;
  channelId: string;
}

/**
 * Claims the external ids nobody holds: new ones, ones whose last attempt was rejected (the
 * mapping may have been fixed since), and claims older than `staleBefore` (their holder died
 * between claim and intake). Returns the ids claimed. Sorted, so two claimers lock rows in the
 * same order.
 */
export async function claimDeliveries(
  db: Executor,
  scope: DeliveryScope,
  externalIds: string[],
  now: Date,
  staleBefore: Date,
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = [...externalIds].sort().map((externalId) => ({
    ...scope,
    externalId,
    leadId: null,
    status: 'pending',
    receivedAt: now,
  }));
  const claimed = await db
    .insert(hookDeliveries)
    .values(rows)
    .onConflictDoUpdate({
      target: [hookDeliveries.workspaceId, hookDeliveries.channelId, hookDeliveries.externalId],
      set: { status: 'pending', leadId: null, receivedAt: now },
      setWhere: sql`${hookDeliveries.status} = 'rejected' OR (${hookDeliveries.status} = 'pending' AND ${hookDeliveries.receivedAt} < ${staleBefore.toISOString()})`,
    })
    .returning({ externalId: hookDeliveries.externalId });
  return new Set(claimed.map((row) => row.externalId));
}

export async function deliveriesOf(db: Executor, scope: DeliveryScope, externalIds: string[]): Promise<DeliveryRow[]> {
  if (externalIds.length === 0) return [];
  return db
    .select()
    .from(hookDeliveries)
    .where(
      and(
        eq(hookDeliveries.workspaceId, scope.workspaceId),
        eq(hookDeliveries.channelId, scope.channelId),
        inArray(hookDeliveries.externalId, externalIds),
      ),
    );
}

/** Records what intake made of each claimed id, in one statement. */
export async function settleDeliveries(
  db: Executor,
  scope: DeliveryScope,
  settled: { externalId: string; status: string; leadId: string | null }[],
): Promise<void> {
  if (settled.length === 0) return;
  const records = JSON.stringify(
    settled.map(({ externalId, status, leadId }) => ({ external_id: externalId, status, lead_id: leadId })),
  );
  await queryRows(
    db,
    sql`UPDATE ${hookDeliveries} AS d SET status = v.status, lead_id = v.lead_id
        FROM json_to_recordset(${records}::json) AS v(external_id text, status text, lead_id uuid)
        WHERE d.workspace_id = ${scope.workspaceId} AND d.channel_id = ${scope.channelId}
          AND d.external_id = v.external_id AND d.status = 'pending'`,
  );
}

/** Gives up claims whose intake failed, so the platform's retry can take them again at once. */
export async function releaseDeliveries(
  db: Executor,
  scope: DeliveryScope,
  externalIds: string[],
  claimedAt: Date,
): Promise<void> {
  if (externalIds.length === 0) return;
  await db
    .delete(hookDeliveries)
    .where(
      and(
        eq(hookDeliveries.workspaceId, scope.workspaceId),
        eq(hookDeliveries.channelId, scope.channelId),
        inArray(hookDeliveries.externalId, externalIds),
        eq(hookDeliveries.status, 'pending'),
        eq(hookDeliveries.receivedAt, claimedAt),
      ),
    );
}
