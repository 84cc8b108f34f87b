import { sql, type SQL } from 'drizzle-orm';
import type { RealtimeEvent } from '../realtime/realtime.ts';

/** Every worker listens here: a statement that queues deliveries notifies it (RETURNING pg_notify). */
export const DELIVERIES_CHANNEL = 'clew_deliveries';

/**
 * Whether personal e-mail is queued: true once boot has an SMTP server (SMTP_URL). Process-wide
 * like SMTP_URL itself; without a server the rows could only die as smtp_unavailable.
 */
export const personalEmail = { enabled: false };

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

/**
 * Whether the pattern text `pat` matches ev.type: `*`, the name itself, or `prefix.*` (compared as
 * a prefix, not with LIKE, whose `_` would match any character in names like `lead_x.*`).
 */
const patternMatches = (pat: SQL) =>
  sql`(${pat} = '*' OR ${pat} = ev.type
    OR (right(${pat}, 2) = '.*' AND left(ev.type, length(${pat}) - 1) = left(${pat}, -1)))`;

/** Whether a jsonb array of event patterns holds one matching ev.type. */
const patternsMatch = (patterns: SQL) =>
  sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${patterns}) AS pat WHERE ${patternMatches(sql`pat`)})`;

/**
 * The channels chosen for ev.type, as preferences.rules.ts channelsFor: the most specific matching
 * byEvent entry (exact, then the longest `prefix.*`, then `*`), else the general channels.
 */
const chosenChannels = (byEvent: SQL, channels: SQL) =>
  sql`coalesce((SELECT be.value FROM jsonb_each(${byEvent}) AS be WHERE ${patternMatches(sql`be.key`)}
      ORDER BY CASE WHEN be.key = ev.type THEN 1000 WHEN be.key = '*' THEN 0 ELSE length(be.key) END DESC
      LIMIT 1), ${channels})`;

/**
 * The in-app entries and the pending deliveries for events, as statements for the same
 * writeTogether round trip as the events' NOTIFY: they commit or roll back with the change that
 * caused them, once. The in-app entry and a personal e-mail follow the user's preferences over
 * their team's (events, channels, byEvent with prefix patterns); quiet hours do not hold in-app
 * entries back, and hold e-mail in the worker. A workspace without preferences or channels pays
 * index probes that find nothing: personal e-mail first asks the partial index
 * notification_preferences_email_idx whether anyone in the workspace names e-mail at all.
 */
export function notificationStatements(
  events: readonly RealtimeEvent[],
  at: Date,
  options: { personalEmail: boolean } = { personalEmail: personalEmail.enabled },
): SQL[] {
  const when = sql`${at.toISOString()}::timestamptz`;
  const payload = sql`jsonb_build_object('data', ev.data, 'occurredAt', ${at.toISOString()}::text)`;
  const pref = (key: string, fallback: string) =>
    sql`coalesce(up.preferences->${key}, tp.preferences->${key}, ${fallback}::jsonb)`;
  const preferencesOf = sql`
    LEFT JOIN notification_preferences up ON up.workspace_id = ev.workspace_id AND up.user_id = ev.user_id
    LEFT JOIN notification_preferences tp ON tp.workspace_id = ev.workspace_id AND tp.team_id = u.team_id`;
  const wants = (channel: string) =>
    sql`${patternsMatch(pref('events', '["*"]'))}
      AND ${chosenChannels(pref('byEvent', '{}'), pref('channels', '["in_app"]'))} ? ${channel}`;
  const inbox = sql`INSERT INTO notifications (workspace_id, user_id, type, data, lead_id, created_at)
    SELECT ev.workspace_id, ev.user_id, ev.type, ev.data, (ev.data->>'leadId')::uuid, ${when}
    FROM ${eventRows(events)}
    LEFT JOIN users u ON u.id = ev.user_id AND u.workspace_id = ev.workspace_id
    ${preferencesOf}
    WHERE ${wants('in_app')}`;
  // A team's channel hears its own team's events only; a workspace channel (team_id null) hears all.
  const deliveries = sql`INSERT INTO notification_deliveries
      (workspace_id, channel_id, user_id, event, payload, next_attempt_at, created_at, updated_at)
    SELECT ev.workspace_id, c.id, ev.user_id, ev.type, ${payload}, ${when}, ${when}, ${when}
    FROM ${eventRows(events)}
    JOIN notification_channels c ON c.workspace_id = ev.workspace_id AND c.active
    WHERE ${patternsMatch(sql`to_jsonb(c.events)`)}
      AND (c.team_id IS NULL
        OR c.team_id = (SELECT u.team_id FROM users u WHERE u.id = ev.user_id AND u.workspace_id = ev.workspace_id))
    RETURNING pg_notify(${DELIVERIES_CHANNEL}, '')`;
  if (!options.personalEmail || events.length === 0) return [inbox, deliveries];
  // The user's own address through the workspace's SMTP, as a delivery (retries, the log, quiet hours).
  // The gate names no column of the events, so it is a one-time filter run before anything else: where
  // nobody in the events' workspaces names e-mail, one probe of the partial index and nothing more.
  const workspaces = sql.join(
    [...new Set(events.map((event) => event.workspaceId))].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const personal = sql`INSERT INTO notification_deliveries
      (workspace_id, channel_id, recipient, user_id, event, payload, next_attempt_at, created_at, updated_at)
    SELECT ev.workspace_id, NULL, u.email, ev.user_id, ev.type, ${payload}, ${when}, ${when}, ${when}
    FROM ${eventRows(events)}
    JOIN users u ON u.id = ev.user_id AND u.workspace_id = ev.workspace_id AND u.active
    ${preferencesOf}
    WHERE EXISTS (SELECT 1 FROM notification_preferences anyone
        WHERE anyone.workspace_id IN (${workspaces}) AND anyone.wants_email)
      AND ${wants('email')}
    RETURNING pg_notify(${DELIVERIES_CHANNEL}, '')`;
  return [inbox, deliveries, personal];
}
