import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngine } from '../../../test/harness.ts';
import { listenWithReconnect } from './pg-listener.ts';

describe.runIf(testEngine() === 'postgres')('listenWithReconnect', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await fresh?.database.close();
    await fresh?.drop();
  });

  it('should come back after the server drops the connection, and ask for a resync', async () => {
    const received: string[] = [];
    let resyncs = 0;
    const stop = await listenWithReconnect(
      fresh.url!,
      'clew_test',
      (payload) => received.push(payload),
      () => resyncs++,
    );
    const admin = new pg.Client({ connectionString: fresh.url! });
    await admin.connect();
    const until = async (check: () => boolean) => {
      for (let attempt = 0; attempt < 100 && !check(); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await admin.query("SELECT pg_notify('clew_test', 'before')");
    await until(() => received.length === 1);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    await until(() => resyncs === 1);
    await admin.query("SELECT pg_notify('clew_test', 'after')");
    await until(() => received.length === 2);
    expect(received).toEqual(['before', 'after']);
    expect(resyncs).toBe(1);
    await admin.end();
    await stop();
  });
});
