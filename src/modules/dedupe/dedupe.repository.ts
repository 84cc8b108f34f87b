import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { bulkInsertStatement, queryRows, type Db, type Executor } from '../../platform/db/database.ts';
import { queryPrepared } from '../../platform/db/prepared.ts';
import { duplicateCandidates, leadMerges, leads, users } from '../../platform/db/schema.ts';
import type { LeadRow } from '../leads/lead.repository.ts';
import { companyCore, companySimilarity } from './dedupe.rules.ts';

export type LeadMergeRow = typeof leadMerges.$inferInsert;
export type DuplicateCandidateRow = typeof duplicateCandidates.$inferInsert;

export function insertLeadMergesStatement(rows: LeadMergeRow[]) {
  return bulkInsertStatement(leadMerges, rows);
}

/** A pair already proposed stays as it is (open, merged or dismissed). */
export function insertCandidatesStatement(rows: DuplicateCandidateRow[]) {
  return bulkInsertStatement(duplicateCandidates, rows, { onConflictDoNothing: true });
}

export interface MatchCandidate {
  id: string;
  name: string;
  nameKey: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  companyKey: string | null;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: Date;
}

/** The candidate's columns under MatchCandidate's names, for the hand-written queries. */
const candidateSelect = sql`
  l.id, l.name, l.name_key AS "nameKey", l.phone, l.email, l.company, l.company_key AS "companyKey",
  l.owner_id AS "ownerId", u.name AS "ownerName", l.created_at AS "createdAt"`;

type CandidateRow = Omit<MatchCandidate, 'createdAt'> & { createdAt: string | Date };

const revive = (row: CandidateRow): MatchCandidate => ({ ...row, createdAt: new Date(row.createdAt) });

/**
 * Leads that may be the person these keys describe: the same phone, the same e-mail, or the same
 * name with some company (findDuplicate judges the company). Each lookup is an index probe, so
 * parsing and planning it would cost more than running it: each combination of keys is its own
 * prepared statement (see queryPrepared), planned once per connection.
 */
export async function findMatchCandidates(
  db: Executor,
  workspaceId: string,
  keys: { phone?: string | null; email?: string | null; nameKey?: string | null },
): Promise<MatchCandidate[]> {
  const conditions: SQL[] = [];
  let shape = '';
  if (keys.phone) {
    conditions.push(sql`l.phone = ${keys.phone}`);
    shape += 'p';
  }
  if (keys.email) {
    conditions.push(sql`l.email = ${keys.email}`);
    shape += 'e';
  }
  if (keys.nameKey) {
    conditions.push(sql`(l.name_key = ${keys.nameKey} AND l.company_key IS NOT NULL)`);
    shape += 'n';
  }
  if (conditions.length === 0) return [];
  const rows = await queryPrepared<CandidateRow>(
    db,
    `dedupe_match_${shape}`,
    sql`
      SELECT ${candidateSelect}
      FROM ${leads} l
      LEFT JOIN ${users} u ON u.id = l.owner_id AND u.workspace_id = l.workspace_id
      WHERE l.workspace_id = ${workspaceId} AND (${sql.join(conditions, sql` OR `)})
      ORDER BY l.created_at
      LIMIT 50`,
  );
  return rows.map(revive);
}

/**
 * Leads at a company like this one, most alike first: whole match keys alike by trigrams (`%`
 * lets the GIN index find them; pg_trgm's floor of 0.3 is why thresholds start there), or keys
 * containing its trade name (北京云帆数据 for 云帆数据; LIKE uses the same index from three
 * characters on). The score is companySimilarity, as intake judges it.
 */
export async function findSimilarCompanies(
  db: Db,
  workspaceId: string,
  companyKey: string,
  threshold: number,
  limit: number,
): Promise<(MatchCandidate & { score: number })[]> {
  const core = companyCore(companyKey);
  const containsCore =
    core && [...core].length >= 3 ? sql`OR l.company_key LIKE ${`%${core.replace(/[\\%_]/g, '\\$&')}%`}` : sql``;
  // `%` filters at pg_trgm.similarity_threshold: raised to the workspace's threshold for this
  // transaction, the index returns the few alike keys instead of every key sharing a trigram.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
    return queryRows<CandidateRow>(
      tx,
      sql`
      SELECT ${candidateSelect}
      FROM ${leads} l
      LEFT JOIN ${users} u ON u.id = l.owner_id AND u.workspace_id = l.workspace_id
      WHERE l.workspace_id = ${workspaceId}
        AND (l.company_key % ${companyKey} ${containsCore})
      ORDER BY similarity(l.company_key, ${companyKey}) DESC, l.created_at
      LIMIT ${limit * 4}`,
    );
  });
  return rows
    .map((row) => ({ ...revive(row), score: companySimilarity(companyKey, row.companyKey!) }))
    .filter((row) => row.score >= threshold)
    .sort((a, b) => b.score - a.score || a.createdAt.getTime() - b.createdAt.getTime())
    .slice(0, limit);
}

export async function findCandidatePairs(db: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(duplicateCandidates)
    .where(and(eq(duplicateCandidates.workspaceId, workspaceId), inArray(duplicateCandidates.id, ids)));
}

/** A lead row as a merge record keeps it (JSON), with its dates back as dates. */
export function reviveLeadRow(saved: unknown): LeadRow {
  const row = saved as LeadRow;
  return {
    ...row,
    lastTouchAt: new Date(row.lastTouchAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    rescoreAt: row.rescoreAt ? new Date(row.rescoreAt) : null,
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
    slaDueAt: row.slaDueAt ? new Date(row.slaDueAt) : null,
  };
}
