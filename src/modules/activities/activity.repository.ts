import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.ts';
import { activities } from '../../platform/db/schema.ts';

export type ActivityRow = typeof activities.$inferSelect;

export async function insertActivity(db: Executor, row: ActivityRow): Promise<void> {
  await db.insert(activities).values(row);
}

export async function listActivities(db: Executor, workspaceId: string, leadId: string, limit: number) {
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.leadId, leadId)))
    .orderBy(desc(activities.at), desc(activities.createdAt))
    .limit(limit);
}

export interface TimelineRow {
  kind: 'touch' | 'event' | 'activity' | 'assignment' | 'audit';
  type: string;
  at: string | Date;
  id: string;
  actor_id: string | null;
  data: Record<string, unknown> | null;
}

/**
 * Everything that happened to a lead, newest first, from each table that records it. Audit
 * records that only repeat another source (the creation and intake touches, a reassignment that
 * has its assignment row) are left out, so each happening appears once. The lead's deal's
 * records (stage moves, skips, completed tasks) are on it too.
 */
export async function leadTimeline(db: Executor, workspaceId: string, leadId: string, limit: number) {
  return queryRows<TimelineRow>(
    db,
    sql`(SELECT 'touch' AS kind, source AS type, received_at AS at, id::text AS id, NULL::uuid AS actor_id,
            jsonb_build_object('source', source, 'channel', channel) AS data
          FROM lead_touches WHERE workspace_id = ${workspaceId} AND lead_id = ${leadId}
          ORDER BY received_at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'event', type, at, id::text, actor_id, jsonb_build_object('props', props)
          FROM lead_events WHERE workspace_id = ${workspaceId} AND lead_id = ${leadId}
          ORDER BY at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'activity', type, at, id::text, actor_id, jsonb_build_object('summary', summary)
          FROM activities WHERE workspace_id = ${workspaceId} AND lead_id = ${leadId}
          ORDER BY at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'assignment', kind, created_at, id::text, actor_id,
            jsonb_build_object('chosenUserId', chosen_user_id, 'previousOwnerId', previous_owner_id,
              'teamId', team_id, 'strategy', strategy, 'reason', reason)
          FROM lead_assignments WHERE workspace_id = ${workspaceId} AND lead_id = ${leadId}
          ORDER BY created_at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'audit', action, at, id::text, actor_id, jsonb_build_object('before', before, 'after', after)
          FROM audit_log WHERE workspace_id = ${workspaceId} AND entity = 'lead' AND entity_id = ${leadId}
            AND action NOT IN ('lead.touched', 'lead.reassigned')
          ORDER BY at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'audit', action, at, id::text, actor_id, jsonb_build_object('before', before, 'after', after)
          FROM audit_log WHERE workspace_id = ${workspaceId} AND entity = 'deal'
            AND entity_id IN (SELECT id FROM deals WHERE workspace_id = ${workspaceId} AND lead_id = ${leadId})
          ORDER BY at DESC LIMIT ${limit})
        ORDER BY at DESC, kind, id
        LIMIT ${limit}`,
  );
}
