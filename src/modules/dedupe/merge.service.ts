import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { descNullsLast, type Db, type Tx } from '../../platform/db/database.ts';
import {
  activities,
  duplicateCandidates,
  leadEvents,
  leadMerges,
  leads,
  leadTouches,
} from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { findLeadForUpdate, type LeadRow } from '../leads/lead.repository.ts';
import { routeNewLeads, slaOf } from '../routing/routing.service.ts';
import { cancelPendingStatement } from '../sla/deadline.repository.ts';
import { replanDeadlines } from '../sla/deadline-plan.service.ts';
import { loadWorkspaceRouting } from '../routing/workspace-routing.ts';
import { revertChange, survivorChange } from './dedupe.rules.ts';
import { reviveLeadRow } from './dedupe.repository.ts';

export interface MergeDeps {
  db: Db;
  clock: Clock;
}

export interface MergeView {
  id: string;
  survivorId: string;
  mergedId: string;
  kind: 'intake' | 'manual';
  mergedName: string | null;
  mergedAt: string;
  undoneAt: string | null;
}

/** Who may fold leads together or pull them apart: the people who manage the leads. */
function assertMayMerge(actor: Actor): void {
  if (actor.kind === 'user' && (actor.role === 'rep' || actor.role === 'marketing')) {
    throw new AppError('FORBIDDEN', 'Only a manager or an admin can merge leads');
  }
}

/**
 * Folds `mergedId` into `survivorId`: the survivor keeps its owner and status, gains what it
 * lacked, and takes over the other's touches and behaviour events; the other lead is removed
 * and kept whole on the merge record, so the merge can be undone.
 */
export async function mergeLeads(
  deps: MergeDeps,
  actor: Actor,
  input: { survivorId: string; mergedId: string; candidateId?: string },
): Promise<MergeView> {
  assertMayMerge(actor);
  if (input.survivorId === input.mergedId) {
    throw new AppError('VALIDATION_FAILED', 'A lead cannot be merged into itself', 'mergedId');
  }
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const workspaceId = actor.workspaceId;
  return deps.db.transaction(async (tx) => {
    // Locked in id order, so two merges of one pair cannot deadlock.
    const [first, second] = [input.survivorId, input.mergedId].sort();
    const locked = new Map<string, LeadRow | null>();
    for (const id of [first!, second!]) locked.set(id, await findLeadForUpdate(tx, workspaceId, id));
    const survivor = locked.get(input.survivorId);
    const merged = locked.get(input.mergedId);
    if (!survivor || !scopeAllows(scope, survivor.ownerId)) throw notFound('Lead');
    if (!merged || !scopeAllows(scope, merged.ownerId)) throw notFound('Lead');

    const change = survivorChange(survivor, merged);
    const before = Object.fromEntries(Object.keys(change).map((key) => [key, survivor[key as keyof LeadRow]]));
    await tx
      .update(leads)
      .set({ ...(change as Partial<LeadRow>), updatedAt: now })
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, survivor.id)));
    const touchIds = await moveRows(tx, leadTouches, workspaceId, merged.id, survivor.id);
    const eventIds = await moveRows(tx, leadEvents, workspaceId, merged.id, survivor.id);
    const activityIds = await moveRows(tx, activities, workspaceId, merged.id, survivor.id);
    await tx.delete(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, merged.id)));
    // Its deadlines go with it (an undo deals the lead again, with a fresh plan); the survivor keeps its own.
    await tx.execute(cancelPendingStatement(workspaceId, [merged.id], now));
    const [record] = await tx
      .insert(leadMerges)
      .values({
        id: randomUUID(),
        workspaceId,
        survivorId: survivor.id,
        mergedId: merged.id,
        kind: 'manual',
        survivorBefore: before,
        survivorAfter: change,
        mergedRow: merged,
        touchIds,
        eventIds,
        activityIds,
        mergedBy: actorRef(actor).actorId,
        mergedAt: now,
      })
      .returning();
    // Every open pair naming the removed lead is settled by this merge.
    await tx
      .update(duplicateCandidates)
      .set({ status: 'merged', resolvedAt: now, resolvedBy: actorRef(actor).actorId })
      .where(
        and(
          eq(duplicateCandidates.workspaceId, workspaceId),
          eq(duplicateCandidates.status, 'open'),
          or(eq(duplicateCandidates.leadId, merged.id), eq(duplicateCandidates.duplicateOfId, merged.id)),
        ),
      );
    await recordAudit(tx, {
      workspaceId,
      ...actorRef(actor),
      action: 'lead.merged',
      entity: 'lead',
      entityId: survivor.id,
      before,
      after: { ...change, mergedId: merged.id, touchIds, eventIds, activityIds },
      at: now,
    });
    return mergeView(record!, merged.name);
  });
}

async function moveRows(
  tx: Tx,
  table: typeof leadTouches | typeof leadEvents | typeof activities,
  workspaceId: string,
  fromLeadId: string,
  toLeadId: string,
  onlyIds?: string[],
): Promise<string[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  const moved = await tx
    .update(table)
    .set({ leadId: toLeadId })
    .where(
      and(
        eq(table.workspaceId, workspaceId),
        eq(table.leadId, fromLeadId),
        onlyIds ? inArray(table.id, onlyIds) : undefined,
      ),
    )
    .returning({ id: table.id });
  return moved.map((row) => row.id);
}

