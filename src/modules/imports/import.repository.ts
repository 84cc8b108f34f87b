import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { descNullsLast, bulkInsertStatement, type Executor } from '../../platform/db/database.ts';
import { customFields, importErrors, imports } from '../../platform/db/schema.ts';
import type { CustomFieldName, ImportCounts } from './import.rules.ts';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type ImportErrorRow = typeof importErrors.$inferInsert;

/** Lost the import to another worker (or it was finished or failed meanwhile). */
export class ClaimLost extends Error {
  override name = 'ClaimLost';
}

export async function insertImport(db: Executor, row: NewImport): Promise<void> {
  await db.insert(imports).values(row);
}

export async function findImport(db: Executor, workspaceId: string, id: string): Promise<ImportRow | null> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  return row ?? null;
}

export async function recentImports(db: Executor, workspaceId: string, limit: number): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(eq(imports.workspaceId, workspaceId))
    .orderBy(descNullsLast(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** The latest running or finished import of the same bytes, read the same way. */
export async function findSameImport(
  db: Executor,
  workspaceId: string,
  key: { fileHash: string; mapping: Record<string, string>; channelId: string | null; dedupePolicy: string },
): Promise<ImportRow | null> {
  const [row] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, workspaceId),
        eq(imports.fileHash, key.fileHash),
        // jsonb equality ignores the order of keys.
        sql`${imports.mapping} = ${JSON.stringify(key.mapping)}::jsonb`,
        key.channelId ? eq(imports.channelId, key.channelId) : isNull(imports.channelId),
        eq(imports.dedupePolicy, key.dedupePolicy as ImportRow['dedupePolicy']),
        inArray(imports.status, ['running', 'done']),
      ),
    )
    .orderBy(descNullsLast(imports.createdAt))
    .limit(1);
  return row ?? null;
}

export async function customFieldNames(db: Executor, workspaceId: string): Promise<CustomFieldName[]> {
  return db
    .select({ name: customFields.name, label: customFields.label })
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.entity, 'lead')));
}

/**
 * Running imports nobody holds (a fresh upload, or a worker that stopped beating), oldest first.
 * A sweep across workspaces: the worker serves them all.
 */
export async function unclaimedImports(
  db: Executor,
  staleBefore: Date,
  limit: number,
): Promise<Pick<ImportRow, 'id' | 'filePath'>[]> {
  return db
    .select({ id: imports.id, filePath: imports.filePath })
    .from(imports)
    .where(and(eq(imports.status, 'running'), or(isNull(imports.heartbeatAt), lt(imports.heartbeatAt, staleBefore))))
    .orderBy(asc(imports.createdAt))
    .limit(limit);
}

/**
 * Takes an import over if it is still unclaimed. SKIP LOCKED: a worker on another instance
 * claiming it at this moment makes this one move on rather than wait. The heartbeat written is
 * the claim's token: every later write checks it, so a worker that lost its claim finds out.
 */
export async function claimImport(db: Executor, id: string, staleBefore: Date, now: Date): Promise<ImportRow | null> {
  return db.transaction(async (tx) => {
    const [free] = await tx
      .select({ id: imports.id })
      .from(imports)
      .where(
        and(
          eq(imports.id, id),
          eq(imports.status, 'running'),
          or(isNull(imports.heartbeatAt), lt(imports.heartbeatAt, staleBefore)),
        ),
      )
      .for('update', { skipLocked: true });
    if (!free) return null;
    const [claimed] = await tx.update(imports).set({ heartbeatAt: now }).where(eq(imports.id, id)).returning();
    return claimed ?? null;
  });
}

const heldBy = (id: string, beat: Date) =>
  and(eq(imports.id, id), eq(imports.status, 'running'), eq(imports.heartbeatAt, beat));

