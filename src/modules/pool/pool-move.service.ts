import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, notFound, type ErrorCode } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { managedTeamIds } from '../identity/scope.service.ts';
import { findLeadForUpdate, type LeadRow } from '../leads/lead.repository.ts';
import { publishOnCommit, leadAssignedData } from '../realtime/realtime.ts';
import {
  cancelPendingStatement,
  finishSteps,
  insertDeadlinesStatement,
  ownerContacts,
  refreshLeadSlaStatement,
  type StoredDeadline,
} from '../sla/deadline.repository.ts';
import type { DeadlineRow } from '../sla/deadline.rules.ts';
import {
  claimsSince,
  findDefaultPool,
  findPoolRow,
  findUserBrief,
  formerOwners,
  heldBy,
  insertMove,
  lastStatusChange,
  lockUser,
  settingsOf,
  type PoolRow,
} from './pool.repository.ts';
import { canClaim, reclaimDue } from './pool.rules.ts';
import type { ClaimRefusal, PoolMoveView, PoolSettings, ReleaseBody } from './pool.schemas.ts';
import { isWorkspaceAdmin, teamsOf, visiblePool, type PoolDeps } from './pool.service.ts';

/**
 * A pool's automatic reclaim rides on the response-deadline rows (lead_deadlines): one pending
 * step per claimed lead, `policy_id` naming the pool, performed by the deadline worker through
 * `performPoolStep` — so it is claimed with SKIP LOCKED and happens once, like any other step.
 */
export const POOL_STEP_TARGET = 'pool';
const POOL_STEP = 'pool:reclaim';
const POOL_ACTION = 'pool_reclaim';

const refusalCodes: Record<ClaimRefusal, ErrorCode> = {
  not_in_pool: 'NOT_IN_POOL',
  not_visible: 'NOT_VISIBLE',
  inactive: 'INACTIVE',
  daily_limit: 'DAILY_LIMIT',
  max_held: 'MAX_HELD',
  too_soon: 'TOO_SOON',
  cooling_down: 'COOLING_DOWN',
};

const refusalMessages: Record<ClaimRefusal, string> = {
  not_in_pool: 'The lead is not waiting in this pool (claimed by someone else, or never there)',
  not_visible: 'This pool is not shown to your team',
  inactive: 'Your account is inactive',
  daily_limit: 'You have claimed as many leads today as this pool allows',
  max_held: 'You hold as many leads as this pool allows',
  too_soon: 'Too soon after your last claim',
  cooling_down: 'This lead left you recently; wait for the cool-down to end',
};

/** The pool a lead of this team goes back to: the team's default, else the workspace's; null when neither exists. */
export async function defaultPoolIdFor(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
): Promise<string | null> {
  return (await findDefaultPool(db, workspaceId, teamId))?.id ?? null;
}

/** The reclaim step for a lead just given to `ownerId` from the pool, if the pool has a reclaim knob. */
function reclaimStep(
  workspaceId: string,
  pool: PoolRow,
  lead: LeadRow,
  ownerId: string,
  assignedAt: Date,
  facts: { followUps: number; lastFollowUpAt: Date | null; lastProgressAt: Date | null },
  now: Date,
): DeadlineRow | null {
  const plan = reclaimDue(settingsOf(pool), { ownerId, status: lead.status, assignedAt, ...facts }, now);
  if (!plan) return null;
  return {
    id: randomUUID(),
    workspaceId,
    leadId: lead.id,
    planId: randomUUID(),
    policyId: pool.id,
    ownerId,
    target: POOL_STEP_TARGET,
    step: `${POOL_STEP}:${plan.reason}`,
    action: POOL_ACTION,
    position: 0,
    startedAt: assignedAt,
    deadline: plan.at,
    dueAt: plan.at,
    state: 'pending',
    attempts: 0,
    createdAt: now,
  };
}

