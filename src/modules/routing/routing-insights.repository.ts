import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { descNullsLast, queryRows, type Executor } from '../../platform/db/database.ts';
import { segmentExpression } from './routing.repository.ts';
import { channels, leads, routingRuleSets, teams, users } from '../../platform/db/schema.ts';

/** Read only: the simulator and the report never write or lock. */

export async function ruleSetByVersion(db: Executor, workspaceId: string, version: number) {
  const [row] = await db
    .select()
    .from(routingRuleSets)
    .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.version, version)));
  return row ?? null;
}

/**
 * When a lead stopped counting toward its owner's load: won and lost leads at their closing
 * time; unqualified and converted ones carry no closing time, so their last update stands in.
 */
const releaseAt = sql`CASE WHEN status IN ('won', 'lost') THEN coalesce(closed_at, updated_at)
  WHEN status IN ('unqualified', 'converted') THEN updated_at END`;

const epochMs = (expression: ReturnType<typeof sql>) => sql`(extract(epoch FROM ${expression}) * 1000)::float8`;

/** The newest `limit` leads created in [from, to), oldest first, with their channel's type and release time. */
export async function leadsCreatedBetween(db: Executor, workspaceId: string, from: Date, to: Date, limit: number) {
  const rows = await db
    .select({
      lead: leads,
      channelType: channels.type,
      releaseAtMs: sql<number | null>`${epochMs(releaseAt)}`,
    })
    .from(leads)
    .leftJoin(channels, eq(channels.id, leads.channelId))
    .where(and(eq(leads.workspaceId, workspaceId), gte(leads.createdAt, from), lt(leads.createdAt, to)))
    .orderBy(descNullsLast(leads.createdAt), descNullsLast(leads.id))
    .limit(limit);
  return rows.reverse();
}

/** Leads each rep held open at `from` (grouped by when they close, if before `to`). */
export async function openLeadsAt(db: Executor, workspaceId: string, from: Date, to: Date) {
  return queryRows<{ owner_id: string; release_at_ms: number | null; leads: number }>(
    db,
    sql`SELECT owner_id, ${epochMs(sql`CASE WHEN release_at < ${to.toISOString()} THEN release_at END`)} AS release_at_ms,
          count(*)::int AS leads
        FROM (SELECT owner_id, ${releaseAt} AS release_at FROM leads
              WHERE workspace_id = ${workspaceId} AND owner_id IS NOT NULL AND created_at < ${from.toISOString()}) AS held
        WHERE release_at IS NULL OR release_at > ${from.toISOString()}
        GROUP BY 1, 2`,
  );
}

/** Leads created in [since, until) by their owner: what a daily cap had counted by `until`. */
export async function dealtBetween(db: Executor, workspaceId: string, since: Date, until: Date) {
  return queryRows<{ owner_id: string; created_at_ms: number }>(
    db,
    sql`SELECT owner_id, ${epochMs(sql`created_at`)} AS created_at_ms FROM leads
        WHERE workspace_id = ${workspaceId} AND owner_id IS NOT NULL
          AND created_at >= ${since.toISOString()} AND created_at < ${until.toISOString()}`,
  );
}

/** Who owned each company of the window's leads before it: the owner of its latest earlier lead. */
export async function companyOwnersBefore(db: Executor, workspaceId: string, from: Date, to: Date) {
  const rows = await queryRows<{ company_key: string; owner_id: string }>(
    db,
    sql`SELECT DISTINCT ON (company_key) company_key, owner_id FROM leads
        WHERE workspace_id = ${workspaceId} AND created_at < ${from.toISOString()} AND owner_id IS NOT NULL
          AND company_key IN (SELECT company_key FROM leads WHERE workspace_id = ${workspaceId}
            AND created_at >= ${from.toISOString()} AND created_at < ${to.toISOString()} AND company_key IS NOT NULL)
        ORDER BY company_key, created_at DESC`,
  );
  return new Map(rows.map((row) => [row.company_key, row.owner_id]));
}

/** Everyone in the workspace with what the reports show of them, and the teams' capacity defaults. */
export async function workspacePeople(db: Executor, workspaceId: string) {
  const [people, teamRows] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        active: users.active,
        teamId: users.teamId,
        capacity: users.capacity,
      })
      .from(users)
      .where(eq(users.workspaceId, workspaceId))
      .orderBy(users.id),
    db
      .select({ id: teams.id, defaultCapacity: teams.defaultCapacity, bestFit: teams.bestFit })
      .from(teams)
      .where(eq(teams.workspaceId, workspaceId)),
  ]);
  return { people, teams: teamRows };
}

/** Leads created in [since, until) per UTC month, owner and segment value: how many, decided, won. */
export async function monthlyOutcomes(db: Executor, workspaceId: string, field: string, since: Date, until: Date) {
  return queryRows<{ month: string; owner_id: string; segment: string; leads: number; decided: number; won: number }>(
    db,
    sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, owner_id, ${segmentExpression(field)} AS segment,
          count(*)::int AS leads, count(*) FILTER (WHERE status IN ('won', 'lost'))::int AS decided,
          count(*) FILTER (WHERE status = 'won')::int AS won
        FROM leads
        WHERE workspace_id = ${workspaceId} AND owner_id IS NOT NULL
          AND created_at >= ${since.toISOString()} AND created_at < ${until.toISOString()}
        GROUP BY 1, 2, 3`,
  );
}
