import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { bulkInsertStatement, queryRows, type Executor } from '../../platform/db/database.ts';
import { listTeams } from '../identity/identity.repository.ts';
import {
  leadAssignments,
  repLoads,
  routingCursors,
  routingRuleSets,
  type teams,
  users,
  workspaces,
} from '../../platform/db/schema.ts';
import type { RotationState } from './strategies.rules.ts';

export type TeamRow = Pick<
  typeof teams.$inferSelect,
  'id' | 'name' | 'parentId' | 'managerId' | 'routingStrategy' | 'allowOffHours' | 'defaultCapacity' | 'bestFit'
>;
export type RepRow = Pick<
  typeof users.$inferSelect,
  | 'id'
  | 'name'
  | 'teamId'
  | 'active'
  | 'onLeave'
  | 'calendar'
  | 'capacity'
  | 'maxNewPerDay'
  | 'skills'
  | 'routingWeight'
>;

/** The workspace's teams, its reps (active ones), its default team and the published rule set. */
export async function loadRoutingSettings(db: Executor, workspaceId: string) {
  const [teamRows, repRows, [workspace], [published]] = await Promise.all([
    listTeams(db, workspaceId),
    db
      .select({
        id: users.id,
        name: users.name,
        teamId: users.teamId,
        active: users.active,
        onLeave: users.onLeave,
        calendar: users.calendar,
        capacity: users.capacity,
        maxNewPerDay: users.maxNewPerDay,
        skills: users.skills,
        routingWeight: users.routingWeight,
      })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'rep'), eq(users.active, true)))
      .orderBy(users.id),
    db.select({ defaultTeamId: workspaces.defaultTeamId }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    db
      .select()
      .from(routingRuleSets)
      .where(and(eq(routingRuleSets.workspaceId, workspaceId), eq(routingRuleSets.status, 'published'))),
  ]);
  return { teamRows, repRows, defaultTeamId: workspace?.defaultTeamId ?? null, published: published ?? null };
}

const segmentColumns = new Set(['source', 'province', 'city', 'title', 'campaign', 'grade']);

/** SQL for a lead field as a segment key, as routing keys its records; a field it cannot read is one segment. */
export function segmentExpression(field: string) {
  if (field.startsWith('custom.')) return sql`coalesce(lower(trim(custom ->> ${field.slice(7)})), '')`;
  return segmentColumns.has(field) ? sql`coalesce(lower(trim(${sql.raw(field)})), '')` : sql`''`;
}

/** Wins and decided leads per rep and segment value over the window (closed leads the rep owned). */
export async function segmentRecords(db: Executor, workspaceId: string, field: string, since: Date) {
  const segment = segmentExpression(field);
  return queryRows<{ owner_id: string; segment: string; wins: number; leads: number }>(
    db,
    sql`SELECT owner_id, ${segment} AS segment, count(*) FILTER (WHERE status = 'won')::int AS wins, count(*)::int AS leads
        FROM leads
        WHERE workspace_id = ${workspaceId} AND status IN ('won', 'lost') AND closed_at >= ${since.toISOString()}
          AND owner_id IS NOT NULL
        GROUP BY 1, 2`,
  );
}

type LockedRow = {
  kind: 'rotation' | 'load';
  id: string;
  last_user_id: string | null;
  weights: Record<string, number> | null;
  open_leads: number | null;
};

/** One round trip: creates missing rows (returned, and locked, as this statement's own) and locks the rest in id order. */
function lockStatement(workspaceId: string, teamIds: string[], repIds: string[]) {
  const teams = toArray(teamIds);
  const reps = toArray(repIds);
  return sql`WITH
    new_rotations AS (INSERT INTO routing_cursors (workspace_id, team_id, assigned_count)
      SELECT ${workspaceId}, id, 0 FROM unnest(${teams}::uuid[]) AS t(id) ON CONFLICT DO NOTHING
      RETURNING team_id, last_user_id, current_weights),
    new_loads AS (INSERT INTO rep_loads (workspace_id, user_id, open_leads)
      SELECT ${workspaceId}, id, 0 FROM unnest(${reps}::uuid[]) AS t(id) ON CONFLICT DO NOTHING
      RETURNING user_id, open_leads),
    rotations AS (SELECT team_id, last_user_id, current_weights FROM routing_cursors
      WHERE workspace_id = ${workspaceId} AND team_id = ANY(${teams}::uuid[]) ORDER BY team_id FOR UPDATE),
    loads AS (SELECT user_id, open_leads FROM rep_loads
      WHERE workspace_id = ${workspaceId} AND user_id = ANY(${reps}::uuid[]) ORDER BY user_id FOR UPDATE)
    SELECT 'rotation' AS kind, team_id::text AS id, last_user_id::text, current_weights AS weights, NULL::int AS open_leads FROM rotations
    UNION ALL SELECT 'rotation', team_id::text, last_user_id::text, current_weights, NULL FROM new_rotations
    UNION ALL SELECT 'load', user_id::text, NULL, NULL, open_leads FROM loads
    UNION ALL SELECT 'load', user_id::text, NULL, NULL, open_leads FROM new_loads`;
}

/**
 * Locks the rotations of the teams in play and the load rows of the reps in play, always in id
 * order so that concurrent batches queue instead of deadlocking; the locks hold to commit, so two
 * instances never deal the same turn or push a rep past a cap. A row another transaction created
 * after this statement began is missed by both halves; a second look (a new snapshot) finds it.
 */
