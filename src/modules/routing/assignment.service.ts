import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { queryRows, writeTogether, type Db, type Executor } from '../../platform/db/database.ts';
import { leads, users } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { auditStatement } from '../audit/audit.repository.ts';
import { findUser } from '../identity/identity.repository.ts';
import { scopeAllows, type LeadScope } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { updateLeadsStatement, type LeadRow } from '../leads/lead.repository.ts';
import { getLead } from '../leads/lead.service.ts';
import { leadAssignedData, notifyAllSelect, publishInvalidation, type RealtimeEvent } from '../realtime/realtime.ts';
import { notificationStatements } from '../notifications/notification-write.ts';
import { assignmentHistory, insertAssignmentsStatement, latestAssignment } from './routing.repository.ts';
import type { AssignmentView } from './routing.schemas.ts';
import { routeNewLeads, slaOf } from './routing.service.ts';
import { replanDeadlines } from '../sla/deadline-plan.service.ts';
import { loadWorkspaceRouting, type WorkspaceRouting } from './workspace-routing.ts';

export interface AssignmentDeps {
  db: Db;
  clock: Clock;
  routingCache: TtlCache<WorkspaceRouting>;
}

type AssignmentRow = NonNullable<Awaited<ReturnType<typeof latestAssignment>>>;

function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    ruleSetVersion: row.ruleSetVersion,
    ruleId: row.ruleId,
    strategy: row.strategy,
    chosenUserId: row.chosenUserId,
    candidates: row.candidates,
    kind: row.kind,
    teamId: row.teamId,
    previousOwnerId: row.previousOwnerId,
    reason: row.reason,
    actorId: row.actorId,
    details: row.details,
    assignedAt: row.createdAt.toISOString(),
  };
}

/** Why the lead has its owner: the latest assignment's explanation (the lead must be visible to the actor). */
export async function leadAssignment(deps: AssignmentDeps, actor: Actor, leadId: string): Promise<AssignmentView> {
  await getLead(deps, actor, leadId);
  const row = await latestAssignment(deps.db, actor.workspaceId, leadId);
  if (!row) throw notFound('Assignment');
  return toAssignmentView(row);
}

export async function leadAssignments(deps: AssignmentDeps, actor: Actor, leadId: string) {
  await getLead(deps, actor, leadId);
  return (await assignmentHistory(deps.db, actor.workspaceId, leadId)).map(toAssignmentView);
}

const mayMove = (actor: Actor) => actor.kind === 'api_key' || actor.role === 'admin' || actor.role === 'manager';

async function checkNewOwner(db: Executor, actor: Actor, scope: LeadScope, userId: string) {
  const owner = await findUser(db, actor.workspaceId, userId);
  if (!owner || !owner.active || !scopeAllows(scope, userId))
    throw new AppError('VALIDATION_FAILED', 'The new owner is not an active user you manage', 'userId');
  return owner;
}

async function lockLeads(db: Executor, workspaceId: string, ids: string[]): Promise<LeadRow[]> {
  return db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)))
    .orderBy(leads.id)
    .for('update');
}

/**
 * Gives leads to a named rep by hand, with a reason: each move is recorded as an assignment
 * (who, why, from whom) and audited, and the new owner hears of each lead.
 */
export async function transferLeads(
  deps: AssignmentDeps,
  actor: Actor,
  input: { leadIds: string[]; toUserId: string; reason: string },
  kind: 'manual' | 'transfer' = 'transfer',
): Promise<{ moved: number; toPool: number }> {
  if (!mayMove(actor)) throw new AppError('FORBIDDEN', 'Only a manager or an admin can reassign leads');
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const ids = [...new Set(input.leadIds)];
  return deps.db.transaction(async (tx) => {
    const owner = await checkNewOwner(tx, actor, scope, input.toUserId);
    const rows = await lockLeads(tx, actor.workspaceId, ids);
    const visible = rows.filter((row) => scopeAllows(scope, row.ownerId) || (scope.kind === 'all' && !row.ownerId));
    if (visible.length < ids.length) throw notFound(ids.length === 1 ? 'Lead' : 'One of the leads');
    const moving = visible.filter((row) => row.ownerId !== owner.id);
    const moved = moving.map((row) => ({ ...row, ownerId: owner.id, teamId: owner.teamId, updatedAt: now }));
    const statements = movedStatements(actor, moving, moved, now, {
      kind,
      reason: input.reason,
      candidates: () => [{ userId: owner.id, score: 1 }],
      strategy: () => 'manual',
    });
    const events = assignedEvents(actor.workspaceId, moved, now);
    await writeTogether(tx, [...statements, ...notificationStatements(events, now)], eventsSelect(events));
    await replanDeadlines(tx, actor.workspaceId, moved, now);
    return { moved: moved.length, toPool: 0 };
  });
}

/**
 * A rep leaves: they are marked inactive (or on leave) and their open leads are dealt again by the
 * published rules as if new, so account owners, rules and team strategies decide; the history
 * stays on each lead and every new owner is told.
 */