/** Moves the heartbeat on; throws ClaimLost when the import is no longer this worker's. */
export async function heartbeat(
  db: Executor,
  id: string,
  beat: Date,
  now: Date,
  set: Partial<Pick<ImportRow, 'total'>> = {},
): Promise<void> {
  const updated = await db
    .update(imports)
    .set({ ...set, heartbeatAt: now })
    .where(heldBy(id, beat))
    .returning({ id: imports.id });
  if (updated.length === 0) throw new ClaimLost(id);
}

/**
 * One chunk's outcome, all or nothing: its failed rows and the counters move together, and only
 * from the `processed` this worker read; so a crash or a takeover never counts a row twice.
 */
export async function recordChunk(
  db: Executor,
  chunk: {
    id: string;
    beat: Date;
    now: Date;
    processedBefore: number;
    counts: Omit<ImportCounts, 'total'>;
    errors: ImportErrorRow[];
  },
): Promise<void> {
  const { counts } = chunk;
  await db.transaction(async (tx) => {
    if (chunk.errors.length > 0) {
      await tx.execute(sql`${bulkInsertStatement(importErrors, chunk.errors)} ON CONFLICT DO NOTHING`);
    }
    const updated = await tx
      .update(imports)
      .set({
        processed: sql`${imports.processed} + ${counts.processed}`,
        created: sql`${imports.created} + ${counts.created}`,
        merged: sql`${imports.merged} + ${counts.merged}`,
        quarantined: sql`${imports.quarantined} + ${counts.quarantined}`,
        rejected: sql`${imports.rejected} + ${counts.rejected}`,
        heartbeatAt: chunk.now,
      })
      .where(and(heldBy(chunk.id, chunk.beat), eq(imports.processed, chunk.processedBefore)))
      .returning({ id: imports.id });
    if (updated.length === 0) throw new ClaimLost(chunk.id);
  });
}

/** Done: the total is what was processed (the count and the read agree unless the file changed). */
export async function finishImport(db: Executor, id: string, beat: Date, now: Date): Promise<void> {
  const updated = await db
    .update(imports)
    .set({ status: 'done', total: sql`${imports.processed}`, finishedAt: now, heartbeatAt: null })
    .where(heldBy(id, beat))
    .returning({ id: imports.id });
  if (updated.length === 0) throw new ClaimLost(id);
}

export async function failImport(db: Executor, id: string, beat: Date, message: string, now: Date): Promise<void> {
  await db
    .update(imports)
    .set({ status: 'failed', error: message, finishedAt: now, heartbeatAt: null })
    .where(heldBy(id, beat));
}

/** Lets go on shutdown, so the next start (or another instance) resumes at once. */
export async function releaseImport(db: Executor, id: string, beat: Date): Promise<void> {
  await db.update(imports).set({ heartbeatAt: null }).where(heldBy(id, beat));
}

/**
 * The file is not on this instance's disk and nobody has held the import since `before`: its
 * upload's server is gone (or its folder was lost), so it cannot go on.
 */
export async function abandonImport(db: Executor, id: string, before: Date, message: string, now: Date) {
  await db
    .update(imports)
    .set({ status: 'failed', error: message, finishedAt: now })
    .where(
      and(
        eq(imports.id, id),
        eq(imports.status, 'running'),
        lt(sql`coalesce(${imports.heartbeatAt}, ${imports.createdAt})`, before),
      ),
    );
}

export async function errorPage(db: Executor, workspaceId: string, importId: string, afterRow: number, limit: number) {
  return db
    .select()
    .from(importErrors)
    .where(
      and(
        eq(importErrors.workspaceId, workspaceId),
        eq(importErrors.importId, importId),
        gt(importErrors.rowNumber, afterRow),
      ),
    )
    .orderBy(asc(importErrors.rowNumber))
    .limit(limit);
}

/** A replayed import reports the same failed rows as the one it replays. */
export async function copyErrors(db: Executor, workspaceId: string, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO ${importErrors} (workspace_id, import_id, row_number, status, code, field, message, row)
    SELECT workspace_id, ${toId}, row_number, status, code, field, message, row FROM ${importErrors}
    WHERE workspace_id = ${workspaceId} AND import_id = ${fromId}`);
}