/** The lead leaves its owner for a pool: its pending deadlines end, the move is logged. */
async function intoPool(
  tx: Tx,
  lead: LeadRow,
  poolId: string,
  move: {
    kind: 'release' | 'reclaim';
    actorType: 'user' | 'api_key' | 'system';
    actorId: string | null;
    reason: string;
  },
  now: Date,
) {
  await tx.execute(sql`UPDATE leads SET owner_id = NULL, pool_id = ${poolId}, updated_at = ${now.toISOString()}::timestamptz
    WHERE workspace_id = ${lead.workspaceId} AND id = ${lead.id}`);
  await tx.execute(cancelPendingStatement(lead.workspaceId, [lead.id], now));
  await tx.execute(refreshLeadSlaStatement(lead.workspaceId, [lead.id]));
  if (lead.ownerId)
    await insertMove(tx, {
      id: randomUUID(),
      workspaceId: lead.workspaceId,
      poolId,
      leadId: lead.id,
      kind: move.kind,
      userId: lead.ownerId,
      actorType: move.actorType,
      actorId: move.actorId,
      reason: move.reason,
      at: now,
    });
}

/**
 * For the deadline worker's `reclaim_to_pool` action (a breached SLA): the lead goes to its team's
 * default pool (else the workspace's), and the lost owner's cool-down starts. Returns the pool, or
 * null when there is none (the lead is then just unowned). Runs in the worker's transaction with
 * the lead locked; the caller writes the audit record.
 */
export async function returnToPool(tx: Tx, lead: LeadRow, reason: string, now: Date): Promise<string | null> {
  const poolId = await defaultPoolIdFor(tx, lead.workspaceId, lead.teamId);
  if (!poolId) return null;
  await intoPool(tx, lead, poolId, { kind: 'reclaim', actorType: 'system', actorId: null, reason }, now);
  return poolId;
}

/** A lead out of the pool to `userId`: owner, their team, no pool; the reclaim step planned. */
async function outOfPool(
  tx: Tx,
  pool: PoolRow,
  lead: LeadRow,
  user: { id: string; teamId: string | null },
  move: { kind: 'claim' | 'assign'; actor: Actor },
  now: Date,
): Promise<PoolMoveView> {
  await tx.execute(sql`UPDATE leads SET owner_id = ${user.id}, team_id = ${user.teamId}, pool_id = NULL,
      updated_at = ${now.toISOString()}::timestamptz
    WHERE workspace_id = ${lead.workspaceId} AND id = ${lead.id}`);
  await tx.execute(cancelPendingStatement(lead.workspaceId, [lead.id], now));
  const step = reclaimStep(
    lead.workspaceId,
    pool,
    lead,
    user.id,
    now,
    { followUps: 0, lastFollowUpAt: null, lastProgressAt: null },
    now,
  );
  if (step) await tx.execute(insertDeadlinesStatement([step]));
  await tx.execute(refreshLeadSlaStatement(lead.workspaceId, [lead.id]));
  await insertMove(tx, {
    id: randomUUID(),
    workspaceId: lead.workspaceId,
    poolId: pool.id,
    leadId: lead.id,
    kind: move.kind,
    userId: user.id,
    ...actorRef(move.actor),
    reason: null,
    at: now,
  });
  await recordAudit(tx, {
    workspaceId: lead.workspaceId,
    ...actorRef(move.actor),
    action: move.kind === 'claim' ? 'pool.claimed' : 'pool.assigned',
    entity: 'lead',
    entityId: lead.id,
    before: { ownerId: null, poolId: pool.id },
    after: { ownerId: user.id, teamId: user.teamId, poolId: null, reclaimAt: step?.dueAt ?? null },
    at: now,
  });
  const owned = { ...lead, ownerId: user.id };
  await publishOnCommit(
    tx,
    {
      workspaceId: lead.workspaceId,
      userId: user.id,
      type: move.kind === 'assign' ? 'lead.assigned' : 'lead.pool',
      data: { ...leadAssignedData(owned, now), move: move.kind, poolId: pool.id },
    },
    now,
  );
  return {
    leadId: lead.id,
    poolId: pool.id,
    ownerId: user.id,
    move: move.kind,
    at: now.toISOString(),
    reclaimAt: step?.dueAt.toISOString() ?? null,
  };
}

/**
 * A rep claims a lead from a pool. The rep's row and the lead are locked (in that order), so two
 * reps claiming one lead queue and the second finds it gone (NOT_IN_POOL), and one rep's claims
 * are counted one after another. Every other refusal is canClaim's, with its stable code.
 */
