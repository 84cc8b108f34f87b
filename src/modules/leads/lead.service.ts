import type { SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { writeTogether, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { auditStatement, recordAudit } from '../audit/audit.repository.ts';
import { findUser } from '../identity/identity.repository.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { notifySelect, publishOnCommit } from '../realtime/realtime.ts';
import { assignByRoundRobin } from '../routing/routing.service.ts';
import {
  findByContact,
  findLeadForUpdate,
  findLeadView,
  insertLeadStatement,
  insertRejection,
  insertTouchStatement,
  listLeadViews,
  leadRowToView,
  listTouches,
  lockContactKeys,
  ownerName,
  updateLead,
  updateLeadStatement,
  type LeadRow,
} from './lead.repository.ts';
import { decodeCursor, encodeCursor, fillGaps, normaliseLead, type CleanLead } from './lead.rules.ts';
import type { CreateLeadBody, LeadView, ListLeadsQuery, UpdateLeadBody } from './lead.schemas.ts';

export interface LeadDeps {
  db: Db;
  clock: Clock;
}

export interface IntakeResult {
  lead: LeadView;
  deduplicated: boolean;
}

function sourceOf(actor: Actor): string {
  return actor.kind === 'api_key' ? (actor.channel ?? 'api') : 'manual';
}

/** Keeps what we could not accept, with the reason, so no submission is ever silently lost. */
export async function recordRejectedIntake(deps: LeadDeps, actor: Actor, payload: unknown, error: AppError) {
  await insertRejection(deps.db, {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    source: sourceOf(actor),
    channel: actor.kind === 'api_key' ? actor.channel : null,
    code: error.code,
    field: error.field ?? null,
    message: error.message,
    payload: (payload ?? null) as object,
    receivedAt: deps.clock.now(),
  });
}

/**
 * Cleans a submitted lead, merges it into an existing lead with the same phone or e-mail (the
 * submission becomes a new touch), or creates it and assigns it by round robin — all in one
 * transaction, with the owner's pop-up sent on commit.
 */
export async function intakeLead(deps: LeadDeps, actor: Actor, body: CreateLeadBody): Promise<IntakeResult> {
  const cleaned = normaliseLead(body, sourceOf(actor));
  if (!cleaned.ok) {
    const error = new AppError(cleaned.code, cleaned.message, cleaned.field);
    await recordRejectedIntake(deps, actor, body, error);
    throw error;
  }
  const lead = cleaned.value;
  const now = deps.clock.now();
  const touch: NewTouch = {
    workspaceId: actor.workspaceId,
    source: lead.source,
    channel: actor.kind === 'api_key' ? actor.channel : null,
    payload: body,
    receivedAt: now,
  };
  return deps.db.transaction(async (tx) => {
    const keys = [lead.phone && `phone:${lead.phone}`, lead.email && `email:${lead.email}`].filter(
      (key): key is string => Boolean(key),
    );
    await lockContactKeys(tx, actor.workspaceId, keys);
    const existing = await findByContact(tx, actor.workspaceId, lead);
    return existing ? touchExisting(tx, actor, existing, lead, touch) : createLead(tx, actor, lead, touch);
  });
}

type NewTouch = { workspaceId: string; source: string; channel: string | null; payload: unknown; receivedAt: Date };

async function createLead(tx: Tx, actor: Actor, lead: CleanLead, touch: NewTouch): Promise<IntakeResult> {
  const now = touch.receivedAt;
  const assignment = await assignByRoundRobin(tx, actor.workspaceId, now);
  const created: LeadRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    ...lead,
    status: 'new',
    ownerId: assignment?.ownerId ?? null,
    teamId: assignment?.teamId ?? null,
    touchCount: 1,
    lastTouchAt: now,
    createdAt: now,
    updatedAt: now,
  };
  const statements: SQLWrapper[] = [
    insertLeadStatement(tx, created),
    insertTouchStatement(tx, { id: randomUUID(), leadId: created.id, ...touch }),
    auditStatement(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'lead.created',
      entity: 'lead',
      entityId: created.id,
      after: created,
      at: now,
    }),
  ];
  if (assignment) statements.push(assignment.commit);
  const popUp = assignment
    ? notifySelect({
        workspaceId: actor.workspaceId,
        userId: assignment.ownerId,
        type: 'lead.assigned',
        data: assignedEventData(created, now),
      })
    : undefined;
  await writeTogether(tx, statements, popUp);
  return { lead: leadRowToView(created, assignment?.ownerName ?? null), deduplicated: false };
}

