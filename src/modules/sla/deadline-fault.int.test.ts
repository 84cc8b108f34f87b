import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../platform/db/database.ts';
import {
  ADMIN_EMAIL,
  PASSWORD,
  client,
  createApiKey,
  freshDatabase,
  loginAs,
  testEngine,
  until,
} from '../../../test/harness.ts';

/** A real server process on the database, as deployed: its own pool, its own deadline worker, the system clock. */
async function serverProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      CLEW_DEMO: '0',
      CLEW_ADMIN_EMAIL: ADMIN_EMAIL,
      CLEW_ADMIN_PASSWORD: PASSWORD,
      CLEW_LOGIN_RATE_PER_MINUTE: '1000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /running at (http:\/\/\S+)/.exec(line);
    if (match) return { child, url: match[1]!.replace('localhost', '127.0.0.1') };
  }
  throw new Error('the server exited before listening');
}

/**
 * The fault test: two server processes on one PostgreSQL database share the deadlines of a
 * 3-second policy; one is killed with SIGKILL while steps are falling due. Every step still
 * happens exactly once: one audit record per step, none lost, none repeated.
 */
describe.runIf(testEngine() === 'postgres')('deadlines across two processes, one killed', () => {
  const children: ChildProcess[] = [];
  let drop: (() => Promise<void>) | null = null;
  let database: Database | null = null;

  afterAll(async () => {
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(running.map((child) => once(child, 'exit')));
    await database?.close();
    await drop?.();
  });

  it('should perform every due step exactly once when one server is killed mid-run', async () => {
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    // The test reads through its own connection; the servers migrate and bootstrap the database.
    await fresh.database.close();
    const first = await serverProcess(fresh.url!);
    children.push(first.child);
    const second = await serverProcess(fresh.url!);
    children.push(second.child);
    database = await openDatabase({ kind: 'postgres', url: fresh.url!, poolSize: 2 });

    const adminToken = await loginAs(first.url, ADMIN_EMAIL);
    const policy = await client(first.url, adminToken).post('/api/v1/sla-policies', {
      name: '3 秒',
      targets: { assign: { seconds: 3, businessTime: false }, firstTouch: { seconds: 3, businessTime: false } },
      ladder: { reminders: [0.5], atDeadline: ['notify_owner', 'escalate_manager'] },
    });
    expect(policy.status).toBe(201);
    const keys = [await createApiKey(first.url, adminToken), await createApiKey(second.url, adminToken)];
    const urls = [first.url, second.url];
    const created: string[] = [];
    for (let index = 0; index < 40; index++) {
      const response = await client(urls[index % 2]!, keys[index % 2]).post('/api/v1/leads', {
        name: `故障${index}`,
        phone: `1370000${String(index).padStart(4, '0')}`,
      });
      expect(response.status).toBe(201);
      created.push(response.body.id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const db = database.db;
    // Kill the first server once some steps have been performed and others are still to come.
    await until(
      () => queryRows<{ done: number }>(db, sql`SELECT count(*)::int AS done FROM lead_deadlines WHERE state = 'done'`),
      ([row]) => row!.done > 0,
      'the first steps to be performed',
    );
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const [planned] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM lead_deadlines`);
    expect(planned!.count).toBe(created.length * 3);
    await until(
      () =>
        queryRows<{ pending: number }>(
          db,
          sql`SELECT count(*)::int AS pending FROM lead_deadlines WHERE state = 'pending'`,
        ),
      ([row]) => row!.pending === 0,
      'every step to be performed by the surviving server',
    );
    const perStep = await queryRows<{ id: string; state: string; audits: number }>(
      db,
      sql`SELECT d.id, d.state, (SELECT count(*)::int FROM audit_log a
            WHERE a.workspace_id = d.workspace_id AND a.action LIKE 'sla.%' AND a.after->>'deadlineId' = d.id::text) AS audits
          FROM lead_deadlines d`,
    );
    expect(perStep.filter((step) => step.state !== 'done')).toEqual([]);
    expect(perStep.filter((step) => step.audits !== 1)).toEqual([]);
    const [total] = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM audit_log WHERE action LIKE 'sla.%'`,
    );
    expect(total!.count).toBe(perStep.length);
  }, 90_000);
});