export async function handOver(
  deps: AssignmentDeps,
  actor: Actor,
  userId: string,
  input: { reason: string; deactivate: boolean },
): Promise<{ moved: number; toPool: number }> {
  if (!mayMove(actor)) throw new AppError('FORBIDDEN', 'Only a manager or an admin can hand over leads');
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const leaving = await findUser(tx, actor.workspaceId, userId);
    if (!leaving || !scopeAllows(scope, userId)) throw notFound('User');
    await tx
      .update(users)
      .set(input.deactivate ? { active: false } : { onLeave: true })
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, userId)));
    const open = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM leads WHERE workspace_id = ${actor.workspaceId} AND owner_id = ${userId}
          AND status IN ('new', 'contacted', 'qualified') ORDER BY created_at, id`,
    );
    const rows = await lockLeads(
      tx,
      actor.workspaceId,
      open.map((row) => row.id),
    );
    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    const routing = await loadWorkspaceRouting(tx, actor.workspaceId, now);
    const routed = await routeNewLeads(tx, routing, actor.workspaceId, rows, now, 'handover', {
      actorId: actor.kind === 'user' ? actor.userId : null,
      reason: input.reason,
      previousOwners: new Map(rows.map((row) => [row.id, userId])),
    });
    const moved = rows.map((row, index) => {
      const decision = routed.decisions[index]!;
      return {
        ...row,
        ownerId: decision.chosenUserId,
        teamId: decision.teamId,
        ...slaOf(routed, row.id),
        updatedAt: now,
      };
    });
    const statements: SQLWrapper[] = [...routed.statements];
    if (moved.length > 0)
      statements.push(updateLeadsStatement(moved, ['ownerId', 'teamId', 'slaDueAt', 'slaStep', 'updatedAt']));
    statements.push(
      auditStatement([
        {
          workspaceId: actor.workspaceId,
          ...actorRef(actor),
          action: 'user.handed_over',
          entity: 'user',
          entityId: userId,
          after: { reason: input.reason, deactivated: input.deactivate, leads: moved.length },
          at: now,
        },
        ...moved.map((row) => reassignAudit(actor, row.id, userId, row.ownerId, input.reason, now)),
      ]),
    );
    const events = assignedEvents(actor.workspaceId, moved, now, routed.flags);
    await writeTogether(tx, [...statements, ...notificationStatements(events, now)], eventsSelect(events));
    await publishInvalidation(tx, 'routing');
    return { moved: moved.filter((row) => row.ownerId).length, toPool: moved.filter((row) => !row.ownerId).length };
  });
  deps.routingCache.clear();
  return result;
}

function reassignAudit(actor: Actor, leadId: string, from: string | null, to: string | null, reason: string, at: Date) {
  return {
    workspaceId: actor.workspaceId,
    ...actorRef(actor),
    action: 'lead.reassigned',
    entity: 'lead',
    entityId: leadId,
    before: { ownerId: from },
    after: { ownerId: to, reason },
    at,
  };
}

/** The writes of a manual move: owners, one assignment row and one audit record per lead. */
function movedStatements(
  actor: Actor,
  before: LeadRow[],
  after: LeadRow[],
  now: Date,
  how: {
    kind: 'manual' | 'transfer';
    reason: string | null;
    candidates: (row: LeadRow) => { userId: string; score: number }[];
    strategy: (row: LeadRow) => string;
  },
): SQLWrapper[] {
  if (after.length === 0) return [];
  return [
    updateLeadsStatement(after, ['ownerId', 'teamId', 'updatedAt']),
    insertAssignmentsStatement(
      after.map((row, index) => ({
        id: randomUUID(),
        workspaceId: actor.workspaceId,
        leadId: row.id,
        kind: how.kind,
        strategy: how.strategy(row),
        teamId: row.teamId,
        chosenUserId: row.ownerId,
        previousOwnerId: before[index]!.ownerId,
        candidates: how.candidates(row),
        details: {},
        reason: how.reason,
        actorId: actor.kind === 'user' ? actor.userId : null,
        createdAt: now,
      })),
    ),
    auditStatement(
      after.map((row, index) =>
        reassignAudit(actor, row.id, before[index]!.ownerId, row.ownerId, how.reason ?? '', now),
      ),
    ),
  ];
}

function assignedEvents(workspaceId: string, moved: LeadRow[], now: Date, extra: RealtimeEvent[] = []) {
  const events: RealtimeEvent[] = [
    ...moved.flatMap((row): RealtimeEvent[] =>
      row.ownerId
        ? [{ workspaceId, userId: row.ownerId, type: 'lead.assigned', data: leadAssignedData(row, now) }]
        : [],
    ),
    ...extra,
  ];
  return events;
}

const eventsSelect = (events: RealtimeEvent[]) => (events.length > 0 ? notifyAllSelect(events) : undefined);
