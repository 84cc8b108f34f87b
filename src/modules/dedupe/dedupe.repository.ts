import { bulkInsertStatement } from '../../platform/db/database.ts';
import { duplicateCandidates, leadMerges } from '../../platform/db/schema.ts';

export type LeadMergeRow = typeof leadMerges.$inferInsert;
export type DuplicateCandidateRow = typeof duplicateCandidates.$inferInsert;

export function insertLeadMergesStatement(rows: LeadMergeRow[]) {
  return bulkInsertStatement(leadMerges, rows);
}

/** A pair already proposed stays as it is (open, merged or dismissed). */
export function insertCandidatesStatement(rows: DuplicateCandidateRow[]) {
  return bulkInsertStatement(duplicateCandidates, rows, { onConflictDoNothing: true });
}
