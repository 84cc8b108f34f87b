import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { ADMIN_EMAIL, client, loginAs, startTestClew, type TestClew } from '../../../test/harness.ts';

/** What someone who starts Clew with the demo finds: deadlines set, a pool with leads in it. */
describe('the demo workspace', () => {
  // A Tuesday, 10:00 in Shanghai: inside the demo's business hours.
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  let server: TestClew;
  let adminToken: string;
  const admin = () => client(server.url, adminToken);

  beforeAll(async () => {
    server = await startTestClew({ clock, env: { CLEW_DEMO: '1' } });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
  });
  afterAll(async () => server?.close());

  it('should ship the 5-30-120 policies, A-grade first', async () => {
    const { body } = await admin().get('/api/v1/sla-policies');
    expect(body.items.map((policy: { name: string }) => policy.name)).toEqual([
      'A 级线索 · 2 小时启动方案',
      '5-30-120 标准时限',
    ]);
    const standard = body.items[1];
    expect(standard.targets.firstTouch.seconds).toBe(1800);
    expect(standard.ladders.nextFollowUp.atDeadline).toEqual(['notify_owner', 'reclaim_to_pool']);
  });

  it('should plan deadlines for a lead entered now', async () => {
    const created = await admin().post('/api/v1/leads', {
      name: '演示客户',
      phone: '13912345678',
      company: '演示科技',
    });
    expect(created.status).toBe(201);
    const lead = (await admin().get(`/api/v1/leads/${created.body.id}`)).body;
    expect(lead.slaDueAt).not.toBeNull();
  });

  it('should have a default pool whose leads a rep can claim, contacts masked until then', async () => {
    const pools = (await admin().get('/api/v1/pools')).body.items;
    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({ name: '全国公海', isDefault: true });
    const repToken = await loginAs(server.url, 'li.ming@demo.clew.cn');
    const waiting = (await client(server.url, repToken).get(`/api/v1/pools/${pools[0].id}/leads`)).body.items;
    expect(waiting).toHaveLength(15);
    expect(waiting[0].phone).toMatch(/\*/);

    const claimed = await client(server.url, repToken).post(
      `/api/v1/pools/${pools[0].id}/leads/${waiting[0].id}/claim`,
    );
    expect(claimed.status).toBe(200);
    const lead = (await admin().get(`/api/v1/leads/${waiting[0].id}`)).body;
    expect(lead.poolId).toBeNull();
    expect(lead.phone).toMatch(/^\+86\d{11}$/);
  });
});
