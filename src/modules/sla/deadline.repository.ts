import { and, asc, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import { bulkInsertStatement, queryRows, type Executor } from '../../platform/db/database.ts';
import { activities, leadDeadlines, leads } from '../../platform/db/schema.ts';
import type { LeadRow } from '../leads/lead.repository.ts';
import type { DeadlineRow } from './deadline.rules.ts';

/** The channel every deadline worker listens on: a statement adding steps notifies it (trigger, migration 0012). */
export const DEADLINES_CHANNEL = 'clew_deadlines';

/** Ids as one JSON parameter (drizzle would spread an array into a list of parameters). */
const uuids = (ids: readonly string[]) =>
  sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(ids)}::json)::uuid)`;

export type StoredDeadline = typeof leadDeadlines.$inferSelect;

export function insertDeadlinesStatement(rows: DeadlineRow[]) {
  return bulkInsertStatement(leadDeadlines, rows);
}

/** A lead dealt again: the steps planned for its previous owner will not happen. */
export function cancelPendingStatement(workspaceId: string, leadIds: readonly string[], now: Date) {
  return sql`UPDATE lead_deadlines SET state = 'cancelled', done_at = ${now.toISOString()}::timestamptz
    WHERE workspace_id = ${workspaceId} AND lead_id = ANY(${uuids(leadIds)}) AND state = 'pending'`;
}

/** Shows each lead's next pending step on its row (null when none is left). */
export function refreshLeadSlaStatement(workspaceId: string, leadIds: readonly string[]) {
  return sql`UPDATE leads SET (sla_due_at, sla_step) = (
      SELECT d.due_at, d.step FROM lead_deadlines d
      WHERE d.workspace_id = leads.workspace_id AND d.lead_id = leads.id AND d.state = 'pending'
      ORDER BY d.due_at, d.position LIMIT 1)
    WHERE workspace_id = ${workspaceId} AND id = ANY(${uuids(leadIds)})`;
}

/** When the earliest pending step falls due, across workspaces (the worker sleeps until then). */
export async function nextDueAt(db: Executor): Promise<Date | null> {
  const [row] = await queryRows<{ due: string | Date | null }>(
    db,
    sql`SELECT min(due_at) AS due FROM lead_deadlines WHERE state = 'pending'`,
  );
  return row?.due ? new Date(row.due) : null;
}

export async function workspacesWithDueSteps(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workspaceId: leadDeadlines.workspaceId })
    .from(leadDeadlines)
    .where(and(eq(leadDeadlines.state, 'pending'), lte(leadDeadlines.dueAt, now)))
    .limit(20);
  return rows.map((row) => row.workspaceId);
}

/**
 * Due steps with their leads, both locked for the caller's transaction. SKIP LOCKED on both: a
 * step another worker holds, or whose lead a user is changing, is left for the next round instead
 * of waited for, so no two transactions wait on each other in opposite orders.
 */
export async function claimDueSteps(
  tx: Executor,
  workspaceId: string,
  now: Date,
  limit: number,
): Promise<{ step: StoredDeadline; lead: LeadRow }[]> {
  return tx
    .select({ step: leadDeadlines, lead: leads })
    .from(leadDeadlines)
    .innerJoin(leads, and(eq(leads.workspaceId, leadDeadlines.workspaceId), eq(leads.id, leadDeadlines.leadId)))
    .where(
      and(
        eq(leadDeadlines.workspaceId, workspaceId),
        eq(leadDeadlines.state, 'pending'),
        lte(leadDeadlines.dueAt, now),
      ),
    )
    .orderBy(asc(leadDeadlines.dueAt), asc(leadDeadlines.leadId), asc(leadDeadlines.position))
    .limit(limit)
    .for('update', { of: [leadDeadlines, leads], skipLocked: true });
}

/** Due steps of leads that no longer exist (merged into another): nothing to chase, and never claimable. */
export async function cancelOrphanedSteps(tx: Executor, workspaceId: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE lead_deadlines d SET state = 'cancelled', done_at = ${now.toISOString()}::timestamptz
    WHERE d.workspace_id = ${workspaceId} AND d.state = 'pending' AND d.due_at <= ${now.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.workspace_id = d.workspace_id AND l.id = d.lead_id)`);
}

