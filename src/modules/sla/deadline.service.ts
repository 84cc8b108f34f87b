import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { loadCalendarDirectory } from '../calendars/business-calendar.repository.ts';
import { chooseCalendar } from '../calendars/calendar-choice.rules.ts';
import { writeTogether, type Executor, type Tx } from '../../platform/db/database.ts';
import { auditStatement, type AuditEntry } from '../audit/audit.repository.ts';
import { updateLeadsStatement, type LeadRow } from '../leads/lead.repository.ts';
import { leadAssignedData, publishAllOnCommit, type RealtimeEvent } from '../realtime/realtime.ts';
import { routeNewLeads, slaOf } from '../routing/routing.service.ts';
import { performPoolStep, POOL_STEP_TARGET, returnToPool } from '../pool/pool-move.service.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import { findPolicyRow, rowToPolicy } from './sla-policy.repository.ts';
import {
  cancelOrphanedSteps,
  cancelPendingStatement,
  claimDueSteps,
  currentPolicyId,
  finishSteps,
  insertDeadlinesStatement,
  ownerContacts,
  pendingStepsOf,
  refreshLeadSlaStatement,
  type StoredDeadline,
} from './deadline.repository.ts';
import { planRows } from './deadline.rules.ts';
import { isTargetMet, type ActivityFact } from './sla-ladder.rules.ts';
import type { SlaPolicy, SlaTargetName } from './sla.schemas.ts';

/** What one transaction did: how many steps it performed (not satisfied or cancelled), and the ids of all it claimed. */
export interface StepOutcome {
  performed: number;
  claimed: string[];
}

async function policyOf(tx: Executor, workspaceId: string, id: string, cache: Map<string, SlaPolicy | null>) {
  if (!cache.has(id)) {
    const row = await findPolicyRow(tx, workspaceId, id);
    cache.set(id, row ? rowToPolicy(row) : null);
  }
  return cache.get(id)!;
}

function stepData(lead: LeadRow, step: StoredDeadline) {
  return {
    leadId: lead.id,
    name: lead.name,
    target: step.target,
    step: step.step,
    action: step.action,
    dueAt: step.dueAt.toISOString(),
    deadline: step.deadline.toISOString(),
    ownerId: lead.ownerId,
  };
}

/**
 * Performs the workspace's due steps inside the caller's transaction: each claimed step is
 * cancelled (the lead changed hands), satisfied (its target was met in time) or performed —
 * the pop-up, the escalation, the reclaim or the new deal written together with its audit
 * record and the step marked done, so a rollback undoes both and a commit keeps both.
 */
