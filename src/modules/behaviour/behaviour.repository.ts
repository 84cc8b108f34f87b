import { descNullsLast } from '../../platform/db/database.ts';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { leadEvents } from '../../platform/db/schema.ts';

export type LeadEventRow = typeof leadEvents.$inferSelect;

export async function insertLeadEvent(db: Executor, row: LeadEventRow): Promise<void> {
  await db.insert(leadEvents).values(row);
}

export async function listLeadEvents(db: Executor, workspaceId: string, leadId: string, limit: number) {
  return db
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.workspaceId, workspaceId), eq(leadEvents.leadId, leadId)))
    .orderBy(descNullsLast(leadEvents.at))
    .limit(limit);
}
