import { randomUUID } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { writeTogether, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { BatchOutcome } from '../../platform/batcher.ts';
import { auditStatement, type AuditEntry } from '../audit/audit.repository.ts';
import {
  findByContacts,
  insertLeadsStatement,
  insertRejection,
  insertTouchesStatement,
  leadRowToView,
  lockContactKeys,
  updateLeadStatement,
} from '../leads/lead.repository.ts';
import { normaliseLead } from '../leads/lead.rules.ts';
import type { CreateLeadBody, LeadView } from '../leads/lead.schemas.ts';
import { notifyAllSelect, type RealtimeEvent } from '../realtime/realtime.ts';
import { dealNewLeads } from '../routing/routing.service.ts';
import { contactKeys, planIntake, type IntakeItem, type IntakePlan, type PlannedLead } from './intake.rules.ts';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /**
   * True on the embedded database, whose transactions already run one at a time: the contact
   * locks that keep concurrent PostgreSQL transactions from creating one person twice are
   * skipped there (a round trip saved per batch).
   */
  serialisedTransactions: boolean;
}

export interface Submission {
  actor: Actor;
  item: IntakeItem;
}

export interface IntakeResult {
  lead: LeadView;
  deduplicated: boolean;
}

export function sourceOf(actor: Actor): string {
  return actor.kind === 'api_key' ? (actor.channel ?? 'api') : 'manual';
}