async function touchExisting(
  tx: Tx,
  actor: Actor,
  existing: LeadRow,
  incoming: CleanLead,
  touch: NewTouch,
): Promise<IntakeResult> {
  const gaps = fillGaps(existing, incoming, ['phone', 'email', 'company', 'title', 'province', 'city']);
  const change = {
    ...gaps,
    touchCount: existing.touchCount + 1,
    lastTouchAt: touch.receivedAt,
    updatedAt: touch.receivedAt,
  };
  const updated: LeadRow = { ...existing, ...change };
  const statements: SQLWrapper[] = [
    updateLeadStatement(tx, actor.workspaceId, existing.id, change),
    insertTouchStatement(tx, { id: randomUUID(), leadId: existing.id, ...touch }),
    auditStatement(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'lead.touched',
      entity: 'lead',
      entityId: existing.id,
      before: { touchCount: existing.touchCount, ...pick(existing, Object.keys(gaps)) },
      after: { touchCount: updated.touchCount, ...gaps },
      at: touch.receivedAt,
    }),
  ];
  const notice = updated.ownerId
    ? notifySelect({
        workspaceId: actor.workspaceId,
        userId: updated.ownerId,
        type: 'lead.touched',
        data: { leadId: updated.id, name: updated.name, source: touch.source, touchCount: updated.touchCount },
      })
    : undefined;
  await writeTogether(tx, statements, notice);
  return { lead: leadRowToView(updated, await ownerName(tx, actor.workspaceId, updated.ownerId)), deduplicated: true };
}

export async function getLead(deps: LeadDeps, actor: Actor, id: string): Promise<LeadView> {
  const scope = await leadScopeOf(deps.db, actor);
  const lead = await findLeadView(deps.db, actor.workspaceId, id, scope);
  if (!lead) throw notFound('Lead');
  return lead;
}

export async function listLeads(deps: LeadDeps, actor: Actor, query: ListLeadsQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', 'cursor');
  const scope = await leadScopeOf(deps.db, actor);
  const page = await listLeadViews(deps.db, actor.workspaceId, scope, { ...query, after });
  const last = page.rows.at(-1);
  return {
    items: page.rows,
    nextCursor: page.hasMore && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null,
  };
}

export async function listLeadTouches(deps: LeadDeps, actor: Actor, id: string) {
  await getLead(deps, actor, id);
  const touches = await listTouches(deps.db, actor.workspaceId, id);
  return touches.map((touch) => ({
    id: touch.id,
    source: touch.source,
    channel: touch.channel,
    receivedAt: touch.receivedAt.toISOString(),
    payload: (touch.payload ?? {}) as Record<string, unknown>,
  }));
}

export async function changeLead(deps: LeadDeps, actor: Actor, id: string, patch: UpdateLeadBody): Promise<LeadView> {
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await findLeadForUpdate(tx, actor.workspaceId, id);
    if (!before || !scopeAllows(scope, before.ownerId)) throw notFound('Lead');
    const reassigning = patch.ownerId !== undefined && patch.ownerId !== before.ownerId;
    if (reassigning) await checkReassignment(tx, actor, scope, patch.ownerId ?? null);
    const after = await updateLead(tx, actor.workspaceId, id, { ...patch, updatedAt: now });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: reassigning ? 'lead.reassigned' : 'lead.updated',
      entity: 'lead',
      entityId: id,
      before: pick(before, Object.keys(patch)),
      after: pick(after, Object.keys(patch)),
      at: now,
    });
    if (reassigning && after.ownerId) {
      await publishOnCommit(tx, {
        workspaceId: actor.workspaceId,
        userId: after.ownerId,
        type: 'lead.assigned',
        data: assignedEventData(after, now),
      });
    }
    return leadRowToView(after, await ownerName(tx, actor.workspaceId, after.ownerId));
  });
}

async function checkReassignment(
  tx: Tx,
  actor: Actor,
  scope: Awaited<ReturnType<typeof leadScopeOf>>,
  ownerId: string | null,
) {
  const mayReassign = actor.kind === 'api_key' || actor.role === 'admin' || actor.role === 'manager';
  if (!mayReassign) throw new AppError('FORBIDDEN', 'Only a manager or an admin can reassign a lead', 'ownerId');
  if (ownerId === null) return;
  const owner = await findUser(tx, actor.workspaceId, ownerId);
  if (!owner || !owner.active || !scopeAllows(scope, ownerId)) {
    throw new AppError('VALIDATION_FAILED', 'The new owner is not an active user you manage', 'ownerId');
  }
}

function assignedEventData(lead: LeadRow, at: Date) {
  return {
    leadId: lead.id,
    name: lead.name,
    company: lead.company,
    source: lead.source,
    ownerId: lead.ownerId,
    assignedAt: at.toISOString(),
  };
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}