export async function claimLead(deps: PoolDeps, actor: Actor, poolId: string, leadId: string): Promise<PoolMoveView> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Only a person can claim a lead');
  // Not visiblePool: a pool hidden from the rep refuses with canClaim's NOT_VISIBLE, like its other rules.
  const pool = await findPoolRow(deps.db, actor.workspaceId, poolId);
  if (!pool) throw notFound('Pool');
  const settings = settingsOf(pool);
  const teamIds = await teamsOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const user = await lockUser(tx, actor.workspaceId, actor.userId);
    if (!user) throw notFound('User');
    const lead = await findLeadForUpdate(tx, actor.workspaceId, leadId);
    if (!lead) throw notFound('Lead');
    const now = deps.clock.now();
    // The day's claims and the last one: two days back covers any zone's day; a longer gap reaches further.
    const since = new Date(now.getTime() - Math.max(2 * 86_400, settings.minGapSeconds ?? 0) * 1000);
    const decision = canClaim(
      settings,
      { id: user.id, active: user.active, teamIds, held: await heldBy(tx, actor.workspaceId, user.id) },
      { inPool: lead.poolId === pool.id && lead.ownerId === null },
      {
        repClaims: await claimsSince(tx, actor.workspaceId, user.id, since),
        formerOwners: await formerOwners(tx, actor.workspaceId, lead.id),
      },
      now,
    );
    if (!decision.ok) {
      const retry = decision.retryAt ? ` (try again at ${decision.retryAt.toISOString()})` : '';
      throw new AppError(refusalCodes[decision.reason], refusalMessages[decision.reason] + retry);
    }
    return outOfPool(tx, pool, lead, user, { kind: 'claim', actor }, now);
  });
}

/** Who may hand out a pool's leads: workspace admins, the pool's admins, a manager of the receiving rep's team. */
async function mayAssign(db: Executor, actor: Actor, settings: PoolSettings, teamId: string | null): Promise<boolean> {
  if (isWorkspaceAdmin(actor)) return true;
  if (actor.kind !== 'user') return false;
  if (settings.adminUserIds.includes(actor.userId)) return true;
  if (actor.role !== 'manager' || !teamId) return false;
  return (await managedTeamIds(db, actor.workspaceId, actor.userId, actor.teamId)).includes(teamId);
}

/** A pool admin or manager gives a waiting lead to a rep; the claim knobs are the reps' limits, not theirs. */
export async function assignFromPool(
  deps: PoolDeps,
  actor: Actor,
  poolId: string,
  leadId: string,
  userId: string,
): Promise<PoolMoveView> {
  const pool = await visiblePool(deps.db, actor, poolId);
  const target = await findUserBrief(deps.db, actor.workspaceId, userId);
  if (!target) throw new AppError('VALIDATION_FAILED', 'No such user', 'userId');
  if (!target.active) throw new AppError('INACTIVE', 'The user is inactive');
  if (!(await mayAssign(deps.db, actor, settingsOf(pool), target.teamId)))
    throw new AppError('FORBIDDEN', 'Only an admin of this pool or the rep’s manager may assign from it');
  return deps.db.transaction(async (tx) => {
    const lead = await findLeadForUpdate(tx, actor.workspaceId, leadId);
    if (!lead) throw notFound('Lead');
    if (lead.poolId !== pool.id || lead.ownerId !== null)
      throw new AppError('NOT_IN_POOL', refusalMessages.not_in_pool);
    return outOfPool(tx, pool, lead, target, { kind: 'assign', actor }, deps.clock.now());
  });
}

// An unqualified lead may go back (another rep may see more in it); an outcome stays with whoever reached it.
const closedStatuses: ReadonlySet<LeadRow['status']> = new Set(['won', 'lost', 'converted']);

/**
 * The owner (or their manager, or an admin) gives a lead back to a pool with a reason: the named
 * pool, else the team's default, else the workspace's.
 */
