import { bulkInsertStatement, type Executor } from '../../platform/db/database.ts';
import { auditLog } from '../../platform/db/schema.ts';

export type AuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

/** Called inside the mutation's own transaction, so the record and the change land together. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** The same record as a statement, for writeTogether. */
export function auditStatement(entries: AuditEntry[]) {
  return bulkInsertStatement(auditLog, entries);
}
