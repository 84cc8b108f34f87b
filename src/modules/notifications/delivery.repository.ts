import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import {
  notificationChannels,
  notificationDeliveries,
  notificationPreferences,
  users,
} from '../../platform/db/schema.ts';

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type ChannelRow = typeof notificationChannels.$inferSelect;

interface RawDelivery {
  id: string;
  workspace_id: string;
  channel_id: string | null;
  recipient: string | null;
  user_id: string | null;
  event: string;
  payload: { data?: Record<string, unknown>; occurredAt?: string };
  attempts: number;
  created_at: string | Date;
}

export interface ClaimedDelivery {
  id: string;
  workspaceId: string;
  /** Null for a personal e-mail to `recipient`. */
  channelId: string | null;
  recipient: string | null;
  userId: string | null;
  event: string;
  data: Record<string, unknown>;
  occurredAt: string;
  /** This attempt's number (1-based). */
  attempt: number;
}

/**
 * Due deliveries, leased to this worker: SKIP LOCKED passes over rows another worker is claiming,
 * and moving next_attempt_at a lease ahead hides them from every other worker while this one
 * sends outside any transaction (a network call must not hold the embedded database's only
 * connection). A worker that dies mid-send leaves the row to come back when the lease ends.
 */
export async function claimDueDeliveries(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const leaseEnd = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await queryRows<RawDelivery>(
    db,
    sql`UPDATE notification_deliveries d
        SET attempts = d.attempts + 1, next_attempt_at = ${leaseEnd}::timestamptz, updated_at = ${at}::timestamptz
      WHERE d.id IN (
        SELECT id FROM notification_deliveries
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${at}::timestamptz
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.workspace_id, d.channel_id, d.recipient, d.user_id, d.event, d.payload, d.attempts, d.created_at`,
  );
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    recipient: row.recipient,
    userId: row.user_id,
    event: row.event,
    data: row.payload.data ?? {},
    occurredAt: row.payload.occurredAt ?? new Date(row.created_at).toISOString(),
    attempt: row.attempts,
  }));
}

/** The channels the claimed deliveries go to, each looked up within its delivery's workspace. */
export async function channelsOf(
  db: Executor,
  deliveries: readonly Pick<ClaimedDelivery, 'workspaceId' | 'channelId'>[],
): Promise<Map<string, ChannelRow>> {
  const byWorkspace = new Map<string, Set<string>>();
  for (const delivery of deliveries) {
    if (delivery.channelId === null) continue;
    byWorkspace.set(delivery.workspaceId, (byWorkspace.get(delivery.workspaceId) ?? new Set()).add(delivery.channelId));
  }
  const result = new Map<string, ChannelRow>();
  for (const [workspaceId, ids] of byWorkspace) {
    const rows = await db
      .select()
      .from(notificationChannels)
      .where(and(eq(notificationChannels.workspaceId, workspaceId), inArray(notificationChannels.id, [...ids])));
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}

/** Each user's own preferences and their team's (either may be missing). */
export async function preferencesOfUsers(
  db: Executor,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, { user: unknown; team: unknown }>> {
  const result = new Map<string, { user: unknown; team: unknown }>();
  if (userIds.length === 0) return result;
  const people = await db
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...new Set(userIds)])));
  const teamIds = people.map((person) => person.teamId).filter((id): id is string => id !== null);
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        or(
          inArray(notificationPreferences.userId, [...new Set(userIds)]),
          teamIds.length > 0 ? inArray(notificationPreferences.teamId, teamIds) : sql`false`,
        ),
      ),
    );
  for (const person of people) {
    result.set(person.id, {
      user: rows.find((row) => row.userId === person.id)?.preferences ?? null,
      team: person.teamId ? (rows.find((row) => row.teamId === person.teamId)?.preferences ?? null) : null,
    });
  }
  return result;
}

export interface AttemptOutcome {
  status: 'sent' | 'failed' | 'dead' | 'pending';
  nextAttemptAt: Date;
  lastError: string | null;
  responseCode: number | null;
  /** Held by quiet hours: the attempt did not happen, so it is not counted. */
  uncount?: boolean;
}

export async function recordOutcome(db: Executor, id: string, outcome: AttemptOutcome, now: Date): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: outcome.status,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: outcome.lastError,
      responseCode: outcome.responseCode,
      updatedAt: now,
      ...(outcome.uncount ? { attempts: sql`${notificationDeliveries.attempts} - 1` } : {}),
    })
    .where(eq(notificationDeliveries.id, id));
}

/** When the earliest delivery still to try falls due (the worker sleeps until then). */
export async function nextDeliveryDueAt(db: Executor): Promise<Date | null> {
  const [row] = await queryRows<{ due: string | Date | null }>(
    db,
    sql`SELECT min(next_attempt_at) AS due FROM notification_deliveries WHERE status IN ('pending', 'failed')`,
  );
  return row?.due ? new Date(row.due) : null;
}
