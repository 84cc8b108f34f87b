import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import {
  accounts,
  contacts,
  customFields,
  deals,
  dealStageHistory,
  dealTasks,
  pipelineStages,
} from '../../platform/db/schema.ts';
import type { FieldDefinition } from '../fields/field.rules.ts';
import type { LeadScope } from '../identity/scope.rules.ts';

export type DealRow = typeof deals.$inferSelect;
export type HistoryRow = typeof dealStageHistory.$inferSelect;
export type TaskRow = typeof dealTasks.$inferSelect;

export async function findDeal(db: Executor, workspaceId: string, id: string): Promise<DealRow | null> {
  const [row] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)));
  return row ?? null;
}

export async function findDealForUpdate(db: Executor, workspaceId: string, id: string): Promise<DealRow | null> {
  const [row] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
    .for('update');
  return row ?? null;
}

export async function findDealByLead(db: Executor, workspaceId: string, leadId: string) {
  const [row] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.leadId, leadId)));
  return row ?? null;
}

export async function insertDeal(db: Executor, row: DealRow): Promise<void> {
  await db.insert(deals).values(row);
}

export async function updateDeal(db: Executor, workspaceId: string, id: string, patch: Partial<DealRow>) {
  const [row] = await db
    .update(deals)
    .set(patch)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
    .returning();
  return row!;
}

export async function historyOf(db: Executor, workspaceId: string, dealId: string) {
  return db
    .select({ entry: dealStageHistory, stageName: pipelineStages.name })
    .from(dealStageHistory)
    .leftJoin(pipelineStages, eq(pipelineStages.id, dealStageHistory.stageId))
    .where(and(eq(dealStageHistory.workspaceId, workspaceId), eq(dealStageHistory.dealId, dealId)))
    .orderBy(asc(dealStageHistory.seq));
}

/** Appends a stay; the caller holds the deal's row lock, so the next number is its own. */
export async function insertHistory(db: Executor, row: Omit<HistoryRow, 'seq'>): Promise<void> {
  await db.insert(dealStageHistory).values({
    ...row,
    seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM deal_stage_history
      WHERE workspace_id = ${row.workspaceId} AND deal_id = ${row.dealId})`,
  });
}

export async function closeOpenHistory(db: Executor, workspaceId: string, dealId: string, at: Date) {
  await db
    .update(dealStageHistory)
    .set({ leftAt: at })
    .where(
      and(
        eq(dealStageHistory.workspaceId, workspaceId),
        eq(dealStageHistory.dealId, dealId),
        isNull(dealStageHistory.leftAt),
      ),
    );
}

export async function tasksOf(db: Executor, workspaceId: string, dealId: string) {
  return db
    .select()
    .from(dealTasks)
    .where(and(eq(dealTasks.workspaceId, workspaceId), eq(dealTasks.dealId, dealId)))
    .orderBy(asc(dealTasks.dueAt), asc(dealTasks.createdAt), asc(dealTasks.key));
}

/** A stage entered again keeps the tasks it made the first time (done or not). */
export async function insertTasks(db: Executor, rows: TaskRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(dealTasks).values(rows).onConflictDoNothing();
}

export async function findTaskForUpdate(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(dealTasks)
    .where(and(eq(dealTasks.workspaceId, workspaceId), eq(dealTasks.id, id)))
    .for('update');
  return row ?? null;
}

export async function markTaskDone(db: Executor, workspaceId: string, id: string, by: string | null, at: Date) {
  const [row] = await db
    .update(dealTasks)
    .set({ status: 'done', completedAt: at, completedBy: by })
    .where(and(eq(dealTasks.workspaceId, workspaceId), eq(dealTasks.id, id)))
    .returning();
  return row!;
}

/** The account for a company match key; created when there is none (a concurrent creation wins). */
export async function accountFor(
  db: Executor,
  workspaceId: string,
  account: { id: string; name: string; companyKey: string | null; ownerId: string | null },
  now: Date,
): Promise<string> {
  if (account.companyKey) {
    const found = await findAccountByKey(db, workspaceId, account.companyKey);
    if (found) return found;
  }
  await db
    .insert(accounts)
    .values({ ...account, workspaceId, createdAt: now })
    .onConflictDoNothing();
  if (!account.companyKey) return account.id;
  return (await findAccountByKey(db, workspaceId, account.companyKey))!;
}

async function findAccountByKey(db: Executor, workspaceId: string, companyKey: string) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.companyKey, companyKey)));
  return row?.id ?? null;
}

/** The account's contact with the same phone or e-mail, or a new one. */
export async function contactFor(db: Executor, contact: typeof contacts.$inferInsert): Promise<string> {
  const same = [
    ...(contact.phone ? [eq(contacts.phone, contact.phone)] : []),
    ...(contact.email ? [eq(contacts.email, contact.email)] : []),
  ];
  if (same.length > 0) {
    const [found] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, contact.workspaceId), eq(contacts.accountId, contact.accountId), or(...same)))
      .limit(1);
    if (found) return found.id;
  }
  await db.insert(contacts).values(contact);
  return contact.id;
}

export async function fieldDefinitions(db: Executor, workspaceId: string): Promise<FieldDefinition[]> {
  return db
    .select({ name: customFields.name, type: customFields.type, options: customFields.options })
    .from(customFields)
    .where(eq(customFields.workspaceId, workspaceId));
}

export async function stageById(db: Executor, workspaceId: string, stageId: string) {
  const [row] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, stageId)));
  return row ?? null;
}

function ownedBy(column: typeof deals.ownerId | typeof dealTasks.ownerId, scope: LeadScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  return scope.ownerIds.length > 0 ? inArray(column, scope.ownerIds) : sql`false`;
}

export interface DealFilter {
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  limit: number;
}

/** The deals in scope, most recently changed first. */
export async function listDeals(db: Executor, workspaceId: string, scope: LeadScope, filter: DealFilter) {
  return db
    .select()
    .from(deals)
    .where(
      and(
        eq(deals.workspaceId, workspaceId),
        ownedBy(deals.ownerId, scope),
        filter.pipelineId ? eq(deals.pipelineId, filter.pipelineId) : undefined,
        filter.stageId ? eq(deals.stageId, filter.stageId) : undefined,
        filter.ownerId ? eq(deals.ownerId, filter.ownerId) : undefined,
      ),
    )
    .orderBy(desc(deals.updatedAt), desc(deals.id))
    .limit(filter.limit);
}

export interface TaskFilter {
  status?: 'open' | 'done' | undefined;
  ownerId?: string | undefined;
  dueBefore?: Date | undefined;
  limit: number;
}

/** Stage tasks of the owners in scope, soonest due first: a rep's to-do list, a manager's overdue list. */
export async function listTasks(db: Executor, workspaceId: string, scope: LeadScope, filter: TaskFilter) {
  return db
    .select()
    .from(dealTasks)
    .where(
      and(
        eq(dealTasks.workspaceId, workspaceId),
        ownedBy(dealTasks.ownerId, scope),
        filter.status ? eq(dealTasks.status, filter.status) : undefined,
        filter.ownerId ? eq(dealTasks.ownerId, filter.ownerId) : undefined,
        filter.dueBefore ? lt(dealTasks.dueAt, filter.dueBefore) : undefined,
      ),
    )
    .orderBy(asc(dealTasks.dueAt), asc(dealTasks.id))
    .limit(filter.limit);
}