export async function pendingStepsOf(tx: Executor, workspaceId: string, leadId: string): Promise<StoredDeadline[]> {
  return tx
    .select()
    .from(leadDeadlines)
    .where(
      and(
        eq(leadDeadlines.workspaceId, workspaceId),
        eq(leadDeadlines.leadId, leadId),
        eq(leadDeadlines.state, 'pending'),
      ),
    )
    .orderBy(asc(leadDeadlines.dueAt), asc(leadDeadlines.position))
    .for('update');
}

/** The plan the lead is on: its latest step's policy, if the plan was made for this owner. */
export async function currentPolicyId(
  tx: Executor,
  workspaceId: string,
  leadId: string,
  ownerId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ policyId: leadDeadlines.policyId })
    .from(leadDeadlines)
    .where(
      and(
        eq(leadDeadlines.workspaceId, workspaceId),
        eq(leadDeadlines.leadId, leadId),
        eq(leadDeadlines.ownerId, ownerId),
        // A pool's reclaim step names its pool, not a policy.
        ne(leadDeadlines.target, 'pool'),
      ),
    )
    .orderBy(desc(leadDeadlines.createdAt))
    .limit(1);
  return row?.policyId ?? null;
}

export async function finishSteps(
  tx: Executor,
  workspaceId: string,
  ids: readonly string[],
  state: 'done' | 'satisfied' | 'cancelled',
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(leadDeadlines)
    .set({ state, doneAt: now, attempts: sql`${leadDeadlines.attempts} + 1` })
    .where(
      and(
        eq(leadDeadlines.workspaceId, workspaceId),
        inArray(leadDeadlines.id, [...ids]),
        eq(leadDeadlines.state, 'pending'),
      ),
    );
}

/** A try that failed: counted, with its error, and due again after a back-off (never in a tight loop). */
export async function postponeSteps(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  error: string,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`UPDATE lead_deadlines
    SET attempts = attempts + 1, last_error = ${error.slice(0, 1000)},
      due_at = ${now.toISOString()}::timestamptz + least(300, power(2, attempts + 1)) * interval '1 second'
    WHERE workspace_id = ${workspaceId} AND id = ANY(${uuids(ids)}) AND state = 'pending'`);
}

/** The owner's contact-type activities on the lead since `since`, what touch targets read. */
export async function ownerContacts(
  tx: Executor,
  workspaceId: string,
  leadId: string,
  ownerId: string,
  since: Date,
): Promise<{ type: (typeof activities.$inferSelect)['type']; actorId: string; at: Date }[]> {
  const rows = await tx
    .select({ type: activities.type, actorId: activities.actorId, at: activities.at })
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, workspaceId),
        eq(activities.leadId, leadId),
        eq(activities.actorId, ownerId),
        inArray(activities.type, ['call', 'wechat', 'email', 'visit']),
        sql`${activities.at} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .limit(50);
  return rows.map((row) => ({ ...row, actorId: row.actorId! }));
}

export interface PendingStepRow {
  id: string;
  target: string;
  step: string;
  action: string;
  started_at: string | Date;
  deadline: string | Date;
  due_at: string | Date;
  policy_id: string;
  policy_name: string | null;
  pool_name: string | null;
}

/**
 * A lead's pending steps, soonest first, each with the name of what planned it: an SLA policy, or
 * a pool for its reclaim step (whose policy_id names the pool). For reading; nothing is locked.
 */
export async function pendingStepsWithSource(db: Executor, workspaceId: string, leadId: string) {
  return queryRows<PendingStepRow>(
    db,
    sql`SELECT d.id, d.target, d.step, d.action, d.started_at, d.deadline, d.due_at, d.policy_id,
          p.name AS policy_name, pl.name AS pool_name
        FROM lead_deadlines d
        LEFT JOIN sla_policies p ON p.workspace_id = d.workspace_id AND p.id = d.policy_id
        LEFT JOIN pools pl ON pl.workspace_id = d.workspace_id AND pl.id = d.policy_id
        WHERE d.workspace_id = ${workspaceId} AND d.lead_id = ${leadId} AND d.state = 'pending'
        ORDER BY d.due_at, d.position`,
  );
}
