import { and, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  descNullsLast,
  bulkInsertStatement,
  bulkUpdateStatement,
  queryRows,
  type Executor,
} from '../../platform/db/database.ts';
import { intakeRejections, leads, leadTouches, users } from '../../platform/db/schema.ts';
import type { LeadScope } from '../identity/scope.rules.ts';
import type { LeadCursor } from './lead.rules.ts';
import type { LeadStatus, LeadView } from './lead.schemas.ts';

export type LeadRow = typeof leads.$inferSelect;

const leadColumns = {
  lead: leads,
  ownerName: users.name,
};

export function leadRowToView(lead: LeadRow, ownerName: string | null): LeadView {
  return {
    id: lead.id,
    name: lead.name,
    phone: lead.phone,
    email: lead.email,
    company: lead.company,
    website: lead.website,
    title: lead.title,
    province: lead.province,
    city: lead.city,
    source: lead.source,
    channelId: lead.channelId,
    campaign: lead.campaign,
    utm: lead.utm,
    landingPage: lead.landingPage,
    referrer: lead.referrer,
    tags: lead.tags,
    custom: lead.custom,
    status: lead.status,
    ownerId: lead.ownerId,
    ownerName,
    teamId: lead.teamId,
    touchCount: lead.touchCount,
    score: lead.score,
    grade: lead.grade,
    urgency: lead.urgency,
    urgencyReason: lead.urgencyReason,
    winProbability: lead.winProbability,
    scoreFactors: lead.scoreFactors,
    lastTouchAt: lead.lastTouchAt.toISOString(),
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    slaDueAt: lead.slaDueAt?.toISOString() ?? null,
    slaStep: lead.slaStep,
    poolId: lead.poolId,
  };
}

const toView = (row: { lead: LeadRow; ownerName: string | null }) => leadRowToView(row.lead, row.ownerName);

function scopeCondition(scope: LeadScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.ownerIds.length === 0) return sql`false`;
  return inArray(leads.ownerId, scope.ownerIds);
}

export async function findLeadView(db: Executor, workspaceId: string, id: string, scope: LeadScope) {
  const [row] = await db
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, and(eq(users.id, leads.ownerId), eq(users.workspaceId, leads.workspaceId)))
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id), scopeCondition(scope)))
    .limit(1);
  return row ? toView(row) : null;
}

export async function findLeadForUpdate(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .for('update');
  return row ?? null;
}

export interface LeadFilter {
  status?: LeadStatus | undefined;
  ownerId?: string | undefined;
  source?: string | undefined;
  grade?: LeadRow['grade'] | undefined;
  urgency?: LeadRow['urgency'] | undefined;
  after?: LeadCursor | null;
  limit: number;
}

/** Newest first; keyset pagination on (created_at, id) so pages stay stable while leads arrive. */
export async function listLeadViews(db: Executor, workspaceId: string, scope: LeadScope, filter: LeadFilter) {
  const conditions = [eq(leads.workspaceId, workspaceId), scopeCondition(scope)];
  if (filter.status) conditions.push(eq(leads.status, filter.status));
  if (filter.ownerId) conditions.push(eq(leads.ownerId, filter.ownerId));
  if (filter.source) conditions.push(eq(leads.source, filter.source));
  if (filter.grade) conditions.push(eq(leads.grade, filter.grade));
  // "high" lists the critical ones too: both need attention.
  if (filter.urgency === 'high') conditions.push(inArray(leads.urgency, ['high', 'critical']));
  else if (filter.urgency) conditions.push(eq(leads.urgency, filter.urgency));
  if (filter.after) {
    conditions.push(
      or(
        lt(leads.createdAt, filter.after.createdAt),
        and(eq(leads.createdAt, filter.after.createdAt), lt(leads.id, filter.after.id)),
      ),
    );
  }
  const rows = await db
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, and(eq(users.id, leads.ownerId), eq(users.workspaceId, leads.workspaceId)))
    .where(and(...conditions))
    .orderBy(descNullsLast(leads.createdAt), descNullsLast(leads.id))
    .limit(filter.limit + 1);
  return {
    rows: rows.slice(0, filter.limit).map(toView),
    hasMore: rows.length > filter.limit,
  };
}

/**
 * Serialises intakes that share a phone or e-mail, so two posts of one person make one lead even
 * on several servers. Keys are locked in sorted order, so two batches can never deadlock.
 */
export async function lockContactKeys(db: Executor, workspaceId: string, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort().map((key) => `${workspaceId}|${key}`);
  if (sorted.length === 0) return;
  await db.execute(sql`
    SELECT pg_advisory_xact_lock(hashtextextended(key, 0))
    FROM (SELECT json_array_elements_text(${JSON.stringify(sorted)}::json) AS key ORDER BY 1) AS keys`);
}

