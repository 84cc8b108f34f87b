import type { Clock } from '../../platform/clock.ts';
import { workspaceScoring, type ScoringCacheDeps } from '../scoring/workspace-scoring.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { intakeSettings } from '../intake/intake-settings.ts';
import { workspaceRouting, type RoutingCacheDeps } from '../routing/workspace-routing.ts';
import { cleanSubmission, writeIntakeBatch } from '../intake/intake.service.ts';
import { decodeCursor, encodeCursor } from '../leads/lead.rules.ts';
import {
  findHeld,
  listHeld,
  openCounts,
  resolveOpen,
  setResolvedLead,
  type HeldRowWithName,
} from './quarantine.repository.ts';
import { proposeFix, releaseActor, summarise } from './quarantine.rules.ts';
import type { DiscardBody, HeldView, ListHeldQuery, ReleaseBody } from './quarantine.schemas.ts';

export interface QuarantineDeps extends ScoringCacheDeps, RoutingCacheDeps {
  db: Db;
  clock: Clock;
  /** The embedded engine runs one transaction at a time; intake then skips its contact locks. */
  serialisedTransactions: boolean;
}

function toView(row: HeldRowWithName, customFieldNames: readonly string[]): HeldView {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    field: row.field,
    message: row.message,
    source: row.source,
    channel: row.channel,
    channelId: row.channelId,
    payload: row.payload,
    clientIp: row.clientIp,
    receivedAt: row.receivedAt.toISOString(),
    resolution: row.resolution,
    resolvedLeadId: row.resolvedLeadId,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolvedByName: row.resolvedByName,
    proposal: proposeFix(row.payload, customFieldNames),
  };
}

async function customFieldNames(deps: QuarantineDeps, workspaceId: string): Promise<string[]> {
  return (await intakeSettings(deps, workspaceId)).fields.map((field) => field.name);
}

/** Only people review held submissions; the route admits no API key. */
function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Only a signed-in user can resolve held submissions');
  return actor.userId;
}

function alreadyResolved(resolution: string): AppError {
  return new AppError('CONFLICT', `This submission was already ${resolution}`);
}

export async function listHeldSubmissions(deps: QuarantineDeps, actor: Actor, query: ListHeldQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', 'cursor');
  const [page, names] = await Promise.all([
    listHeld(deps.db, actor.workspaceId, { kind: query.kind, status: query.status, after, limit: query.limit }),
    customFieldNames(deps, actor.workspaceId),
  ]);
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((row) => toView(row, names)),
    nextCursor: page.hasMore && last ? encodeCursor({ createdAt: last.receivedAt, id: last.id }) : null,
  };
}

export async function getHeldSubmission(deps: QuarantineDeps, actor: Actor, id: string): Promise<HeldView> {
  const row = await findHeld(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Held submission');
  return toView(row, await customFieldNames(deps, actor.workspaceId));
}

export async function heldSummary(deps: Pick<QuarantineDeps, 'db'>, actor: Actor) {
  const counts = await openCounts(deps.db, actor.workspaceId);
  return summarise(counts.map((row) => ({ ...row, count: Number(row.count) })));
}

/**
 * Writes the fixed lead through intake as if it had come, fixed, through its original channel,
 * and marks the row released — in one transaction, so a lead exists exactly when its row says
 * released, and of two users releasing at once the second gets a conflict. Values that are still
 * invalid are refused with the field to fix; the row stays open and no new rejection is kept
 * (the attempt is a correction, not a submission).
 */
export async function releaseHeld(deps: QuarantineDeps, actor: Actor, id: string, body: ReleaseBody) {
  const userId = userIdOf(actor);
  const held = await findHeld(deps.db, actor.workspaceId, id);
  if (!held) throw notFound('Held submission');
  if (held.resolution) throw alreadyResolved(held.resolution);
  const submission = cleanSubmission(releaseActor(held), body.lead, await intakeSettings(deps, actor.workspaceId));
  if (submission instanceof AppError) {
    throw new AppError(submission.code, submission.message, submission.field ? `lead.${submission.field}` : undefined);
  }
  const now = deps.clock.now();
  const scoring = await workspaceScoring(deps, actor.workspaceId);
  const routing = await workspaceRouting(deps, actor.workspaceId);
  return deps.db.transaction(async (tx) => {
    const claimed = await resolveOpen(tx, actor.workspaceId, id, {
      resolution: 'released',
      resolvedBy: userId,
      resolvedAt: now,
    });
    if (!claimed) throw await whyNotOpen(tx, actor.workspaceId, id);
    // Intake's own writer, inside this transaction (a savepoint): the lead and the release commit together.
    const [outcome] = await writeIntakeBatch(
      {
        db: tx as unknown as Db,
        clock: deps.clock,
        serialisedTransactions: deps.serialisedTransactions,
        scoring: () => Promise.resolve(scoring),
        routing: () => Promise.resolve(routing),
      },
      [submission],
    );
    if (!outcome?.ok) throw outcome?.error ?? new AppError('INTERNAL', 'The lead could not be written');
    const { lead, deduplicated } = outcome.value;
    await setResolvedLead(tx, actor.workspaceId, id, lead.id);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorType: 'user',
      actorId: userId,
      action: 'intake_rejection.released',
      entity: 'intake_rejection',
      entityId: id,
      before: { kind: held.kind, code: held.code, field: held.field, message: held.message, resolution: null },
      after: { resolution: 'released', resolvedLeadId: lead.id, deduplicated, lead: body.lead },
      at: now,
    });
    return { leadId: lead.id, deduplicated };
  });
}

/** Set aside for good, but kept: the row and its payload stay, marked discarded. */
export async function discardHeld(deps: QuarantineDeps, actor: Actor, id: string, body: DiscardBody | undefined) {
  const userId = userIdOf(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const discarded = await resolveOpen(tx, actor.workspaceId, id, {
      resolution: 'discarded',
      resolvedBy: userId,
      resolvedAt: now,
    });
    if (!discarded) throw await whyNotOpen(tx, actor.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorType: 'user',
      actorId: userId,
      action: 'intake_rejection.discarded',
      entity: 'intake_rejection',
      entityId: id,
      before: { kind: discarded.kind, code: discarded.code, resolution: null },
      after: { resolution: 'discarded', note: body?.note ?? null },
      at: now,
    });
  });
  return getHeldSubmission(deps, actor, id);
}

async function whyNotOpen(db: Executor, workspaceId: string, id: string): Promise<AppError> {
  const row = await findHeld(db, workspaceId, id);
  return row ? alreadyResolved(row.resolution ?? 'resolved') : notFound('Held submission');
}