export async function performDueSteps(
  tx: Tx,
  routing: WorkspaceRouting,
  workspaceId: string,
  now: Date,
  limit: number,
): Promise<StepOutcome> {
  const claimed = await claimDueSteps(tx, workspaceId, now, limit);
  // Nothing claimable although steps are due: they are held by another worker or user, or orphaned.
  if (claimed.length === 0) await cancelOrphanedSteps(tx, workspaceId, now);
  const policies = new Map<string, SlaPolicy | null>();
  const events: RealtimeEvent[] = [];
  const audits: AuditEntry[] = [];
  const leadsTouched = new Set<string>();
  // A reclaim or a new deal ends the lead's plan: its other steps in this batch are already cancelled.
  const ended = new Set<string>();
  let performed = 0;
  for (const { step, lead } of claimed) {
    leadsTouched.add(lead.id);
    if (ended.has(lead.id)) continue;
    if (lead.ownerId !== step.ownerId) {
      await finishSteps(tx, workspaceId, [step.id], 'cancelled', now);
      continue;
    }
    if (step.target === POOL_STEP_TARGET) {
      // A pool's automatic reclaim (its policy_id names the pool): worked out and performed by the pool module.
      if (await performPoolStep(tx, lead, step, now)) {
        ended.add(lead.id);
        performed++;
      }
      continue;
    }
    const policy = await policyOf(tx, workspaceId, step.policyId, policies);
    const activities: ActivityFact[] = lead.ownerId
      ? await ownerContacts(tx, workspaceId, lead.id, lead.ownerId, step.startedAt)
      : [];
    const progress = { ownerId: lead.ownerId, status: lead.status, tags: lead.tags, activities };
    if (!policy || isTargetMet(step.target as SlaTargetName, policy, progress, step.startedAt)) {
      await finishSteps(tx, workspaceId, [step.id], policy ? 'satisfied' : 'cancelled', now);
      continue;
    }
    // Done first: a new deal below cancels whatever is still pending on the lead.
    await finishSteps(tx, workspaceId, [step.id], 'done', now);
    const audit = (action: string, after: Record<string, unknown>): AuditEntry => ({
      workspaceId,
      actorType: 'system',
      actorId: null,
      action: `sla.${action}`,
      entity: 'lead',
      entityId: lead.id,
      before: { ownerId: lead.ownerId, teamId: lead.teamId },
      after: { deadlineId: step.id, step: step.step, target: step.target, deadline: step.deadline, ...after },
      at: now,
    });
    const data = stepData(lead, step);
    switch (step.action) {
      case 'remind':
      case 'notify_owner': {
        if (lead.ownerId) events.push({ workspaceId, userId: lead.ownerId, type: 'lead.deadline', data });
        audits.push(audit(step.action, { notified: lead.ownerId }));
        break;
      }
      case 'escalate_manager': {
        const managerId = lead.teamId ? (routing.managers.get(lead.teamId) ?? null) : null;
        if (managerId) events.push({ workspaceId, userId: managerId, type: 'lead.deadline', data });
        audits.push(audit(step.action, { notified: managerId }));
        break;
      }
      case 'reclaim_to_pool': {
        // Into the team's default pool (else the workspace's); with no pool at all, just unowned.
        const poolId = await returnToPool(tx, lead, `SLA ${step.step}`, now);
        if (!poolId) {
          await tx.execute(sql`UPDATE leads SET owner_id = NULL, pool_id = NULL, updated_at = ${now.toISOString()}::timestamptz
            WHERE workspace_id = ${workspaceId} AND id = ${lead.id}`);
          await tx.execute(cancelPendingStatement(workspaceId, [lead.id], now));
        }
        audits.push(audit(step.action, { ownerId: null, poolId }));
        // The former owner's list and workbench drop the lead at once, as on a release or a pool reclaim.
        if (lead.ownerId)
          events.push({
            workspaceId,
            userId: lead.ownerId,
            type: 'lead.pool',
            data: { leadId: lead.id, name: lead.name, move: 'reclaim', poolId, reason: `SLA ${step.step}` },
          });
        ended.add(lead.id);
        break;
      }
      case 'reassign_by_rules': {
        const routed = await routeNewLeads(tx, routing, workspaceId, [lead], now, 'handover', {
          reason: `SLA ${step.step}`,
          previousOwners: new Map(lead.ownerId ? [[lead.id, lead.ownerId]] : []),
        });
        const decision = routed.decisions[0]!;
        const moved = { ...lead, ownerId: decision.chosenUserId, teamId: decision.teamId, updatedAt: now };
        await writeTogether(tx, [
          ...routed.statements,
          updateLeadsStatement([{ ...moved, ...slaOf(routed, lead.id) }], ['ownerId', 'teamId', 'updatedAt']),
        ]);
        if (moved.ownerId)
          events.push({
            workspaceId,
            userId: moved.ownerId,
            type: 'lead.assigned',
            data: leadAssignedData(moved, now),
          });
        events.push(...routed.flags);
        audits.push(audit(step.action, { ownerId: moved.ownerId, teamId: moved.teamId }));
        ended.add(lead.id);
        break;
      }
    }
    performed++;
  }
  const statements = [];
  if (audits.length > 0) statements.push(auditStatement(audits));
  if (leadsTouched.size > 0) statements.push(refreshLeadSlaStatement(workspaceId, [...leadsTouched]));
  // The refresh must see the steps just finished, so it runs after them, not beside them.
  for (const statement of statements) await tx.execute(statement);
  await publishAllOnCommit(tx, events, now);
  return { performed, claimed: claimed.map(({ step }) => step.id) };
}

/**
 * The owner touched the lead (a contact-type activity): steps of targets now met are satisfied,
 * and the next follow-up is timed from this touch if the lead's policy has one. Runs in the
 * activity's transaction, with the lead locked.
 */
export async function recordOwnerTouch(
  tx: Tx,
  workspaceId: string,
  lead: LeadRow,
  touch: ActivityFact,
  now: Date,
): Promise<void> {
  if (!lead.ownerId) return;
  const pending = await pendingStepsOf(tx, workspaceId, lead.id);
  const policies = new Map<string, SlaPolicy | null>();
  const met: string[] = [];
  const progress = { ownerId: lead.ownerId, status: lead.status, tags: lead.tags, activities: [touch] };
  for (const step of pending) {
    if (step.ownerId !== lead.ownerId) continue;
    const policy = await policyOf(tx, workspaceId, step.policyId, policies);
    if (policy && isTargetMet(step.target as SlaTargetName, policy, progress, step.startedAt)) met.push(step.id);
  }
  await finishSteps(tx, workspaceId, met, 'satisfied', now);
  const policyId = await currentPolicyId(tx, workspaceId, lead.id, lead.ownerId);
  const policy = policyId ? await policyOf(tx, workspaceId, policyId, policies) : null;
  if (policy?.targets.nextFollowUp) {
    // One follow-up clock at a time: the one this touch starts replaces any still running.
    await tx.execute(sql`UPDATE lead_deadlines SET state = 'cancelled', done_at = ${now.toISOString()}::timestamptz
      WHERE workspace_id = ${workspaceId} AND lead_id = ${lead.id} AND state = 'pending' AND target = 'nextFollowUp'`);
    // Business time counts in the owner's calendar; read only when the follow-up counts it.
    const calendar = policy.targets.nextFollowUp.businessTime
      ? chooseCalendar(await loadCalendarDirectory(tx, workspaceId), lead).calendar
      : null;
    const rows = planRows(
      workspaceId,
      lead.id,
      lead.ownerId,
      policy,
      calendar,
      touch.at,
      ['nextFollowUp'],
      now,
      randomUUID,
    );
    if (rows.length > 0) await tx.execute(insertDeadlinesStatement(rows));
  }
  await tx.execute(refreshLeadSlaStatement(workspaceId, [lead.id]));
}
