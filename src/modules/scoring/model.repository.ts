import { randomUUID } from 'node:crypto';
import { closedStatuses } from '../leads/lead.rules.ts';
import { and, asc, desc, eq, inArray, lt, or, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { leads, scoringModels } from '../../platform/db/schema.ts';

export type ModelRow = typeof scoringModels.$inferSelect;

export async function outcomeCounts(db: Executor, workspaceId: string): Promise<{ won: number; lost: number }> {
  const rows = await db
    .select({ status: leads.status, count: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.status, [...closedStatuses])))
    .groupBy(leads.status);
  const count = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
  return { won: count('won'), lost: count('lost') };
}

/** Closed leads' ids and when they closed, oldest first. */
export function closedLeads(db: Executor, workspaceId: string) {
  return db
    .select({ id: leads.id, status: leads.status, closedAt: leads.closedAt, updatedAt: leads.updatedAt })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.status, [...closedStatuses])))
    .orderBy(asc(leads.id));
}

export async function insertModel(
  db: Executor,
  workspaceId: string,
  exclude: string[],
  requestedBy: string | null,
  now: Date,
): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    // Versions count up per workspace; the unique index turns a concurrent request into a retry.
    const [last] = await tx
      .select({ version: scoringModels.version })
      .from(scoringModels)
      .where(eq(scoringModels.workspaceId, workspaceId))
      .orderBy(desc(scoringModels.version))
      .limit(1);
    const [row] = await tx
      .insert(scoringModels)
      .values({
        id: randomUUID(),
        workspaceId,
        version: (last?.version ?? 0) + 1,
        status: 'training',
        exclude,
        requestedBy,
        createdAt: now,
      })
      .returning();
    return row!;
  });
}

export async function findModel(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(scoringModels)
    .where(and(eq(scoringModels.workspaceId, workspaceId), eq(scoringModels.id, id)));
  return row ?? null;
}

export function listModelRows(db: Executor, workspaceId: string) {
  return db
    .select({
      id: scoringModels.id,
      version: scoringModels.version,
      status: scoringModels.status,
      exclude: scoringModels.exclude,
      report: scoringModels.report,
      error: scoringModels.error,
      createdAt: scoringModels.createdAt,
      finishedAt: scoringModels.finishedAt,
    })
    .from(scoringModels)
    .where(eq(scoringModels.workspaceId, workspaceId))
    .orderBy(desc(scoringModels.version))
    .limit(50);
}

/** A model still to train that nobody holds (new, or its trainer's heartbeat is stale), claimed with SKIP LOCKED. */
export async function claimModel(db: Executor, staleBefore: Date, now: Date): Promise<ModelRow | null> {
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: scoringModels.id })
      .from(scoringModels)
      .where(
        and(
          eq(scoringModels.status, 'training'),
          or(isNull(scoringModels.heartbeatAt), lt(scoringModels.heartbeatAt, staleBefore)),
        ),
      )
      .orderBy(asc(scoringModels.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!open) return null;
    const [claimed] = await tx
      .update(scoringModels)
      .set({ heartbeatAt: now })
      .where(eq(scoringModels.id, open.id))
      .returning();
    return claimed ?? null;
  });
}

/** Stores the outcome if this trainer still holds the model; false when another took it over. */
export async function finishModel(
  db: Executor,
  claimed: ModelRow,
  outcome: { status: 'ready'; model: unknown; report: unknown } | { status: 'failed'; error: string },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(scoringModels)
    .set({
      status: outcome.status,
      model: outcome.status === 'ready' ? outcome.model : null,
      report: outcome.status === 'ready' ? outcome.report : null,
      error: outcome.status === 'failed' ? outcome.error : null,
      finishedAt: now,
      heartbeatAt: null,
    })
    .where(
      and(
        eq(scoringModels.id, claimed.id),
        eq(scoringModels.status, 'training'),
        eq(scoringModels.heartbeatAt, claimed.heartbeatAt!),
      ),
    )
    .returning({ id: scoringModels.id });
  return rows.length === 1;
}
