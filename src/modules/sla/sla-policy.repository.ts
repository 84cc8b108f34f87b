import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { slaPolicies } from '../../platform/db/schema.ts';
import { slaPolicy, type SlaPolicy } from './sla.schemas.ts';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

/** A stored row as the pure core's policy (parsed again: the column types are only JSON). */
export function rowToPolicy(row: SlaPolicyRow): SlaPolicy {
  return slaPolicy.parse({
    id: row.id,
    name: row.name,
    active: row.active,
    priority: row.priority,
    when: row.when,
    targets: row.targets,
    ladder: row.ladder,
    ladders: row.ladders,
    needTags: row.needTags,
    needTagsRequired: row.needTagsRequired,
  });
}

export function policyToColumns(policy: SlaPolicy) {
  return {
    name: policy.name,
    active: policy.active,
    priority: policy.priority,
    when: policy.when,
    targets: policy.targets,
    ladder: policy.ladder,
    ladders: policy.ladders,
    needTags: policy.needTags,
    needTagsRequired: policy.needTagsRequired,
  };
}

export async function listPolicyRows(db: Executor, workspaceId: string): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.priority), asc(slaPolicies.id));
}

export async function findPolicyRow(db: Executor, workspaceId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertPolicyRow(db: Executor, row: SlaPolicyRow): Promise<void> {
  await db.insert(slaPolicies).values(row);
}

export async function updatePolicyRow(
  db: Executor,
  workspaceId: string,
  id: string,
  columns: ReturnType<typeof policyToColumns>,
  now: Date,
) {
  const [row] = await db
    .update(slaPolicies)
    .set({ ...columns, updatedAt: now })
    .where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.id, id)))
    .returning();
  return row!;
}

/** The workspace's policies as the pure core reads them, for choosing one per lead. */
export async function loadSlaPolicies(db: Executor, workspaceId: string): Promise<SlaPolicy[]> {
  return (await listPolicyRows(db, workspaceId)).map(rowToPolicy);
}
