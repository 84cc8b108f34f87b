import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { users } from '../../platform/db/schema.ts';
import { contactActivityTypes } from '../sla/sla.schemas.ts';
import { emptyCounts, NOT_FOLLOWED_HOURS, type RepCounts } from './board.rules.ts';

/** Ids as one JSON parameter (drizzle would spread an array into a list of parameters). */
const uuids = (ids: readonly string[]) =>
  sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(ids)}::json)::uuid)`;
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const contactTypes = sql.join(
  [...contactActivityTypes].map((type) => sql`${type}`),
  sql`, `,
);
const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** The people a board can show: reps and managers (who may own leads too), active. */
export async function boardPeople(db: Executor, workspaceId: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), sql`${users.role} IN ('rep', 'manager')`))
    .orderBy(users.name, users.id);
}

export interface BoardWindow {
  now: Date;
  /** Midnight of today in the caller's time zone: breaches count from here. */
  dayStart: Date;
  /** Deadlines due up to here are "due within the hour". */
  dueUntil: Date;
  /** Assignments since here feed the touch rate and the median first response. */
  responsesSince: Date;
}

/**
 * Per rep: open leads awaiting the first response (no contact-type activity by the owner since the
 * lead was dealt to them, by routing or from a pool) and those the owner has not touched for 24 h.
 */
async function leadStates(db: Executor, workspaceId: string, userIds: readonly string[], now: Date) {
  return queryRows<{ owner_id: string; awaiting: number; oldest: string | Date | null; not_followed: number }>(
    db,
    sql`
    WITH owned AS (
      SELECT l.id, l.owner_id, GREATEST(
        l.created_at,
        (SELECT max(a.created_at) FROM lead_assignments a
          WHERE a.workspace_id = l.workspace_id AND a.lead_id = l.id AND a.chosen_user_id = l.owner_id
            AND a.created_at <= ${at(now)}),
        (SELECT max(m.at) FROM pool_moves m
          WHERE m.workspace_id = l.workspace_id AND m.lead_id = l.id AND m.user_id = l.owner_id
            AND m.kind IN ('claim', 'assign') AND m.at <= ${at(now)})
      ) AS assigned_at
      FROM leads l
      WHERE l.workspace_id = ${workspaceId} AND l.owner_id = ANY(${uuids(userIds)})
        AND l.status IN ('new', 'contacted', 'qualified') AND l.created_at <= ${at(now)}
    ), touched AS (
      SELECT o.owner_id, o.assigned_at, (
        SELECT max(x.at) FROM activities x
        WHERE x.workspace_id = ${workspaceId} AND x.lead_id = o.id AND x.actor_type = 'user'
          AND x.actor_id = o.owner_id AND x.type IN (${contactTypes})
          AND x.at >= o.assigned_at AND x.at <= ${at(now)}
      ) AS last_touch
      FROM owned o
    )
    SELECT owner_id,
      (count(*) FILTER (WHERE last_touch IS NULL))::int AS awaiting,
      min(assigned_at) FILTER (WHERE last_touch IS NULL) AS oldest,
      (count(*) FILTER (WHERE COALESCE(last_touch, assigned_at)
        <= ${at(now)} - make_interval(hours => ${NOT_FOLLOWED_HOURS})))::int AS not_followed
    FROM touched GROUP BY owner_id`,
  );
}

/**
 * Per owner: targets breached today (a deadline step whose deadline passed since the day began,
 * not cancelled and not met in time) and targets whose deadline falls within the hour. A target
 * with several deadline actions counts once; a pool's reclaim is not a response target.
 */
async function deadlineCounts(db: Executor, workspaceId: string, userIds: readonly string[], window: BoardWindow) {
  return queryRows<{ owner_id: string; breaches: number; due_soon: number }>(
    db,
    sql`
    SELECT owner_id,
      (count(DISTINCT plan_id::text || target) FILTER (WHERE deadline <= ${at(window.now)}
        AND state <> 'cancelled' AND NOT (state = 'satisfied' AND done_at <= deadline)))::int AS breaches,
      (count(DISTINCT plan_id::text || target) FILTER (WHERE deadline > ${at(window.now)}
        AND state = 'pending'))::int AS due_soon
    FROM lead_deadlines
    WHERE workspace_id = ${workspaceId} AND owner_id = ANY(${uuids(userIds)})
      AND deadline > ${at(window.dayStart)} AND deadline <= ${at(window.dueUntil)}
      AND target <> 'pool' AND step LIKE '%:deadline:%'
    GROUP BY owner_id`,
  );
}

/** Every deal to the reps since `responsesSince` (routing or a pool), with the rep's first touch after it. */
async function recentAssignments(db: Executor, workspaceId: string, userIds: readonly string[], window: BoardWindow) {
  return queryRows<{ user_id: string; assigned_at: string | Date; first_touch_at: string | Date | null }>(
    db,
    sql`
    WITH dealt AS (
      SELECT a.chosen_user_id AS user_id, a.lead_id, a.created_at AS assigned_at FROM lead_assignments a
      WHERE a.workspace_id = ${workspaceId} AND a.chosen_user_id = ANY(${uuids(userIds)})
        AND a.created_at > ${at(window.responsesSince)} AND a.created_at <= ${at(window.now)}
      UNION ALL
      SELECT m.user_id, m.lead_id, m.at FROM pool_moves m
      WHERE m.workspace_id = ${workspaceId} AND m.user_id = ANY(${uuids(userIds)}) AND m.kind IN ('claim', 'assign')
        AND m.at > ${at(window.responsesSince)} AND m.at <= ${at(window.now)}
    )
    SELECT d.user_id, d.assigned_at, (
      SELECT min(x.at) FROM activities x
      WHERE x.workspace_id = ${workspaceId} AND x.lead_id = d.lead_id AND x.actor_type = 'user'
        AND x.actor_id = d.user_id AND x.type IN (${contactTypes})
        AND x.at >= d.assigned_at AND x.at <= ${at(window.now)}
    ) AS first_touch_at
    FROM dealt d`,
  );
}

/** What the board counts for each of the users, as of `window.now`. */
export async function boardCounts(
  db: Executor,
  workspaceId: string,
  userIds: readonly string[],
  window: BoardWindow,
): Promise<Map<string, RepCounts>> {
  const counts = new Map(userIds.map((id) => [id, emptyCounts()]));
  if (userIds.length === 0) return counts;
  // One after another: PGlite has one connection, and PostgreSQL gains little on three short reads.
  const states = await leadStates(db, workspaceId, userIds, window.now);
  const deadlines = await deadlineCounts(db, workspaceId, userIds, window);
  const assignments = await recentAssignments(db, workspaceId, userIds, window);
  for (const row of states) {
    const rep = counts.get(row.owner_id);
    if (!rep) continue;
    rep.awaiting = Number(row.awaiting);
    rep.oldestAwaitingSince = row.oldest ? toDate(row.oldest) : null;
    rep.notFollowed = Number(row.not_followed);
  }
  for (const row of deadlines) {
    const rep = counts.get(row.owner_id);
    if (!rep) continue;
    rep.breachesToday = Number(row.breaches);
    rep.dueNextHour = Number(row.due_soon);
  }
  for (const row of assignments) {
    counts.get(row.user_id)?.assignments.push({
      assignedAt: toDate(row.assigned_at),
      firstTouchAt: row.first_touch_at ? toDate(row.first_touch_at) : null,
    });
  }
  return counts;
}
