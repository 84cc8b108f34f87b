import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { decodeCursor, encodeCursor } from '../leads/lead.rules.ts';
import type { ChannelRow, DeliveryRow } from './delivery.repository.ts';
import { outcomeOf, sendDelivery } from './delivery.worker.ts';
import type {
  ChannelBody,
  ChannelPatch,
  ChannelView,
  DeliveryView,
  ListDeliveriesQuery,
  ListNotificationsQuery,
  MarkReadBody,
  NotificationView,
} from './notification-api.schemas.ts';
import {
  countUnread,
  deleteChannelRow,
  findChannelRow,
  findPreferences,
  insertChannelRow,
  insertDeliveryRow,
  listChannelRows,
  listDeliveryRows,
  listNotificationRows,
  markRead,
  savePreferences,
  teamExists,
  updateChannelRow,
  type NotificationRow,
} from './notification.repository.ts';
import type { NotificationSender } from './notification-sender.service.ts';
import {
  channelConfig,
  notificationPreferences,
  userPreferences,
  type NotificationPreferences,
  type UserPreferences,
} from './notification.schemas.ts';
import { effectivePreferences } from './preferences.rules.ts';

export interface NotificationDeps {
  db: Db;
  clock: Clock;
  notificationSender: NotificationSender;
  config: { CLEW_PUBLIC_URL?: string };
}

function userOf(actor: Actor) {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Notifications belong to people, not API keys');
  return actor;
}

function cursorOf(text: string | undefined) {
  if (!text) return null;
  const cursor = decodeCursor(text);
  if (!cursor) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', 'cursor');
  return cursor;
}

function page<R extends { createdAt: Date; id: string }, V>(rows: R[], limit: number, view: (row: R) => V) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

const notificationView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  type: row.type,
  data: row.data as Record<string, unknown>,
  leadId: row.leadId,
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function listNotifications(deps: NotificationDeps, actor: Actor, query: ListNotificationsQuery) {
  const user = userOf(actor);
  const rows = await listNotificationRows(
    deps.db,
    user.workspaceId,
    user.userId,
    query.unread,
    cursorOf(query.cursor),
    query.limit,
  );
  return page(rows, query.limit, notificationView);
}

export async function unreadCount(deps: NotificationDeps, actor: Actor) {
  const user = userOf(actor);
  return { unread: await countUnread(deps.db, user.workspaceId, user.userId) };
}

export async function markNotificationsRead(deps: NotificationDeps, actor: Actor, body: MarkReadBody) {
  const user = userOf(actor);
  const marked = await markRead(
    deps.db,
    user.workspaceId,
    user.userId,
    'all' in body ? 'all' : body.ids,
    deps.clock.now(),
  );
  return { marked, unread: await countUnread(deps.db, user.workspaceId, user.userId) };
}

// ---- channels ----

const masked = (secret: unknown) =>
  typeof secret === 'string' ? `••••${secret.length > 8 ? secret.slice(-4) : ''}` : secret;