export async function lockRoutingState(db: Executor, workspaceId: string, teamIds: string[], repIds: string[]) {
  const rotations = new Map<string, RotationState>();
  const openLeads = new Map<string, number>();
  const take = (rows: LockedRow[]) => {
    for (const row of rows) {
      if (row.kind === 'rotation')
        rotations.set(row.id, { lastUserId: row.last_user_id, currentWeights: row.weights ?? {} });
      else openLeads.set(row.id, row.open_leads ?? 0);
    }
  };
  if (teamIds.length + repIds.length === 0) return { rotations, openLeads };
  take(await queryRows<LockedRow>(db, lockStatement(workspaceId, teamIds, repIds)));
  const missingTeams = teamIds.filter((id) => !rotations.has(id));
  const missingReps = repIds.filter((id) => !openLeads.has(id));
  if (missingTeams.length + missingReps.length > 0)
    take(await queryRows<LockedRow>(db, lockStatement(workspaceId, missingTeams, missingReps)));
  return { rotations, openLeads };
}

/** Leads dealt to each rep since the start of their own day (`since`, per rep). */
export async function dealtSince(db: Executor, workspaceId: string, since: Map<string, Date>) {
  if (since.size === 0) return new Map<string, number>();
  const ids = [...since.keys()];
  const rows = await queryRows<{ user_id: string; dealt: number }>(
    db,
    sql`SELECT r.user_id, (SELECT count(*)::int FROM lead_assignments a
          WHERE a.workspace_id = ${workspaceId} AND a.chosen_user_id = r.user_id AND a.created_at >= r.since) AS dealt
        FROM unnest(${toArray(ids)}::uuid[], ${toArray(ids.map((id) => since.get(id)!.toISOString()))}::timestamptz[])
          AS r(user_id, since)`,
  );
  return new Map(rows.map((row) => [row.user_id, row.dealt]));
}

/** Current owners of the given company match keys (the most recently created lead's owner). */
export async function companyOwners(db: Executor, workspaceId: string, companyKeys: string[]) {
  if (companyKeys.length === 0) return new Map<string, string>();
  // One index probe per company (newest lead first), however many leads each company has.
  // NULLS LAST as in the index: a plain DESC (nulls first) cannot walk it in order, and the
  // planner read and sorted every lead of the company instead (0.17 ms a company at 180 leads each).
  const rows = await queryRows<{ company_key: string; owner_id: string }>(
    db,
    sql`SELECT k.key AS company_key, l.owner_id FROM unnest(${toArray(companyKeys)}::text[]) AS k(key)
        CROSS JOIN LATERAL (SELECT owner_id FROM leads
          WHERE workspace_id = ${workspaceId} AND company_key = k.key AND owner_id IS NOT NULL
          ORDER BY created_at DESC NULLS LAST LIMIT 1) l`,
  );
  return new Map(rows.map((row) => [row.company_key, row.owner_id]));
}

/** A Postgres array literal, so a list travels as one parameter on both drivers. */
function toArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export function saveRotationsStatement(
  workspaceId: string,
  rotations: { teamId: string; rotation: RotationState; dealt: number }[],
  now: Date,
) {
  const records = rotations.map(({ teamId, rotation, dealt }) => ({
    team_id: teamId,
    last_user_id: rotation.lastUserId,
    current_weights: rotation.currentWeights,
    dealt,
  }));
  return sql`UPDATE ${routingCursors} AS c SET last_user_id = r.last_user_id, current_weights = r.current_weights,
      assigned_count = c.assigned_count + r.dealt, updated_at = ${now.toISOString()}
    FROM json_to_recordset(${JSON.stringify(records)}::json)
      AS r(team_id uuid, last_user_id uuid, current_weights jsonb, dealt int)
    WHERE c.workspace_id = ${workspaceId} AND c.team_id = r.team_id`;
}

export function insertAssignmentsStatement(rows: (typeof leadAssignments.$inferInsert)[]) {
  return bulkInsertStatement(leadAssignments, rows);
}

/** A manual change of owner through the lead's own PATCH: recorded like any other move. */
export function manualAssignmentStatement(
  workspaceId: string,
  actorId: string | null,
  before: { ownerId: string | null },
  after: { id: string; ownerId: string | null; teamId: string | null },
  now: Date,
) {
  return insertAssignmentsStatement([
    {
      id: randomUUID(),
      workspaceId,
      leadId: after.id,
      kind: 'manual',
      strategy: 'manual',
      teamId: after.teamId,
      chosenUserId: after.ownerId,
      previousOwnerId: before.ownerId,
      candidates: after.ownerId ? [{ userId: after.ownerId, score: 1 }] : [],
      details: {},
      reason: null,
      actorId,
      createdAt: now,
    },
  ]);
}

export async function latestAssignment(db: Executor, workspaceId: string, leadId: string) {
  const [row] = await db
    .select()
    .from(leadAssignments)
    .where(and(eq(leadAssignments.workspaceId, workspaceId), eq(leadAssignments.leadId, leadId)))
    .orderBy(desc(leadAssignments.seq))
    .limit(1);
  return row ?? null;
}

export async function assignmentHistory(db: Executor, workspaceId: string, leadId: string) {
  return db
    .select()
    .from(leadAssignments)
    .where(and(eq(leadAssignments.workspaceId, workspaceId), eq(leadAssignments.leadId, leadId)))
    .orderBy(desc(leadAssignments.seq))
    .limit(50);
}

export async function repLoadsOf(db: Executor, workspaceId: string) {
  return db.select().from(repLoads).where(eq(repLoads.workspaceId, workspaceId));
}
