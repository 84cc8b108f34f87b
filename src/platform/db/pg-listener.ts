import pg from 'pg';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel and comes back by itself when the
 * server restarts or drops it. Notifications sent while it was away are lost, so `onResync`
 * runs after every reconnection for the listener to catch up (clear caches, re-read state).
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onResync: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    // Without an 'error' listener a dropped connection would crash the process.
    next.on('error', () => {});
    next.on('end', () => {
      if (client === next) client = null;
      if (!stopped) scheduleReconnect();
    });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
    retryMs = FIRST_RETRY_MS;
  };

  const scheduleReconnect = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      connect().then(onResync, () => {
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
        if (!stopped) scheduleReconnect();
      });
    }, retryMs);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    await client?.end().catch(() => {});
  };
}