/**
 * Pulls a merged lead back out: a manual merge restores the removed lead as it was; an intake
 * merge creates the lead the submission would have made, dealt like any new lead. Touches and
 * events go back with it, and the survivor's filled fields return to what they were unless
 * someone has edited them since.
 */
export async function undoMerge(deps: MergeDeps, actor: Actor, mergeId: string): Promise<MergeView> {
  assertMayMerge(actor);
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const workspaceId = actor.workspaceId;
  return deps.db.transaction(async (tx) => {
    const [record] = await tx
      .select()
      .from(leadMerges)
      .where(and(eq(leadMerges.workspaceId, workspaceId), eq(leadMerges.id, mergeId)))
      .for('update');
    if (!record) throw notFound('Merge');
    if (record.undoneAt) throw new AppError('CONFLICT', 'This merge has already been undone');
    const survivor = await findLeadForUpdate(tx, workspaceId, record.survivorId);
    if (!survivor || !scopeAllows(scope, survivor.ownerId)) throw notFound('Merge');

    const restored = await restoredLead(tx, record, now);
    await tx.insert(leads).values(restored);
    // A lead merged by hand comes back to its owner: its deadlines (cancelled by the merge) start again.
    if (record.kind === 'manual') await replanDeadlines(tx, workspaceId, [restored], now);
    const touchIds = await moveRows(tx, leadTouches, workspaceId, survivor.id, restored.id, record.touchIds);
    const eventIds = await moveRows(tx, leadEvents, workspaceId, survivor.id, restored.id, record.eventIds);
    const activityIds = await moveRows(tx, activities, workspaceId, survivor.id, restored.id, record.activityIds);
    const revert = revertChange(
      survivor as unknown as Record<string, unknown>,
      record.survivorBefore as Record<string, unknown>,
      record.survivorAfter as Record<string, unknown>,
    );
    await tx
      .update(leads)
      .set({
        ...(revert as Partial<LeadRow>),
        touchCount: sql`GREATEST(${leads.touchCount} - ${touchIds.length}, 1)`,
        updatedAt: now,
      })
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, survivor.id)));
    // The pair this merge settled is open again: the two leads are back for a person to judge.
    await tx
      .update(duplicateCandidates)
      .set({ status: 'open', resolvedAt: null, resolvedBy: null })
      .where(
        and(
          eq(duplicateCandidates.workspaceId, workspaceId),
          eq(duplicateCandidates.status, 'merged'),
          or(
            and(eq(duplicateCandidates.leadId, restored.id), eq(duplicateCandidates.duplicateOfId, survivor.id)),
            and(eq(duplicateCandidates.leadId, survivor.id), eq(duplicateCandidates.duplicateOfId, restored.id)),
          ),
        ),
      );
    const [undone] = await tx
      .update(leadMerges)
      .set({ undoneAt: now, undoneBy: actorRef(actor).actorId })
      .where(and(eq(leadMerges.id, record.id), isNull(leadMerges.undoneAt)))
      .returning();
    await recordAudit(tx, {
      workspaceId,
      ...actorRef(actor),
      action: 'lead.merge_undone',
      entity: 'lead',
      entityId: survivor.id,
      before: record.survivorAfter,
      after: { ...revert, restoredId: restored.id, touchIds, eventIds, activityIds },
      at: now,
    });
    return mergeView(undone!, restored.name);
  });
}

async function restoredLead(tx: Tx, record: typeof leadMerges.$inferSelect, now: Date): Promise<LeadRow> {
  const saved = record.mergedRow as Record<string, unknown>;
  if (record.kind === 'manual') return { ...reviveLeadRow(saved), updatedAt: now };
  // An intake merge kept the cleaned submission: it becomes the lead it would have been.
  const { reason: _reason, score: _score, ...lead } = saved;
  const row = { ...(lead as unknown as LeadRow), id: record.mergedId, workspaceId: record.workspaceId, status: 'new' };
  const routing = await loadWorkspaceRouting(tx, record.workspaceId, now);
  const routed = await routeNewLeads(
    tx,
    routing,
    record.workspaceId,
    [{ ...row, score: row.score ?? 0, grade: row.grade ?? 'D', urgency: row.urgency ?? 'normal' }],
    now,
  );
  for (const statement of routed.statements) await tx.execute(statement);
  const decision = routed.decisions[0]!;
  return {
    ...row,
    status: 'new',
    ownerId: decision.chosenUserId,
    teamId: decision.teamId,
    ...slaOf(routed, row.id),
    touchCount: 1,
    lastTouchAt: record.mergedAt,
    createdAt: record.mergedAt,
    updatedAt: now,
  };
}

export async function listMerges(deps: MergeDeps, actor: Actor, leadId: string): Promise<MergeView[]> {
  const rows = await deps.db
    .select()
    .from(leadMerges)
    .where(and(eq(leadMerges.workspaceId, actor.workspaceId), eq(leadMerges.survivorId, leadId)))
    .orderBy(descNullsLast(leadMerges.mergedAt))
    .limit(100);
  return rows.map((row) => mergeView(row, (row.mergedRow as { name?: string } | null)?.name ?? null));
}

function mergeView(row: typeof leadMerges.$inferSelect, mergedName: string | null): MergeView {
  return {
    id: row.id,
    survivorId: row.survivorId,
    mergedId: row.mergedId,
    kind: row.kind,
    mergedName,
    mergedAt: row.mergedAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}
