import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../platform/errors.ts';
import { hashSecret } from '../identity/token.rules.ts';
import type { BatchResult } from '../intake/intake.schemas.ts';
import { intakeMany, recordRejectedIntake, type ChannelActor, type IntakeQueue } from '../intake/intake.service.ts';
import {
  claimDeliveries,
  deliveriesOf,
  findHookForDelivery,
  releaseDeliveries,
  settleDeliveries,
  type DeliveryScope,
  type HookWithChannel,
} from './hook.repository.ts';
import { applyMapping, type MappedItem } from './hook.rules.ts';
import type { DeliveryResult } from './hook.schemas.ts';
import { hookItems, storedMapping, type HookDeps } from './hook.service.ts';

export interface DeliveryDeps extends HookDeps {
  intake: IntakeQueue;
}

/** A claim older than this belongs to a delivery that died between claim and intake. */
const CLAIM_LEASE_MS = 60_000;
/** How long a delivery waits for a concurrent one that holds the same lead (rounds × pause). */
const WAIT_ROUNDS = 60;
const WAIT_PAUSE_MS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Compared against when there is no hook, so an unknown channel costs what a wrong secret does.
const NO_HOOK_HASH = hashSecret('no hook');

/**
 * The hook a request may deliver to; null for an unknown channel, a channel without a hook, and
 * a wrong or missing secret alike, so a caller cannot tell which channel ids exist.
 */
export async function authenticateDelivery(
  deps: Pick<DeliveryDeps, 'db'>,
  channelId: string,
  secret: string | undefined,
): Promise<HookWithChannel | null> {
  const found = UUID.test(channelId) ? await findHookForDelivery(deps.db, channelId) : null;
  const expected = Buffer.from(found?.hook.secretHash ?? NO_HOOK_HASH, 'hex');
  const given = Buffer.from(hashSecret(secret ?? ''), 'hex');
  const same = timingSafeEqual(expected, given);
  return found && secret && same ? found : null;
}

interface Outcome {
  status: DeliveryResult['status'];
  id: string | null;
  error?: BatchResult['error'];
}

/**
 * Takes a platform's delivery: maps each item to a lead, claims its external id, and sends the
 * claimed ones to intake; an id already taken is answered with the lead it became and no new
 * touch. A mapping that finds no list of leads is refused (and the payload kept).
 */
export async function receiveDelivery(deps: DeliveryDeps, target: HookWithChannel, payload: unknown) {
  const { hook, channelName } = target;
  const scope: DeliveryScope = { workspaceId: hook.workspaceId, channelId: hook.channelId };
  const actor: ChannelActor = {
    kind: 'channel',
    workspaceId: hook.workspaceId,
    source: 'ad_webhook',
    channelId: hook.channelId,
    label: channelName,
  };
  const mapping = storedMapping(hook);
  let items: unknown[];
  try {
    items = hookItems(payload, mapping);
  } catch (error) {
    if (error instanceof AppError) await recordRejectedIntake(deps, actor, [{ payload, error }]);
    throw error;
  }
  const mapped = items.map((item) => applyMapping(item, mapping));
  const firstIndex = new Map<string, number>();
  mapped.forEach((item, index) => {
    if (!firstIndex.has(item.externalId)) firstIndex.set(item.externalId, index);
  });

  const outcomes = new Map<string, Outcome>();
  let waiting = [...firstIndex.keys()];
  for (let round = 0; waiting.length > 0; round++) {
    if (round > 0) {
      if (round > WAIT_ROUNDS) {
        throw new AppError('CONFLICT', 'Another delivery of the same lead is still being written; retry shortly');
      }
      await sleep(WAIT_PAUSE_MS);
    }
    const now = deps.clock.now();
    const claimed = await claimDeliveries(deps.db, scope, waiting, now, new Date(now.getTime() - CLAIM_LEASE_MS));
    const mine = waiting.filter((externalId) => claimed.has(externalId));
    if (mine.length > 0) {
      const claims = mine.map((externalId) => {
        const index = firstIndex.get(externalId)!;
        return { externalId, index, item: mapped[index]! };
      });
      await intakeClaimed(deps, actor, scope, claims, now, outcomes);
    }
    const others = waiting.filter((externalId) => !claimed.has(externalId));
    for (const row of await deliveriesOf(deps.db, scope, others)) {
      // Pending: another delivery holds it; rejected: free again, claimed next round.
      if (row.status !== 'pending' && row.status !== 'rejected') {
        outcomes.set(row.externalId, { status: 'duplicate', id: row.leadId });
      }
    }
    waiting = others.filter((externalId) => !outcomes.has(externalId));
  }

  const results: DeliveryResult[] = mapped.map(({ externalId }, index) => {
    const outcome = outcomes.get(externalId)!;
    if (firstIndex.get(externalId) !== index) return { index, externalId, id: outcome.id, status: 'duplicate' };
    return {
      index,
      externalId,
      id: outcome.id,
      status: outcome.status,
      ...(outcome.error ? { error: outcome.error } : {}),
    };
  });
  return { code: 0 as const, message: 'success' as const, results };
}

/**
 * Intake for the ids this delivery claimed, then their outcome on the claims. A lead intake
 * could not write gives its claim back and fails the delivery, so the platform retries it.
 */
async function intakeClaimed(
  deps: DeliveryDeps,
  actor: ChannelActor,
  scope: DeliveryScope,
  claims: { externalId: string; index: number; item: MappedItem }[],
  claimedAt: Date,
  outcomes: Map<string, Outcome>,
): Promise<void> {
  const externalIds = claims.map((claim) => claim.externalId);
  let results: BatchResult[];
  try {
    results = await intakeMany(
      deps,
      actor,
      claims.map((claim) => claim.item.body),
    );
  } catch (error) {
    await releaseDeliveries(deps.db, scope, externalIds, claimedAt);
    throw error;
  }
  const settled: { externalId: string; status: string; leadId: string | null }[] = [];
  const failed: string[] = [];
  results.forEach((result, position) => {
    const externalId = externalIds[position]!;
    if (result.error?.code === 'INTERNAL') {
      failed.push(externalId);
      return;
    }
    // Intake numbers the items it was given; the platform knows them by their place in its delivery.
    const error = result.error && {
      ...result.error,
      message: result.error.message.replace(/^leads\[\d+\]/, `leads[${claims[position]!.index}]`),
    };
    outcomes.set(externalId, { status: result.status, id: result.id, ...(error ? { error } : {}) });
    settled.push({ externalId, status: result.status, leadId: result.id });
  });
  await settleDeliveries(deps.db, scope, settled);
  if (failed.length > 0) {
    await releaseDeliveries(deps.db, scope, failed, claimedAt);
    throw new AppError('INTERNAL', 'Some leads could not be written; retry the delivery');
  }
}
