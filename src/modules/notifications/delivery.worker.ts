import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { createDueWorker, type DueWorker, type PassOutcome } from '../../platform/due-worker.ts';
import { deliveryNotification } from './delivery-message.rules.ts';
import {
  channelsOf,
  claimDueDeliveries,
  nextDeliveryDueAt,
  preferencesOfUsers,
  recordOutcome,
  type AttemptOutcome,
  type ChannelRow,
  type ClaimedDelivery,
} from './delivery.repository.ts';
import type { DeliveryResult, NotificationSender } from './notification-sender.service.ts';
import {
  channelConfig,
  notificationPreferences,
  userPreferences,
  type PreferenceChannel,
} from './notification.schemas.ts';
import { effectivePreferences, quietUntil } from './preferences.rules.ts';
import { matchesEvent } from './webhook-signature.rules.ts';

export interface DeliveryWorkerDeps {
  db: Db;
  clock: Clock;
  sender: NotificationSender;
  /** The origin links in messages point at (CLEW_PUBLIC_URL); null: messages carry no link. */
  publicUrl: string | null;
}

export interface DeliveryWorkerOptions {
  chunk?: number;
  /** How long a claimed delivery is hidden from other workers while it is being sent. */
  leaseMs?: number;
  /** The longest sleep: a safety net should a wake-up be missed. */
  maxSleepMs?: number;
  onError?: (error: unknown, what: string) => void;
}

export type DeliveryWorker = DueWorker;

const quietable = new Set<string>(['email', 'wecom', 'dingtalk', 'feishu']);

/** Sends one claimed delivery through its channel; never throws for a failed send. */
export async function sendDelivery(
  sender: NotificationSender,
  channel: ChannelRow,
  delivery: Pick<ClaimedDelivery, 'id' | 'workspaceId' | 'event' | 'data' | 'occurredAt' | 'attempt'>,
  publicUrl: string | null,
): Promise<DeliveryResult> {
  const config = channelConfig.parse(channel.config);
  const notification = deliveryNotification(delivery.event, delivery.data, 'zh-CN', publicUrl);
  switch (config.kind) {
    case 'webhook':
      return sender.sendWebhook(
        config,
        {
          id: delivery.id,
          event: delivery.event,
          occurredAt: delivery.occurredAt,
          workspaceId: delivery.workspaceId,
          data: delivery.data,
        },
        delivery.id,
        delivery.attempt,
      );
    case 'email':
      return sender.sendEmail(config, notification, delivery.attempt);
    default:
      return sender.sendRobot(config, notification, delivery.attempt);
  }
}

/**
 * A personal e-mail's target: the workspace SMTP to the user's own address, shaped as a channel so
 * it is sent, held and logged like any e-mail channel's delivery.
 */
export function personalEmailChannel(
  delivery: Pick<ClaimedDelivery, 'workspaceId' | 'recipient'>,
  now: Date,
): ChannelRow {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    workspaceId: delivery.workspaceId,
    name: 'personal e-mail',
    kind: 'email',
    config: { kind: 'email', to: [delivery.recipient] },
    events: ['*'],
    teamId: null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

export function outcomeOf(result: DeliveryResult, now: Date): AttemptOutcome {
  const lastError = result.ok ? null : [result.errorCode, result.message].filter(Boolean).join(': ').slice(0, 500);
  if (result.ok) return { status: 'sent', nextAttemptAt: now, lastError, responseCode: result.status };
  if (result.retryAt)
    return { status: 'failed', nextAttemptAt: result.retryAt, lastError, responseCode: result.status };
  return { status: 'dead', nextAttemptAt: now, lastError, responseCode: result.status };
}

/**
 * Outbound deliveries, on every instance. Sleeps until the earliest due delivery (no polling), is
 * woken by the NOTIFY of the statement that queued one, leases due rows with SKIP LOCKED so each
 * is sent by one worker, sends outside any transaction, and records the result: sent, failed with
 * the next try after back-off (retry.rules.ts), or dead when out of attempts. Quiet hours of the
 * person the event is about hold robots and e-mail until they end (the attempt is not counted).
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const chunk = options.chunk ?? 50;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const onError = options.onError ?? (() => {});

  async function quietHold(
    delivery: ClaimedDelivery,
    channel: ChannelRow,
    now: Date,
    prefs: Map<string, { user: unknown; team: unknown }>,
  ) {
    if (!delivery.userId || !quietable.has(channel.kind)) return null;
    const stored = prefs.get(delivery.userId);
    if (!stored) return null;
    const team = stored.team ? notificationPreferences.safeParse(stored.team) : null;
    const user = stored.user ? userPreferences.safeParse(stored.user) : null;
    const effective = effectivePreferences(team?.success ? team.data : null, user?.success ? user.data : null);
    const hours = effective.quietHours;
    if (!hours || matchesEvent(hours.urgentEvents, delivery.event)) return null;
    if (hours.allowChannels.includes(channel.kind as PreferenceChannel)) return null;
    return quietUntil(hours, now);
  }

  async function pass(): Promise<PassOutcome> {
    let attempted = 0;
    let more = false;
    try {
      const now = deps.clock.now();
      const claimed = await claimDueDeliveries(deps.db, now, chunk, leaseMs);
      more = claimed.length === chunk;
      const channels = await channelsOf(deps.db, claimed);
      const byWorkspace = new Map<string, string[]>();
      for (const delivery of claimed) {
        if (!delivery.userId) continue;
        byWorkspace.set(delivery.workspaceId, [...(byWorkspace.get(delivery.workspaceId) ?? []), delivery.userId]);
      }
      const prefs = new Map<string, { user: unknown; team: unknown }>();
      for (const [workspaceId, userIds] of byWorkspace) {
        for (const [userId, value] of await preferencesOfUsers(deps.db, workspaceId, userIds)) prefs.set(userId, value);
      }
      for (const delivery of claimed) {
        const at = deps.clock.now();
        const channel =
          delivery.channelId === null
            ? delivery.recipient
              ? personalEmailChannel(delivery, at)
              : undefined
            : channels.get(delivery.channelId);
        try {
          if (!channel || !channel.active) {
            await recordOutcome(
              deps.db,
              delivery.id,
              { status: 'dead', nextAttemptAt: at, lastError: 'channel_removed', responseCode: null },
              at,
            );
            continue;
          }
          const holdUntil = await quietHold(delivery, channel, at, prefs);
          if (holdUntil) {
            await recordOutcome(
              deps.db,
              delivery.id,
              {
                status: 'pending',
                nextAttemptAt: holdUntil,
                lastError: 'quiet_hours',
                responseCode: null,
                uncount: true,
              },
              at,
            );
            continue;
          }
          const result = await sendDelivery(deps.sender, channel, delivery, deps.publicUrl);
          attempted++;
          await recordOutcome(deps.db, delivery.id, outcomeOf(result, deps.clock.now()), deps.clock.now());
        } catch (error) {
          // A bad stored config or a failed write: the lease brings the row back later.
          onError(error, `notification delivery ${delivery.id}`);
        }
      }
    } catch (error) {
      onError(error, 'delivery worker');
    }
    return { done: attempted, more };
  }

  return createDueWorker(
    { pass, nextDueAt: () => nextDeliveryDueAt(deps.db) },
    { clock: deps.clock, maxSleepMs, name: 'delivery worker', onError },
  );
}