/** Keeps what we could not accept, with the reason, so no submission is ever silently lost. */
export async function recordRejectedIntake(
  deps: Pick<IntakeDeps, 'db' | 'clock'>,
  actor: Actor,
  payload: unknown,
  error: AppError,
) {
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

/** Cleans a submission; one that cannot be a lead is kept as a rejection and refused. */
export async function acceptSubmission(
  deps: Pick<IntakeDeps, 'db' | 'clock'>,
  actor: Actor,
  body: CreateLeadBody,
): Promise<Submission> {
  const cleaned = normaliseLead(body, sourceOf(actor));
  if (!cleaned.ok) {
    const error = new AppError(cleaned.code, cleaned.message, cleaned.field);
    await recordRejectedIntake(deps, actor, body, error);
    throw error;
  }
  return {
    actor,
    item: { lead: cleaned.value, channel: actor.kind === 'api_key' ? actor.channel : null, payload: body },
  };
}

/**
 * Writes a batch of accepted submissions in one transaction: per workspace, it locks their
 * contact keys, finds the leads they repeat, creates the rest and deals them by round robin,
 * and records every submission as a touch with its audit record; the owners' pop-ups go out
 * on commit.
 */
export async function writeIntakeBatch(
  deps: IntakeDeps,
  submissions: Submission[],
): Promise<BatchOutcome<IntakeResult>[]> {
  const now = deps.clock.now();
  const outcomes: BatchOutcome<IntakeResult>[] = new Array(submissions.length);
  const byWorkspace = new Map<string, number[]>();
  submissions.forEach((submission, index) => {
    const indexes = byWorkspace.get(submission.actor.workspaceId) ?? [];
    indexes.push(index);
    byWorkspace.set(submission.actor.workspaceId, indexes);
  });
  await deps.db.transaction(async (tx) => {
    for (const [workspaceId, indexes] of byWorkspace) {
      const results = await writeWorkspaceBatch(
        tx,
        workspaceId,
        indexes.map((index) => submissions[index]!),
        now,
      );
      indexes.forEach((index, position) => (outcomes[index] = { ok: true, value: results[position]! }));
    }
  });
  return outcomes;
}

async function writeWorkspaceBatch(
  tx: Tx,
  workspaceId: string,
  batch: Submission[],
  now: Date,
): Promise<IntakeResult[]> {
  const items = batch.map((submission) => submission.item);
  await lockContactKeys(
    tx,
    workspaceId,
    items.flatMap((item) => contactKeys(item.lead)),
  );
  const found = await findByContacts(tx, workspaceId, {
    phones: items.flatMap((item) => (item.lead.phone ? [item.lead.phone] : [])),
    emails: items.flatMap((item) => (item.lead.email ? [item.lead.email] : [])),
  });
  const ownerNames = new Map(found.map(({ lead, ownerName }) => [lead.ownerId, ownerName]));
  const plan = planIntake(
    workspaceId,
    items,
    found.map(({ lead }) => lead),
    now,
    randomUUID,
  );
  const created = plan.leads.filter((lead) => lead.before === null);
  const deal = await dealNewLeads(tx, workspaceId, created.length, now);
  created.forEach((lead, index) => {
    const assignment = deal?.assignments[index];
    if (!assignment) return;
    lead.row = { ...lead.row, ownerId: assignment.ownerId, teamId: assignment.teamId };
    ownerNames.set(assignment.ownerId, assignment.ownerName);
  });

  const statements: SQLWrapper[] = [];
  if (created.length > 0) statements.push(insertLeadsStatement(created.map((lead) => lead.row)));
  for (const lead of plan.leads) {
    if (!lead.before) continue;
    const { id: _id, workspaceId: _workspace, ...change } = lead.row;
    statements.push(updateLeadStatement(tx, workspaceId, lead.row.id, change));
  }
  statements.push(
    insertTouchesStatement(
      batch.map((submission, index) => ({
        id: randomUUID(),
        workspaceId,
        leadId: plan.outcomes[index]!.leadId,
        source: submission.item.lead.source,
        channel: submission.item.channel,
        payload: submission.item.payload,
        receivedAt: now,
      })),
    ),
  );
  statements.push(auditStatement(auditEntries(workspaceId, batch, plan, now)));
  if (deal) statements.push(deal.commit);
  const events = popUps(workspaceId, plan.leads, batch, now);
  await writeTogether(tx, statements, events.length > 0 ? notifyAllSelect(events) : undefined);

  const rowsById = new Map(plan.leads.map((lead) => [lead.row.id, lead.row]));
  return plan.outcomes.map((outcome) => {
    const row = rowsById.get(outcome.leadId)!;
    return { lead: leadRowToView(row, ownerNames.get(row.ownerId) ?? null), deduplicated: outcome.deduplicated };
  });
}

/** One audit record per submission: the creation (with its owner) or what the touch changed. */
function auditEntries(workspaceId: string, batch: Submission[], plan: IntakePlan, now: Date): AuditEntry[] {
  const rowsById = new Map(plan.leads.map((lead) => [lead.row.id, lead.row]));
  return plan.outcomes.map((outcome, index) => {
    const base = { workspaceId, ...actorRef(batch[index]!.actor), entity: 'lead', entityId: outcome.leadId, at: now };
    if (outcome.before) return { ...base, action: 'lead.touched', before: outcome.before, after: outcome.after };
    const { ownerId, teamId } = rowsById.get(outcome.leadId)!;
    return { ...base, action: 'lead.created', after: { ...outcome.after, ownerId, teamId } };
  });
}

function popUps(workspaceId: string, leads: PlannedLead[], batch: Submission[], now: Date): RealtimeEvent[] {
  return leads.flatMap((lead): RealtimeEvent[] => {
    const { row } = lead;
    if (!row.ownerId) return [];
    if (!lead.before) {
      const data = {
        leadId: row.id,
        name: row.name,
        company: row.company,
        source: row.source,
        ownerId: row.ownerId,
        assignedAt: now.toISOString(),
      };
      return [{ workspaceId, userId: row.ownerId, type: 'lead.assigned', data }];
    }
    const source = batch[lead.items.at(-1)!]!.item.lead.source;
    return [
      {
        workspaceId,
        userId: row.ownerId,
        type: 'lead.touched',
        data: { leadId: row.id, name: row.name, source, touchCount: row.touchCount },
      },
    ];
  });
}
