import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/database.ts';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  createApiKey,
  loginAs,
  startTestClew,
  testEngine,
  type Org,
  type TestClew,
} from '../../../test/harness.ts';

const DAY = 86_400;
const env = { CLEW_SESSION_TTL_HOURS: String(24 * 365) };

/**
 * Claims and reclaims at once: on PGlite through one server, on PostgreSQL split across two
 * servers on one database, where only the row locks (the rep, the lead) and SKIP LOCKED keep
 * every claim single and every reclaim once.
 */
describe('the pool under concurrent claims and two workers', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  let first: TestClew;
  let second: TestClew | null = null;
  let org: Org;
  let adminToken: string;
  let apiKey: string;
  const tokens: string[] = [];
  let phone = 13700000000;
  const servers = () => (second ? [first, second] : [first]);
  const serverFor = (index: number) => servers()[index % servers().length]!;

  const newPool = async (settings: Record<string, unknown>) => {
    const created = await client(first.url, adminToken).post('/api/v1/pools', { name: `池 ${phone}`, settings });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const poolLeads = async (poolId: string, count: number) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const created = await client(first.url, apiKey).post('/api/v1/leads', { name: '并发', phone: String(++phone) });
      expect(created.status).toBe(201);
      const released = await client(first.url, adminToken).post(`/api/v1/leads/${created.body.id}/release`, {
        reason: '测试',
        poolId,
      });
      expect(released.status).toBe(200);
      ids.push(created.body.id);
    }
    return ids;
  };
  const auditCounts = (action: string, leadIds: string[]) =>
    queryRows<{ entity_id: string; count: number }>(
      first.clew.deps.db,
      sql`SELECT entity_id, count(*)::int AS count FROM audit_log
          WHERE action = ${action} AND entity_id IN (SELECT json_array_elements_text(${JSON.stringify(leadIds)}::json)::uuid)
          GROUP BY entity_id`,
    );

  beforeAll(async () => {
    first = await startTestClew({ clock, env });
    if (testEngine() === 'postgres') second = await startTestClew({ clock, env, sameDatabaseAs: first });
    org = await addTeam(first.clew, first.workspaceId, { name: 'Inside', reps: 6 });
    adminToken = await loginAs(first.url, ADMIN_EMAIL);
    apiKey = await createApiKey(first.url, adminToken);
    for (const email of org.repEmails) tokens.push(await loginAs(first.url, email));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should give each lead to exactly one of six reps claiming all of them at once', async () => {
    clock.advance(DAY * 1000);
    const pool = await newPool({});
    const leadIds = await poolLeads(pool, 8);
    const attempts = leadIds.flatMap((leadId) => tokens.map((token) => ({ leadId, token })));
    const responses = await Promise.all(
      attempts.map(({ leadId, token }, index) =>
        client(serverFor(index).url, token).post(`/api/v1/pools/${pool}/leads/${leadId}/claim`),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(leadIds.length);
    expect(new Set(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.error.code}`))).toEqual(
      new Set(['409 NOT_IN_POOL']),
    );
    const claimed = await auditCounts('pool.claimed', leadIds);
    expect(claimed).toHaveLength(leadIds.length);
    expect(claimed.every((row) => row.count === 1)).toBe(true);
  });

  it('should hold one rep to the daily limit when they claim ten leads at once', async () => {
    clock.advance(DAY * 1000);
    const pool = await newPool({ claimsPerDay: 3 });
    const leadIds = await poolLeads(pool, 10);
    const responses = await Promise.all(
      leadIds.map((leadId, index) =>
        client(serverFor(index).url, tokens[0]!).post(`/api/v1/pools/${pool}/leads/${leadId}/claim`),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array.from({ length: 7 }, () => 'DAILY_LIMIT'),
    );
  });

  it('should reclaim each lead once when every instance’s worker runs at the same moment', async () => {
    clock.advance(DAY * 1000);
    const pool = await newPool({ reclaimWithoutFollowUpSeconds: DAY });
    const leadIds = await poolLeads(pool, 12);
    for (const [index, leadId] of leadIds.entries()) {
      const claimed = await client(first.url, tokens[index % tokens.length]!).post(
        `/api/v1/pools/${pool}/leads/${leadId}/claim`,
      );
      expect(claimed.status).toBe(200);
    }
    clock.advance(DAY * 1000);
    await Promise.all(servers().map((server) => server.clew.deps.deadlineWorker.runNow()));
    // A second round finds nothing left to do.
    await Promise.all(servers().map((server) => server.clew.deps.deadlineWorker.runNow()));
    const reclaimed = await auditCounts('pool.reclaimed', leadIds);
    expect(reclaimed).toHaveLength(leadIds.length);
    expect(reclaimed.every((row) => row.count === 1)).toBe(true);
    const moves = await queryRows<{ count: number }>(
      first.clew.deps.db,
      sql`SELECT count(*)::int AS count FROM pool_moves WHERE pool_id = ${pool} AND kind = 'reclaim'`,
    );
    expect(moves).toEqual([{ count: leadIds.length }]);
  });
});
