import { descNullsLast } from '../../platform/db/database.ts';
import { and, count, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { intakeRejections, users } from '../../platform/db/schema.ts';
import type { LeadCursor } from '../leads/lead.rules.ts';
import type { HeldStatus } from './quarantine.schemas.ts';

export type HeldRow = typeof intakeRejections.$inferSelect;
export type HeldRowWithName = HeldRow & { resolvedByName: string | null };

export interface HeldFilter {
  kind?: 'rejected' | 'quarantined' | undefined;
  status?: HeldStatus | undefined;
  after?: LeadCursor | null;
  limit: number;
}

const columns = { held: intakeRejections, resolvedByName: users.name };

function statusCondition(status: HeldStatus): SQL {
  return status === 'open' ? isNull(intakeRejections.resolution) : eq(intakeRejections.resolution, status);
}

function withName(rows: { held: HeldRow; resolvedByName: string | null }[]): HeldRowWithName[] {
  return rows.map(({ held, resolvedByName }) => ({ ...held, resolvedByName }));
}

/** Newest first; keyset pagination on (received_at, id): a batch's rejections share one instant. */
export async function listHeld(db: Executor, workspaceId: string, filter: HeldFilter) {
  const conditions = [eq(intakeRejections.workspaceId, workspaceId)];
  if (filter.kind) conditions.push(eq(intakeRejections.kind, filter.kind));
  if (filter.status) conditions.push(statusCondition(filter.status));
  if (filter.after) {
    conditions.push(
      or(
        lt(intakeRejections.receivedAt, filter.after.createdAt),
        and(eq(intakeRejections.receivedAt, filter.after.createdAt), lt(intakeRejections.id, filter.after.id)),
      )!,
    );
  }
  const rows = await db
    .select(columns)
    .from(intakeRejections)
    .leftJoin(
      users,
      and(eq(users.id, intakeRejections.resolvedBy), eq(users.workspaceId, intakeRejections.workspaceId)),
    )
    .where(and(...conditions))
    .orderBy(descNullsLast(intakeRejections.receivedAt), desc(intakeRejections.id))
    .limit(filter.limit + 1);
  return { rows: withName(rows.slice(0, filter.limit)), hasMore: rows.length > filter.limit };
}

export async function findHeld(db: Executor, workspaceId: string, id: string): Promise<HeldRowWithName | null> {
  const rows = await db
    .select(columns)
    .from(intakeRejections)
    .leftJoin(
      users,
      and(eq(users.id, intakeRejections.resolvedBy), eq(users.workspaceId, intakeRejections.workspaceId)),
    )
    .where(and(eq(intakeRejections.workspaceId, workspaceId), eq(intakeRejections.id, id)));
  return withName(rows)[0] ?? null;
}

export async function openCounts(db: Executor, workspaceId: string) {
  return db
    .select({ kind: intakeRejections.kind, code: intakeRejections.code, count: count() })
    .from(intakeRejections)
    .where(and(eq(intakeRejections.workspaceId, workspaceId), isNull(intakeRejections.resolution)))
    .groupBy(intakeRejections.kind, intakeRejections.code);
}

/**
 * Resolves an open row, or nothing if someone resolved it first: the `resolution IS NULL` guard
 * makes a second, concurrent resolution wait for the first and then match no row.
 */
export async function resolveOpen(
  db: Executor,
  workspaceId: string,
  id: string,
  resolution: { resolution: 'released' | 'discarded'; resolvedBy: string; resolvedAt: Date },
): Promise<HeldRow | null> {
  const [row] = await db
    .update(intakeRejections)
    .set(resolution)
    .where(
      and(
        eq(intakeRejections.workspaceId, workspaceId),
        eq(intakeRejections.id, id),
        isNull(intakeRejections.resolution),
      ),
    )
    .returning();
  return row ?? null;
}

export async function setResolvedLead(db: Executor, workspaceId: string, id: string, leadId: string): Promise<void> {
  await db
    .update(intakeRejections)
    .set({ resolvedLeadId: leadId })
    .where(and(eq(intakeRejections.workspaceId, workspaceId), eq(intakeRejections.id, id)));
}
