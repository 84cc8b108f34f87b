import { sql, type SQL } from 'drizzle-orm';
import type { RealtimeEvent } from '../realtime/realtime.ts';

/** Every worker listens here: a statement that queues deliveries notifies it (RETURNING pg_notify). */
export const DELIVERIES_CHANNEL = 'clew_deliveries';

/** The events as a row source `ev(workspace_id, user_id, type, data)`, one JSON parameter. */
function eventRows(events: readonly RealtimeEvent[]): SQL {
  const rows = events.map((event) => ({
    workspace_id: event.workspaceId,
    user_id: event.userId,
    type: event.type,
    data: event.data,
  }));
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) AS ev(workspace_id uuid, user_id uuid, type text, data jsonb)`;
}

/** Whether a jsonb array of event patterns (`*`, `prefix.*`, names) holds one matching ev.type. */
const patternsMatch = (patterns: SQL) =>
  sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${patterns}) AS pat
      WHERE pat = '*' OR pat = ev.type OR (pat LIKE '%.*' AND ev.type LIKE left(pat, -1) || '%'))`;

/**
 * The in-app entries and the pending deliveries for events, as statements for the same
 * writeTogether round trip as the events' NOTIFY: they commit or roll back with the change that
 * caused them, once. A workspace without preferences or channels pays two index probes that find
 * nothing. The in-app entry follows the user's preferences over their team's (events, channels, an
 * exact byEvent entry); prefix byEvent patterns and quiet hours do not hold in-app entries back
 * (quiet hours let in-app through by default).
 */
export function notificationStatements(events: readonly RealtimeEvent[], at: Date): SQL[] {
  const when = sql`${at.toISOString()}::timestamptz`;
  const pref = (key: string, fallback: string) =>
    sql`coalesce(up.preferences->${key}, tp.preferences->${key}, ${fallback}::jsonb)`;
  const inbox = sql`INSERT INTO notifications (workspace_id, user_id, type, data, lead_id, created_at)
    SELECT ev.workspace_id, ev.user_id, ev.type, ev.data, (ev.data->>'leadId')::uuid, ${when}
    FROM ${eventRows(events)}
    LEFT JOIN users u ON u.id = ev.user_id AND u.workspace_id = ev.workspace_id
    LEFT JOIN notification_preferences up ON up.workspace_id = ev.workspace_id AND up.user_id = ev.user_id
    LEFT JOIN notification_preferences tp ON tp.workspace_id = ev.workspace_id AND tp.team_id = u.team_id
    WHERE ${patternsMatch(pref('events', '["*"]'))}
      AND coalesce(${pref('byEvent', '{}')}->ev.type, ${pref('channels', '["in_app"]')}) ? 'in_app'`;
  // A team's channel hears its own team's events only; a workspace channel (team_id null) hears all.
  const deliveries = sql`INSERT INTO notification_deliveries
      (workspace_id, channel_id, user_id, event, payload, next_attempt_at, created_at, updated_at)
    SELECT ev.workspace_id, c.id, ev.user_id, ev.type,
      jsonb_build_object('data', ev.data, 'occurredAt', ${at.toISOString()}::text), ${when}, ${when}, ${when}
    FROM ${eventRows(events)}
    JOIN notification_channels c ON c.workspace_id = ev.workspace_id AND c.active
    WHERE ${patternsMatch(sql`to_jsonb(c.events)`)}
      AND (c.team_id IS NULL
        OR c.team_id = (SELECT u.team_id FROM users u WHERE u.id = ev.user_id AND u.workspace_id = ev.workspace_id))
    RETURNING pg_notify(${DELIVERIES_CHANNEL}, '')`;
  return [inbox, deliveries];
}
