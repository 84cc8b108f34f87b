import { and, desc, eq, inArray, isNull, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import {
  notificationChannels,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  teams,
} from '../../platform/db/schema.ts';
import type { ChannelRow, DeliveryRow } from './delivery.repository.ts';

export type NotificationRow = typeof notifications.$inferSelect;
interface Cursor {
  createdAt: Date;
  id: string;
}

const before = (createdAt: typeof notifications.createdAt, id: typeof notifications.id, cursor: Cursor | null) =>
  cursor ? or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id))) : undefined;

export async function listNotificationRows(
  db: Executor,
  workspaceId: string,
  userId: string,
  unread: boolean | undefined,
  cursor: Cursor | null,
  limit: number,
): Promise<NotificationRow[]> {
  const readFilter: SQL | undefined =
    unread === undefined ? undefined : unread ? isNull(notifications.readAt) : isNotNull(notifications.readAt);
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        readFilter,
        before(notifications.createdAt, notifications.id, cursor),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
}

export async function countUnread(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)),
    );
  return row?.count ?? 0;
}

export async function markRead(
  db: Executor,
  workspaceId: string,
  userId: string,
  ids: readonly string[] | 'all',
  now: Date,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function listChannelRows(db: Executor, workspaceId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.workspaceId, workspaceId))
    .orderBy(notificationChannels.createdAt, notificationChannels.id);
}

export async function findChannelRow(db: Executor, workspaceId: string, id: string): Promise<ChannelRow | null> {
  const [row] = await db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)));
  return row ?? null;
}

export async function insertChannelRow(
  db: Executor,
  row: typeof notificationChannels.$inferInsert,
): Promise<ChannelRow> {
  const [inserted] = await db.insert(notificationChannels).values(row).returning();
  return inserted!;
}

export async function updateChannelRow(
  db: Executor,
  workspaceId: string,
  id: string,
  set: Partial<typeof notificationChannels.$inferInsert>,
): Promise<ChannelRow | null> {
  const [row] = await db
    .update(notificationChannels)
    .set(set)
    .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteChannelRow(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(notificationChannels)
    .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)))
    .returning({ id: notificationChannels.id });
  return rows.length > 0;
}

export async function insertDeliveryRow(
  db: Executor,
  row: typeof notificationDeliveries.$inferInsert,
): Promise<DeliveryRow> {
  const [inserted] = await db.insert(notificationDeliveries).values(row).returning();
  return inserted!;
}

export async function listDeliveryRows(
  db: Executor,
  workspaceId: string,
  filter: { channelId?: string; status?: DeliveryRow['status'] },
  cursor: Cursor | null,
  limit: number,
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.workspaceId, workspaceId),
        filter.channelId ? eq(notificationDeliveries.channelId, filter.channelId) : undefined,
        filter.status ? eq(notificationDeliveries.status, filter.status) : undefined,
        cursor
          ? or(
              lt(notificationDeliveries.createdAt, cursor.createdAt),
              and(eq(notificationDeliveries.createdAt, cursor.createdAt), lt(notificationDeliveries.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(limit + 1);
}

type Owner = { userId: string } | { teamId: string };

export async function findPreferences(db: Executor, workspaceId: string, owner: Owner): Promise<unknown> {
  const [row] = await db
    .select({ preferences: notificationPreferences.preferences })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        'userId' in owner
          ? eq(notificationPreferences.userId, owner.userId)
          : eq(notificationPreferences.teamId, owner.teamId),
      ),
    );
  return row?.preferences ?? null;
}

export async function savePreferences(
  db: Executor,
  workspaceId: string,
  owner: Owner,
  preferences: unknown,
  id: string,
  now: Date,
): Promise<void> {
  const updated = await db
    .update(notificationPreferences)
    .set({ preferences, updatedAt: now })
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        'userId' in owner
          ? eq(notificationPreferences.userId, owner.userId)
          : eq(notificationPreferences.teamId, owner.teamId),
      ),
    )
    .returning({ id: notificationPreferences.id });
  if (updated.length > 0) return;
  await db
    .insert(notificationPreferences)
    .values({
      id,
      workspaceId,
      userId: 'userId' in owner ? owner.userId : null,
      teamId: 'teamId' in owner ? owner.teamId : null,
      preferences,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

export async function teamExists(db: Executor, workspaceId: string, teamId: string): Promise<boolean> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)));
  return rows.length > 0;
}
