import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findUser } from '../identity/identity.repository.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { checkCustomValues, mergeCustom } from '../fields/field.rules.ts';
import { intakeSettings } from '../intake/intake-settings.ts';
import { rescoreLeads } from '../scoring/scoring.service.ts';
import { workspaceScoring, type ScoringCacheDeps } from '../scoring/workspace-scoring.ts';
import { leadAssignedData, publishOnCommit } from '../realtime/realtime.ts';
import { manualAssignmentStatement } from '../routing/routing.repository.ts';
import { endDeadlines, replanDeadlines } from '../sla/deadline-plan.service.ts';

/** The statuses with nothing left to chase (the SLA core counts every target met for them). */
const closedStatuses: ReadonlySet<string> = new Set(['won', 'lost', 'unqualified']);
import {
  findLeadForUpdate,
  findLeadView,
  leadRowToView,
  listLeadViews,
  listTouches,
  ownerName,
  updateLead,
} from './lead.repository.ts';
import { decodeCursor, encodeCursor, isClosedStatus } from './lead.rules.ts';
import type { LeadView, ListLeadsQuery, UpdateLeadBody } from './lead.schemas.ts';

export interface LeadDeps {
  db: Db;
  clock: Clock;
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

export async function changeLead(
  deps: LeadDeps & ScoringCacheDeps,
  actor: Actor,
  id: string,
  body: UpdateLeadBody,
): Promise<LeadView> {
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const { custom: customChange, ...patch } = body;
  const checked = customChange
    ? checkCustomValues((await intakeSettings(deps, actor.workspaceId)).fields, customChange)
    : null;
  if (checked && !checked.ok) throw new AppError('VALIDATION_FAILED', checked.message, checked.field);
  const scoring = await workspaceScoring(deps, actor.workspaceId);
  return deps.db.transaction(async (tx) => {
    const before = await findLeadForUpdate(tx, actor.workspaceId, id);
    if (!before || !scopeAllows(scope, before.ownerId)) throw notFound('Lead');
    const reassigning = patch.ownerId !== undefined && patch.ownerId !== before.ownerId;
    // A reassigned lead moves to its new owner's team (and to no team when it loses its owner).
    const teamChange = reassigning ? { teamId: await checkReassignment(tx, actor, scope, patch.ownerId ?? null) } : {};
    const customPatch = checked?.ok ? { custom: mergeCustom(before.custom, checked.value) } : {};
    const closing = patch.status !== undefined ? { closedAt: closedAt(before, patch.status, now) } : {};
    const updated = await updateLead(tx, actor.workspaceId, id, {
      ...patch,
      ...teamChange,
      ...customPatch,
      ...closing,
      updatedAt: now,
    });
    const scored = (await rescoreLeads(tx, scoring, actor.workspaceId, [id], now)).get(id);
    const after = { ...updated, ...scored };
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: reassigning ? 'lead.reassigned' : 'lead.updated',
      entity: 'lead',
      entityId: id,
      before: pick(before, [...Object.keys(patch), ...Object.keys(teamChange), ...Object.keys(customPatch)]),
      after: pick(after, [...Object.keys(patch), ...Object.keys(teamChange), ...Object.keys(customPatch)]),
      at: now,
    });
    if (reassigning)
      await tx.execute(
        manualAssignmentStatement(actor.workspaceId, actor.kind === 'user' ? actor.userId : null, before, after, now),
      );
    // The deadlines start again for the new owner (or, without one, time the assignment); closing ends them.
    const ending = patch.status !== undefined && closedStatuses.has(patch.status) && !closedStatuses.has(before.status);
    let sla = {};
    if (ending) {
      await endDeadlines(tx, actor.workspaceId, id, now);
      sla = { slaDueAt: null, slaStep: null };
    } else if (reassigning) sla = (await replanDeadlines(tx, actor.workspaceId, [after], now)).get(id)!;
    if (reassigning && after.ownerId) {
      await publishOnCommit(
        tx,
        {
          workspaceId: actor.workspaceId,
          userId: after.ownerId,
          type: 'lead.assigned',
          data: leadAssignedData(after, now),
        },
        now,
      );
    }
    return leadRowToView({ ...after, ...sla }, await ownerName(tx, actor.workspaceId, after.ownerId));
  });
}

async function checkReassignment(
  tx: Tx,
  actor: Actor,
  scope: Awaited<ReturnType<typeof leadScopeOf>>,
  ownerId: string | null,
): Promise<string | null> {
  const mayReassign = actor.kind === 'api_key' || actor.role === 'admin' || actor.role === 'manager';
  if (!mayReassign) throw new AppError('FORBIDDEN', 'Only a manager or an admin can reassign a lead', 'ownerId');
  if (ownerId === null) return null;
  const owner = await findUser(tx, actor.workspaceId, ownerId);
  if (!owner || !owner.active || !scopeAllows(scope, ownerId)) {
    throw new AppError('VALIDATION_FAILED', 'The new owner is not an active user you manage', 'ownerId');
  }
  return owner.teamId;
}

/** A lead is closed when it is won or lost; reopening it clears the date, closing it again keeps the first. */
function closedAt(before: { status: string; closedAt: Date | null }, status: string, now: Date): Date | null {
  if (!isClosedStatus(status)) return null;
  return before.status === status ? before.closedAt : now;
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}