function channelView(row: ChannelRow): ChannelView {
  const config = { ...(row.config as Record<string, unknown>) };
  if ('secret' in config) config.secret = masked(config.secret);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    config,
    events: row.events,
    teamId: row.teamId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function checkTeam(deps: NotificationDeps, workspaceId: string, teamId: string | null | undefined) {
  if (teamId && !(await teamExists(deps.db, workspaceId, teamId)))
    throw new AppError('VALIDATION_FAILED', 'No such team', 'teamId');
}

export async function listChannels(deps: NotificationDeps, actor: Actor) {
  return { items: (await listChannelRows(deps.db, actor.workspaceId)).map(channelView) };
}

export async function getChannel(deps: NotificationDeps, actor: Actor, id: string) {
  const row = await findChannelRow(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Notification channel');
  return channelView(row);
}

export async function createChannel(deps: NotificationDeps, actor: Actor, body: ChannelBody) {
  await checkTeam(deps, actor.workspaceId, body.teamId);
  const now = deps.clock.now();
  const row = await insertChannelRow(deps.db, {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    name: body.name,
    kind: body.config.kind,
    config: body.config,
    events: body.events,
    teamId: body.teamId,
    active: body.active,
    createdAt: now,
    updatedAt: now,
  });
  return channelView(row);
}

export async function updateChannel(deps: NotificationDeps, actor: Actor, id: string, patch: ChannelPatch) {
  const row = await findChannelRow(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Notification channel');
  await checkTeam(deps, actor.workspaceId, patch.teamId);
  let config = row.config;
  if (patch.config) {
    const stored = row.config as Record<string, unknown>;
    // A form shows the secret masked: sending it back unchanged (or leaving it out) keeps the stored one.
    const merged = { ...patch.config };
    const unchanged = merged.secret === undefined || merged.secret === masked(stored.secret);
    if (unchanged && stored.secret !== undefined && (merged.kind ?? row.kind) === row.kind)
      merged.secret = stored.secret;
    const parsed = channelConfig.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('VALIDATION_FAILED', issue.message, ['config', ...issue.path].join('.'));
    }
    config = parsed.data;
  }
  const updated = await updateChannelRow(deps.db, actor.workspaceId, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.events !== undefined ? { events: patch.events } : {}),
    ...(patch.teamId !== undefined ? { teamId: patch.teamId } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    config,
    kind: (config as { kind: ChannelRow['kind'] }).kind,
    updatedAt: deps.clock.now(),
  });
  return channelView(updated!);
}

export async function deleteChannel(deps: NotificationDeps, actor: Actor, id: string) {
  if (!(await deleteChannelRow(deps.db, actor.workspaceId, id))) throw notFound('Notification channel');
}

const deliveryView = (row: DeliveryRow): DeliveryView => ({
  id: row.id,
  channelId: row.channelId,
  recipient: row.recipient,
  userId: row.userId,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt.toISOString(),
  lastError: row.lastError,
  responseCode: row.responseCode,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Sends a test message at once (one attempt, no retries) and logs it like any delivery. */
export async function testChannel(deps: NotificationDeps, actor: Actor, id: string): Promise<DeliveryView> {
  const channel = await findChannelRow(deps.db, actor.workspaceId, id);
  if (!channel) throw notFound('Notification channel');
  const now = deps.clock.now();
  const deliveryId = randomUUID();
  const data = { message: 'Clew test', channel: channel.name };
  const result = await sendDelivery(
    deps.notificationSender,
    channel,
    {
      id: deliveryId,
      workspaceId: actor.workspaceId,
      event: 'notification.test',
      data,
      occurredAt: now.toISOString(),
      attempt: 1,
    },
    deps.config.CLEW_PUBLIC_URL ?? null,
  );
  const outcome = outcomeOf({ ...result, retryAt: null }, deps.clock.now());
  const row = await insertDeliveryRow(deps.db, {
    id: deliveryId,
    workspaceId: actor.workspaceId,
    channelId: channel.id,
    userId: actor.kind === 'user' ? actor.userId : null,
    event: 'notification.test',
    payload: { data, occurredAt: now.toISOString() },
    status: result.ok ? 'sent' : 'dead',
    attempts: 1,
    nextAttemptAt: outcome.nextAttemptAt,
    lastError: outcome.lastError,
    responseCode: outcome.responseCode,
    createdAt: now,
    updatedAt: deps.clock.now(),
  });
  return deliveryView(row);
}

export async function listDeliveries(deps: NotificationDeps, actor: Actor, query: ListDeliveriesQuery) {
  const rows = await listDeliveryRows(
    deps.db,
    actor.workspaceId,
    { channelId: query.channelId, status: query.status },
    cursorOf(query.cursor),
    query.limit,
  );
  return page(rows, query.limit, deliveryView);
}

// ---- preferences ----

const storedTeam = (value: unknown): NotificationPreferences | null => {
  const parsed = notificationPreferences.safeParse(value);
  return value && parsed.success ? parsed.data : null;
};
const storedUser = (value: unknown): UserPreferences => {
  const parsed = userPreferences.safeParse(value);
  return value && parsed.success ? parsed.data : {};
};

export async function myPreferences(deps: NotificationDeps, actor: Actor) {
  const user = userOf(actor);
  const mine = storedUser(await findPreferences(deps.db, user.workspaceId, { userId: user.userId }));
  const team = user.teamId
    ? storedTeam(await findPreferences(deps.db, user.workspaceId, { teamId: user.teamId }))
    : null;
  return { preferences: mine, team, effective: effectivePreferences(team, mine) };
}

export async function saveMyPreferences(deps: NotificationDeps, actor: Actor, body: UserPreferences) {
  const user = userOf(actor);
  await savePreferences(deps.db, user.workspaceId, { userId: user.userId }, body, randomUUID(), deps.clock.now());
  return myPreferences(deps, actor);
}

async function teamAllowed(deps: NotificationDeps, actor: Actor, teamId: string) {
  const user = userOf(actor);
  if (user.role === 'manager' && user.teamId !== teamId)
    throw new AppError('FORBIDDEN', 'A manager sets the preferences of their own team');
  if (!(await teamExists(deps.db, user.workspaceId, teamId))) throw notFound('Team');
  return user;
}

export async function teamPreferences(deps: NotificationDeps, actor: Actor, teamId: string) {
  const user = await teamAllowed(deps, actor, teamId);
  const stored = storedTeam(await findPreferences(deps.db, user.workspaceId, { teamId }));
  return { teamId, preferences: stored ?? notificationPreferences.parse({}) };
}

export async function saveTeamPreferences(
  deps: NotificationDeps,
  actor: Actor,
  teamId: string,
  body: NotificationPreferences,
) {
  const user = await teamAllowed(deps, actor, teamId);
  await savePreferences(deps.db, user.workspaceId, { teamId }, body, randomUUID(), deps.clock.now());
  return { teamId, preferences: body };
}
