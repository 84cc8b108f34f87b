import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { routingRuleSets } from '../../platform/db/schema.ts';

export type RuleSetRow = typeof routingRuleSets.$inferSelect;

export async function listRuleSets(db: Executor, workspaceId: string) {
  return db
    .select({
      version: routingRuleSets.version,
      status: routingRuleSets.status,
      note: routingRuleSets.note,
      ruleCount: sql<number>`jsonb_array_length(${routingRuleSets.rules})::int`,
      createdAt: routingRuleSets.createdAt,
      updatedAt: routingRuleSets.updatedAt,
      publishedAt: routingRuleSets.publishedAt,
    })
    .from(routingRuleSets)
    .where(eq(routingRuleSets.workspaceId, workspaceId))
    .orderBy(desc(routingRuleSets.version))
    .limit(200);
}

export async function findRuleSet(db: Executor, workspaceId: string, version: number, forUpdate = false) {
  const query = db
    .select()
    .from(routingRuleSets)
    .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.version, version)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function publishedRuleSet(db: Executor, workspaceId: string) {
  const [row] = await db
    .select()
    .from(routingRuleSets)
    .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.status, 'published')));
  return row ?? null;
}

export async function nextVersion(db: Executor, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ last: sql<number>`coalesce(max(${routingRuleSets.version}), 0)::int` })
    .from(routingRuleSets)
    .where(eq(routingRuleSets.workspaceId, workspaceId));
  return (row?.last ?? 0) + 1;
}

export async function insertRuleSet(db: Executor, row: typeof routingRuleSets.$inferInsert) {
  const [created] = await db.insert(routingRuleSets).values(row).returning();
  return created!;
}

export async function updateRuleSet(
  db: Executor,
  workspaceId: string,
  version: number,
  patch: Partial<typeof routingRuleSets.$inferInsert>,
) {
  const [row] = await db
    .update(routingRuleSets)
    .set(patch)
    .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.version, version)))
    .returning();
  return row!;
}

export async function retirePublished(db: Executor, workspaceId: string) {
  await db
    .update(routingRuleSets)
    .set({ status: 'retired' })
    .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.status, 'published')));
}
