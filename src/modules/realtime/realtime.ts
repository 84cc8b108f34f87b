import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { writeTogether, type Database, type Executor } from '../../platform/db/database.ts';
import { notificationStatements } from '../notifications/notification-write.ts';

export const EVENTS_CHANNEL = 'clew_events';
/** Tells every instance to drop what it caches about credentials (a key revoked, a session ended). */
export const INVALIDATE_CHANNEL = 'clew_invalidate';

export type Invalidation = 'credentials' | 'intake_settings' | 'scoring' | 'routing';

export async function publishInvalidation(db: Executor, what: Invalidation): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${INVALIDATE_CHANNEL}, ${what})`);
}

export const realtimeEvent = z.object({
  workspaceId: z.uuid(),
  userId: z.uuid(),
  type: z.enum(['lead.assigned', 'lead.touched', 'lead.urgent', 'lead.flagged', 'lead.deadline', 'lead.pool']),
  data: z.record(z.string(), z.unknown()),
});
export type RealtimeEvent = z.infer<typeof realtimeEvent>;

/**
 * Queues an event in the current transaction. PostgreSQL (and PGlite) deliver a NOTIFY only
 * when the transaction commits, so nobody hears of an assignment that was rolled back, and
 * every server instance listening hears it.
 */
export async function publishOnCommit(db: Executor, event: RealtimeEvent, at: Date): Promise<void> {
  await publishAllOnCommit(db, [event], at);
}

/**
 * Events with their in-app entries and outbound deliveries (notificationStatements), in one round
 * trip: the pop-ups, the notification centre and the delivery log commit together or not at all.
 */
export async function publishAllOnCommit(db: Executor, events: RealtimeEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await writeTogether(db, notificationStatements(events, at), notifyAllSelect(events));
}

/** The NOTIFY as a SELECT, to close a writeTogether round trip. */
export function notifySelect(event: RealtimeEvent): SQL {
  return sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

/**
 * Events packed as JSON arrays, each under the payload limit: a notification costs the embedded
 * database about as much as writing a lead, so a batch of a thousand new leads sends a few dozen
 * instead of a thousand. The hub hands each event on by itself.
 */
export function packEvents(events: RealtimeEvent[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const text = JSON.stringify(event);
    const size = Buffer.byteLength(text) + 1;
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

/** Several events as one SELECT, packed into as few NOTIFYs as fit (packEvents). */
export function notifyAllSelect(events: RealtimeEvent[]): SQL {
  const payloads = JSON.stringify(packEvents(events));
  return sql`SELECT pg_notify(${EVENTS_CHANNEL}, payload) FROM json_array_elements_text(${payloads}::json) AS payload`;
}

/** The pop-up's payload, the same wherever a lead gets a new owner. */
export function leadAssignedData(
  lead: { id: string; name: string; company: string | null; source: string; ownerId: string | null },
  at: Date,
) {
  return {
    leadId: lead.id,
    name: lead.name,
    company: lead.company,
    source: lead.source,
    ownerId: lead.ownerId,
    assignedAt: at.toISOString(),
  };
}

type Subscriber = (event: RealtimeEvent) => void;

export interface EventHub {
  subscribe(workspaceId: string, userId: string, onEvent: Subscriber): () => void;
  stop(): Promise<void>;
}

/** Fans the database's notifications out to the users connected to this instance. */
export async function startEventHub(database: Database, onInvalid: (payload: string) => void): Promise<EventHub> {
  const byUser = new Map<string, Set<Subscriber>>();
  const key = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;
  const stopListening = await database.listen(EVENTS_CHANNEL, (payload) => {
    // One event, or several packed into one notification (packEvents).
    let parsed: RealtimeEvent[];
    try {
      const json: unknown = JSON.parse(payload);
      parsed = Array.isArray(json) ? json.map((event) => realtimeEvent.parse(event)) : [realtimeEvent.parse(json)];
    } catch {
      onInvalid(payload);
      return;
    }
    for (const event of parsed) {
      for (const subscriber of byUser.get(key(event.workspaceId, event.userId)) ?? []) subscriber(event);
    }
  });
  return {
    subscribe(workspaceId, userId, onEvent) {
      const userKey = key(workspaceId, userId);
      const set = byUser.get(userKey) ?? new Set();
      set.add(onEvent);
      byUser.set(userKey, set);
      return () => {
        set.delete(onEvent);
        if (set.size === 0) byUser.delete(userKey);
      };
    },
    stop: stopListening,
  };
}
