import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import {
  ADMIN_EMAIL,
  client,
  createApiKey,
  loginAs,
  startTestClew,
  testEngine,
  type TestClew,
  until,
} from '../../../test/harness.ts';

/**
 * Two servers on one PostgreSQL database, both running the background scorer: a rescore job and
 * the model to train are each claimed by one of them, and no lead is counted twice.
 */
describe.runIf(testEngine() === 'postgres')('the background scorer on two instances', () => {
  let first: TestClew;
  let second: TestClew;
  let adminToken: string;
  let apiKey: string;

  beforeAll(async () => {
    first = await startTestClew();
    second = await startTestClew({ sameDatabaseAs: first });
    adminToken = await loginAs(first.url, ADMIN_EMAIL);
    apiKey = await createApiKey(first.url, adminToken);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should run one rescore once, whichever instance takes it, and train one model once', async () => {
    const leads = Array.from({ length: 400 }, (_, index) => ({
      name: `客户${index}`,
      phone: `1380000${String(index).padStart(4, '0')}`,
      source: index % 2 === 0 ? '老客户介绍' : '信息流广告',
      status: (index % 2 === 0 ? index % 10 !== 0 : index % 10 === 1) ? 'won' : 'lost',
    }));
    const batch = await client(first.url, apiKey).post('/api/v1/leads/batch', { leads });
    expect(batch.status).toBe(200);

    const job = await client(second.url, adminToken).post('/api/v1/scoring/rescore', {});
    const model = await client(first.url, adminToken).post('/api/v1/scoring/models', {});
    expect([job.status, model.status]).toEqual([202, 202]);
    // Both instances poll; kicking both makes them race for the same rows.
    first.clew.deps.scoringWorker.kick();
    second.clew.deps.scoringWorker.kick();

    const trained = await until(
      async () => (await client(second.url, adminToken).get(`/api/v1/scoring/models/${model.body.id}`)).body,
      (view) => view.status !== 'training',
      'the model',
    );
    expect(trained).toMatchObject({ status: 'ready', active: true, version: 1 });
    const finished = await until(
      () =>
        queryRows<{ open: number }>(
          first.clew.deps.db,
          sql`SELECT count(*)::int AS open FROM scoring_jobs WHERE status IN ('queued', 'running')`,
        ),
      ([row]) => row!.open === 0,
      'every job to finish',
    );
    expect(finished[0]!.open).toBe(0);
    const jobs = await queryRows<{ reason: string; status: string; processed: number; total: number }>(
      first.clew.deps.db,
      sql`SELECT reason, status, processed, total FROM scoring_jobs ORDER BY created_at`,
    );
    const done = await queryRows<{ processed: number; total: number }>(
      first.clew.deps.db,
      sql`SELECT processed, total FROM scoring_jobs WHERE status = 'done' AND error IS NULL`,
    );
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    // Every finished job went through every lead exactly once.
    for (const row of done) expect(row.processed).toBe(row.total);
    const [models] = await queryRows<{ count: number }>(
      first.clew.deps.db,
      sql`SELECT count(*)::int AS count FROM scoring_models`,
    );
    expect(models!.count).toBe(1);
    const [unscored] = await queryRows<{ count: number }>(
      first.clew.deps.db,
      sql`SELECT count(*)::int AS count FROM leads WHERE win_probability IS NULL`,
    );
    expect(unscored!.count).toBe(0);
  });
});