/**
 * The people with these name keys who have a company: only the keys, unlocked, for the intake to
 * pick the few whose company may match before it locks and reads whole rows. A common name (张伟)
 * has hundreds; locking and reading them all made a chunk's lookup grow with the table. The
 * intake holds the name keys' advisory locks, so no lead with these names appears meanwhile.
 */
export async function findSameNameCompanies(
  db: Executor,
  workspaceId: string,
  nameKeys: string[],
): Promise<{ id: string; nameKey: string; companyKey: string }[]> {
  if (nameKeys.length === 0) return [];
  return queryRows(
    db,
    sql`SELECT id, name_key AS "nameKey", company_key AS "companyKey" FROM leads
        WHERE workspace_id = ${workspaceId} AND company_key IS NOT NULL
          AND name_key = ${anyOf([...new Set(nameKeys)])}`,
  );
}

// One JSON parameter per list: binding a thousand values one by one costs more than the lookup.
// `= ANY(ARRAY(…))`, not `IN (SELECT …)`: under OR, an IN-subquery cannot use an index and the
// planner filters every lead of the workspace (0.1 s per batch at 30,000 leads, growing).
const anyOf = (values: string[]) => sql`ANY(ARRAY(SELECT json_array_elements_text(${JSON.stringify(values)}::json)))`;

/** The leads sharing any of these contacts, or with these ids, locked until the intake transaction ends. */
export async function findByContacts(
  db: Executor,
  workspaceId: string,
  contacts: { phones: string[]; emails: string[]; ids?: string[] },
): Promise<{ lead: LeadRow; ownerName: string | null }[]> {
  const matches = [
    contacts.phones.length > 0 ? sql`${leads.phone} = ${anyOf(contacts.phones)}` : undefined,
    contacts.emails.length > 0 ? sql`${leads.email} = ${anyOf(contacts.emails)}` : undefined,
    contacts.ids && contacts.ids.length > 0
      ? sql`${leads.id} = ANY(ARRAY(SELECT json_array_elements_text(${JSON.stringify(contacts.ids)}::json)::uuid))`
      : undefined,
  ].filter((condition): condition is SQL => condition !== undefined);
  if (matches.length === 0) return [];
  return db
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, and(eq(users.id, leads.ownerId), eq(users.workspaceId, leads.workspaceId)))
    .where(and(eq(leads.workspaceId, workspaceId), or(...matches)))
    .orderBy(leads.id)
    .for('update', { of: leads });
}

export async function updateLead(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: Partial<typeof leads.$inferInsert>,
): Promise<LeadRow> {
  const [updated] = await db
    .update(leads)
    .set(patch)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .returning();
  return updated!;
}

export function insertLeadsStatement(rows: LeadRow[]) {
  return bulkInsertStatement(leads, rows);
}

/**
 * Writes `keys` of each row back in one statement. The rows are the locked leads as intake planned
 * them, so a key one lead did not change is written with the value it already has.
 */
export function updateLeadsStatement(rows: LeadRow[], keys: string[]) {
  return bulkUpdateStatement(leads, rows, keys);
}

export function insertTouchesStatement(rows: (typeof leadTouches.$inferInsert)[]) {
  return bulkInsertStatement(leadTouches, rows);
}

export async function listTouches(db: Executor, workspaceId: string, leadId: string) {
  return db
    .select()
    .from(leadTouches)
    .where(and(eq(leadTouches.workspaceId, workspaceId), eq(leadTouches.leadId, leadId)))
    .orderBy(descNullsLast(leadTouches.receivedAt));
}

export function insertRejectionsStatement(rows: (typeof intakeRejections.$inferInsert)[]) {
  return bulkInsertStatement(intakeRejections, rows);
}

export async function ownerName(db: Executor, workspaceId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  return row?.name ?? null;
}

/** The oldest lead with this phone or e-mail, as intake would match it (no lock: for reads). */
export async function findLeadByContact(
  db: Executor,
  workspaceId: string,
  contact: { phone: string | null; email: string | null },
): Promise<LeadRow | null> {
  const matches = [
    contact.phone ? eq(leads.phone, contact.phone) : undefined,
    contact.email ? eq(leads.email, contact.email) : undefined,
  ].filter((condition): condition is SQL => condition !== undefined);
  if (matches.length === 0) return null;
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), or(...matches)))
    .orderBy(leads.createdAt)
    .limit(1);
  return row ?? null;
}

export async function findLeadRow(db: Executor, workspaceId: string, id: string): Promise<LeadRow | null> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .limit(1);
  return row ?? null;
}