export async function releaseLead(
  deps: PoolDeps,
  actor: Actor,
  leadId: string,
  body: ReleaseBody,
): Promise<PoolMoveView> {
  return deps.db.transaction(async (tx) => {
    const lead = await findLeadForUpdate(tx, actor.workspaceId, leadId);
    if (!lead) throw notFound('Lead');
    const mayRelease =
      isWorkspaceAdmin(actor) ||
      (actor.kind === 'user' &&
        (lead.ownerId === actor.userId ||
          (actor.role === 'manager' &&
            lead.teamId !== null &&
            (await managedTeamIds(tx, actor.workspaceId, actor.userId, actor.teamId)).includes(lead.teamId))));
    // A lead the caller may not see answers as if it were not there.
    if (!mayRelease) throw notFound('Lead');
    if (!lead.ownerId) throw new AppError('CONFLICT', 'The lead has no owner to release it');
    if (closedStatuses.has(lead.status)) throw new AppError('CONFLICT', `A ${lead.status} lead stays with its owner`);
    const pool = body.poolId
      ? await findPoolRow(tx, actor.workspaceId, body.poolId)
      : await findDefaultPool(tx, actor.workspaceId, lead.teamId);
    if (!pool)
      throw body.poolId
        ? new AppError('VALIDATION_FAILED', 'No such pool', 'poolId')
        : new AppError('NO_POOL', 'No default pool for the lead’s team or the workspace; name one');
    const now = deps.clock.now();
    const ref = actorRef(actor);
    await intoPool(tx, lead, pool.id, { kind: 'release', ...ref, reason: body.reason }, now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...ref,
      action: 'pool.released',
      entity: 'lead',
      entityId: lead.id,
      before: { ownerId: lead.ownerId, poolId: null },
      after: { ownerId: null, poolId: pool.id, reason: body.reason },
      at: now,
    });
    await publishOnCommit(
      tx,
      {
        workspaceId: actor.workspaceId,
        userId: lead.ownerId,
        type: 'lead.pool',
        data: { leadId: lead.id, name: lead.name, move: 'release', poolId: pool.id, reason: body.reason },
      },
      now,
    );
    return { leadId: lead.id, poolId: pool.id, ownerId: null, move: 'release', at: now.toISOString(), reclaimAt: null };
  });
}

/**
 * A due reclaim step, in the deadline worker's transaction with the step and the lead locked (the
 * worker has already cancelled it if the lead changed hands). The time is worked out again from
 * what happened since the claim — follow-ups extend the protection, a status change is progress —
 * so a step found early is replaced by one at the new time. Returns whether the lead went back.
 */
export async function performPoolStep(tx: Tx, lead: LeadRow, step: StoredDeadline, now: Date): Promise<boolean> {
  const pool = await findPoolRow(tx, lead.workspaceId, step.policyId);
  if (!pool || !lead.ownerId) {
    await finishSteps(tx, lead.workspaceId, [step.id], 'cancelled', now);
    return false;
  }
  const contacts = await ownerContacts(tx, lead.workspaceId, lead.id, lead.ownerId, step.startedAt);
  const lastFollowUpAt = contacts.reduce<Date | null>((last, c) => (last && last >= c.at ? last : c.at), null);
  const facts = {
    followUps: contacts.length,
    lastFollowUpAt,
    lastProgressAt: await lastStatusChange(tx, lead.workspaceId, lead.id, step.startedAt),
  };
  const plan = reclaimDue(settingsOf(pool), { ...lead, assignedAt: step.startedAt, ...facts }, now);
  if (!plan?.due) {
    await finishSteps(tx, lead.workspaceId, [step.id], plan ? 'satisfied' : 'cancelled', now);
    const next = plan ? reclaimStep(lead.workspaceId, pool, lead, lead.ownerId, step.startedAt, facts, now) : null;
    if (next) await tx.execute(insertDeadlinesStatement([next]));
    return false;
  }
  await finishSteps(tx, lead.workspaceId, [step.id], 'done', now);
  await intoPool(tx, lead, pool.id, { kind: 'reclaim', actorType: 'system', actorId: null, reason: plan.reason }, now);
  await recordAudit(tx, {
    workspaceId: lead.workspaceId,
    actorType: 'system',
    actorId: null,
    action: 'pool.reclaimed',
    entity: 'lead',
    entityId: lead.id,
    before: { ownerId: lead.ownerId, poolId: null },
    after: { ownerId: null, poolId: pool.id, reason: plan.reason, deadlineId: step.id, followUps: facts.followUps },
    at: now,
  });
  await publishOnCommit(
    tx,
    {
      workspaceId: lead.workspaceId,
      userId: lead.ownerId,
      type: 'lead.pool',
      data: { leadId: lead.id, name: lead.name, move: 'reclaim', poolId: pool.id, reason: plan.reason },
    },
    now,
  );
  return true;
}
