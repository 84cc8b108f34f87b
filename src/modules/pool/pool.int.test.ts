import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/database.ts';
import type { RealtimeEvent } from '../realtime/realtime.ts';
import { addTeam, client, loginAs, until, type Org } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

const DAY = 86_400;
const HOUR_MS = 3_600_000;

describe('the public pool (公海)', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  const f = intakeFixture({ reps: 4, clock, channel: '官网', env: { CLEW_SESSION_TTL_HOURS: String(24 * 365) } });
  let outside: Org;
  const tokens: string[] = [];
  let managerToken: string;
  let outsideToken: string;
  let phone = 13800000000;
  /** Which rep intake dealt each pool lead to: the admin's release makes them a former owner. */
  const dealtTo = new Map<string, number>();

  const admin = () => client(f.server.url, f.adminToken);
  const rep = (index: number) => client(f.server.url, tokens[index]!);
  const repId = (index: number) => f.org.repIds[index]!;
  const worker = () => f.server.clew.deps.deadlineWorker;

  const newPool = async (settings: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const created = await admin().post('/api/v1/pools', { name: `池 ${phone}`, settings, ...extra });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  /** A lead created through intake (dealt to a rep), then released by the admin into the pool. */
  const poolLead = async (poolId: string) => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '公海客户',
      phone: String(++phone),
      email: `buyer${phone}@example.com`,
    });
    expect(created.status).toBe(201);
    // A second apart, so the timeline orders the deal, the release and what follows by time.
    clock.advance(1000);
    const released = await admin().post(`/api/v1/leads/${created.body.id}/release`, { reason: '测试', poolId });
    expect(released.status).toBe(200);
    clock.advance(1000);
    dealtTo.set(created.body.id, f.org.repIds.indexOf(created.body.ownerId));
    return created.body.id as string;
  };
  const poolAudits = (leadId: string) =>
    queryRows<{ action: string; count: number }>(
      f.server.clew.deps.db,
      sql`SELECT action, count(*)::int AS count FROM audit_log
          WHERE workspace_id = ${f.server.workspaceId} AND entity = 'lead' AND entity_id = ${leadId}
            AND (action LIKE 'pool.%' OR action LIKE 'sla.%')
          GROUP BY action ORDER BY action`,
    );
  const lead = async (leadId: string) => (await admin().get(`/api/v1/leads/${leadId}`)).body;
  const claim = (index: number, poolId: string, leadId: string) =>
    rep(index).post(`/api/v1/pools/${poolId}/leads/${leadId}/claim`);
  /** Each test starts days after the last, so no claim history carries over. */
  const nextDays = () => clock.advance(3 * DAY * 1000);

  beforeAll(async () => {
    outside = await addTeam(f.server.clew, f.server.workspaceId, { name: 'Outside', reps: 1, makeDefault: false });
    for (const email of f.org.repEmails) tokens.push(await loginAs(f.server.url, email));
    managerToken = await loginAs(f.server.url, f.org.managerEmail);
    outsideToken = await loginAs(f.server.url, outside.repEmails[0]!);
  });

  it('should keep pools (admin only), refuse bad settings with the field, and keep one default per team', async () => {
    const first = await admin().post('/api/v1/pools', { name: '总公海', isDefault: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: '总公海',
      teamId: null,
      isDefault: true,
      settings: { visibleTeamIds: null, maskContacts: true, claimsPerDay: null, timeZone: 'Asia/Shanghai' },
    });
    const second = await admin().post('/api/v1/pools', { name: '新总公海', isDefault: true });
    expect((await admin().get(`/api/v1/pools/${first.body.id}`)).body.isDefault).toBe(false);
    const patched = await admin().patch(`/api/v1/pools/${second.body.id}`, {
      name: '默认公海',
      settings: {
        claimsPerDay: 5,
        protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toMatchObject({ claimsPerDay: 5, protection: { capSeconds: 20 * DAY } });

    const badCap = await admin().patch(`/api/v1/pools/${second.body.id}`, {
      settings: { protection: { baseSeconds: 10 * DAY, capSeconds: DAY } },
    });
    expect(badCap.status).toBe(400);
    expect(badCap.body.error.field).toBe('settings.protection');
    const unknownKnob = await admin().post('/api/v1/pools', { name: 'x', settings: { claimsPerWeek: 3 } });
    expect(unknownKnob.status).toBe(400);
    expect(unknownKnob.body.error.field).toBe('settings.claimsPerWeek');
    expect((await rep(0).post('/api/v1/pools', { name: 'mine' })).status).toBe(403);

    expect((await admin().delete(`/api/v1/pools/${first.body.id}`)).status).toBe(204);
    expect((await admin().get(`/api/v1/pools/${first.body.id}`)).status).toBe(404);
    // Back to no claim limit on the default pool for the tests below.
    await admin().patch(`/api/v1/pools/${second.body.id}`, { settings: {} });
  });

  it('should release with a reason into the default pool, claim it back out, each on the timeline with an event', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '释放',
      phone: String(++phone),
    });
    const leadId = created.body.id as string;
    const owner = f.org.repIds.indexOf(created.body.ownerId);
    clock.advance(1000);
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, created.body.ownerId, (event) =>
      heard.push(event),
    );
    expect((await rep(owner).post(`/api/v1/leads/${leadId}/release`, {})).body.error.field).toBe('reason');
    expect((await rep((owner + 1) % 4).post(`/api/v1/leads/${leadId}/release`, { reason: 'x' })).status).toBe(404);
    const released = await rep(owner).post(`/api/v1/leads/${leadId}/release`, { reason: '客户暂无预算' });
    expect(released.status).toBe(200);
    const defaultPool = (await admin().get('/api/v1/pools')).body.items.find(
      (p: { isDefault: boolean }) => p.isDefault,
    );
    expect(released.body).toMatchObject({ leadId, poolId: defaultPool.id, ownerId: null, move: 'release' });
    expect(await lead(leadId)).toMatchObject({ ownerId: null, poolId: defaultPool.id });
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.pool'),
      'the release event',
    );
    unsubscribe();
    expect((await rep(owner).post(`/api/v1/leads/${leadId}/release`, { reason: 'again' })).status).toBe(404);

    clock.advance(1000);
    const claimer = (owner + 1) % 4;
    const claimed = await claim(claimer, defaultPool.id, leadId);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ ownerId: repId(claimer), move: 'claim', reclaimAt: null });
    expect(await lead(leadId)).toMatchObject({ ownerId: repId(claimer), poolId: null, teamId: f.org.teamId });
    const timeline = await admin().get(`/api/v1/leads/${leadId}/timeline`);
    expect(timeline.body.items.slice(0, 2)).toMatchObject([
      { kind: 'audit', type: 'pool.claimed', actorId: repId(claimer) },
      { kind: 'audit', type: 'pool.released', data: { after: { reason: '客户暂无预算' } } },
    ]);
  });

  it('should mask phone and e-mail for reps until claimed, per the pool', async () => {
    nextDays();
    const masked = await newPool();
    const leadId = await poolLead(masked);
    const seen = await rep(0).get(`/api/v1/pools/${masked}/leads`);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        id: leadId,
        phone: `138****${String(phone).slice(-4)}`,
        email: 'b***@example.com',
        masked: true,
      }),
    ]);
    const byAdmin = await admin().get(`/api/v1/pools/${masked}/leads`);
    expect(byAdmin.body.items[0]).toMatchObject({ phone: `+86${phone}`, masked: false });
    const open = await newPool({ maskContacts: false });
    await poolLead(open);
    expect((await rep(0).get(`/api/v1/pools/${open}/leads`)).body.items[0]).toMatchObject({
      phone: `+86${phone}`,
      email: `buyer${phone}@example.com`,
      masked: false,
    });
    // Claimed, it is the rep's lead with its contacts in full, and gone from the pool's list.
    expect((await claim(0, masked, leadId)).status).toBe(200);
    expect((await rep(0).get(`/api/v1/leads/${leadId}`)).body.phone).toBe(`+86${String(phone - 1)}`);
    expect((await rep(0).get(`/api/v1/pools/${masked}/leads`)).body.items).toEqual([]);
  });

  it('should show a pool only to the teams it names (and its admins), and refuse a claim from elsewhere', async () => {
    nextDays();
    const outsideOnly = await newPool({ visibleTeamIds: [outside.teamId], adminUserIds: [repId(3)] });
    const leadId = await poolLead(outsideOnly);
    const listed = (token: string) =>
      client(f.server.url, token)
        .get('/api/v1/pools')
        .then((r) => r.body.items.map((p: { id: string }) => p.id));
    expect(await listed(tokens[0]!)).not.toContain(outsideOnly);
    expect(await listed(outsideToken)).toContain(outsideOnly);
    expect(await listed(tokens[3]!)).toContain(outsideOnly);
    expect((await rep(0).get(`/api/v1/pools/${outsideOnly}/leads`)).status).toBe(404);
    const refused = await claim(0, outsideOnly, leadId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_VISIBLE');
    const ok = await client(f.server.url, outsideToken).post(`/api/v1/pools/${outsideOnly}/leads/${leadId}/claim`);
    expect(ok.status).toBe(200);
    expect(await lead(leadId)).toMatchObject({ ownerId: outside.repIds[0], teamId: outside.teamId });
  });

  it('should refuse a claim past the daily limit until the rep’s next local midnight', async () => {
    nextDays();
    const pool = await newPool({ claimsPerDay: 1 });
    const [a, b] = [await poolLead(pool), await poolLead(pool)];
    expect((await claim(1, pool, a)).status).toBe(200);
    const refused = await claim(1, pool, b);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DAILY_LIMIT');
    // 10:00 in Shanghai on the day; midnight there is 16:00 UTC.
    clock.set(new Date(new Date(clock.now()).setUTCHours(16, 0, 0, 0)));
    expect((await claim(1, pool, b)).status).toBe(200);
  });

  it('should refuse a claim to a rep holding the most leads, won ones counted when the pool says so', async () => {
    nextDays();
    const pool = await newPool({ maxHeld: 1, countWon: true });
    const [a, b] = [await poolLead(pool), await poolLead(pool)];
    const held = await admin().get(`/api/v1/leads?ownerId=${repId(2)}`);
    for (const item of held.body.items ?? [])
      await admin().post(`/api/v1/leads/${item.id}/release`, { reason: 'clear', poolId: pool });
    expect((await claim(2, pool, a)).status).toBe(200);
    expect((await claim(2, pool, b)).body.error.code).toBe('MAX_HELD');
    expect((await rep(2).patch(`/api/v1/leads/${a}`, { status: 'won' })).status).toBe(200);
    const stillHeld = await claim(2, pool, b);
    expect(stillHeld.status).toBe(409);
    expect(stillHeld.body.error.code).toBe('MAX_HELD');
    await admin().patch(`/api/v1/pools/${pool}`, { settings: { maxHeld: 1, countWon: false } });
    expect((await claim(2, pool, b)).status).toBe(200);
    // A won lead stays with the rep who won it.
    const releaseWon = await rep(2).post(`/api/v1/leads/${a}/release`, { reason: '换人', poolId: pool });
    expect(releaseWon.status).toBe(409);
    expect(releaseWon.body.error.code).toBe('CONFLICT');
  });

  it('should refuse a second claim within the minimum gap', async () => {
    nextDays();
    const pool = await newPool({ minGapSeconds: 600 });
    const [a, b] = [await poolLead(pool), await poolLead(pool)];
    expect((await claim(3, pool, a)).status).toBe(200);
    clock.advance(599_000);
    const refused = await claim(3, pool, b);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TOO_SOON');
    clock.advance(1000);
    expect((await claim(3, pool, b)).status).toBe(200);
  });

  it('should make a former owner wait out the cool-down, while another rep may claim at once', async () => {
    nextDays();
    const pool = await newPool({ cooldownSeconds: DAY });
    const leadId = await poolLead(pool);
    const first = (dealtTo.get(leadId)! + 1) % 4;
    const second = (first + 1) % 4;
    expect((await claim(first, pool, leadId)).status).toBe(200);
    clock.advance(1000);
    const released = await rep(first).post(`/api/v1/leads/${leadId}/release`, { reason: '不合适', poolId: pool });
    expect(released.status).toBe(200);
    const refused = await claim(first, pool, leadId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COOLING_DOWN');
    clock.advance(DAY * 1000 - 1);
    expect((await claim(first, pool, leadId)).body.error.code).toBe('COOLING_DOWN');
    clock.advance(1);
    expect((await claim(first, pool, leadId)).status).toBe(200);
    // Released again: anyone else may claim it at once.
    clock.advance(1000);
    await rep(first).post(`/api/v1/leads/${leadId}/release`, { reason: '再放', poolId: pool });
    expect((await claim(second, pool, leadId)).status).toBe(200);
  });

  it('should let exactly one of two reps claiming the same lead at once win; the other gets NOT_IN_POOL', async () => {
    nextDays();
    const pool = await newPool();
    for (let round = 0; round < 3; round++) {
      const leadId = await poolLead(pool);
      const results = await Promise.all([claim(0, pool, leadId), claim(1, pool, leadId)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('NOT_IN_POOL');
      const winner = results.find((r) => r.status === 200)!;
      expect((await lead(leadId)).ownerId).toBe(winner.body.ownerId);
      expect(await poolAudits(leadId)).toEqual([
        { action: 'pool.claimed', count: 1 },
        { action: 'pool.released', count: 1 },
      ]);
    }
  });

  it('should let a pool admin or the rep’s manager assign from the pool, not another rep', async () => {
    nextDays();
    const pool = await newPool({ adminUserIds: [repId(3)], claimsPerDay: 1 });
    const [a, b] = [await poolLead(pool), await poolLead(pool)];
    const byRep = await rep(0).post(`/api/v1/pools/${pool}/leads/${a}/assign`, { userId: repId(1) });
    expect(byRep.status).toBe(403);
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, repId(1), (event) =>
      heard.push(event),
    );
    const byManager = await client(f.server.url, managerToken).post(`/api/v1/pools/${pool}/leads/${a}/assign`, {
      userId: repId(1),
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({ ownerId: repId(1), move: 'assign' });
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.assigned' && event.data.leadId === a),
      'the assignment pop-up',
    );
    unsubscribe();
    const byPoolAdmin = await rep(3).post(`/api/v1/pools/${pool}/leads/${b}/assign`, { userId: repId(0) });
    expect(byPoolAdmin.status).toBe(200);
    expect((await rep(3).post(`/api/v1/pools/${pool}/leads/${b}/assign`, { userId: repId(1) })).body.error.code).toBe(
      'NOT_IN_POOL',
    );
    expect((await admin().get(`/api/v1/leads/${a}/timeline`)).body.items[0]).toMatchObject({
      kind: 'audit',
      type: 'pool.assigned',
    });
  });

  it('should reclaim a lead after N days without follow-up, each follow-up restarting the count, exactly once', async () => {
    nextDays();
    const pool = await newPool({ reclaimWithoutFollowUpSeconds: 2 * DAY });
    const leadId = await poolLead(pool);
    const start = clock.now().getTime();
    const claimed = await claim(1, pool, leadId);
    expect(claimed.body.reclaimAt).toBe(new Date(start + 2 * DAY * 1000).toISOString());
    expect(await lead(leadId)).toMatchObject({ slaStep: 'pool:reclaim:no_follow_up' });
    expect((await rep(1).get(`/api/v1/leads/${leadId}/deadlines`)).body.items).toEqual([
      expect.objectContaining({ target: 'pool', source: expect.objectContaining({ kind: 'pool', id: pool }) }),
    ]);
    clock.advance(DAY * 1000);
    expect((await rep(1).post(`/api/v1/leads/${leadId}/activities`, { type: 'call', summary: '跟进' })).status).toBe(
      201,
    );
    clock.advance(DAY * 1000);
    await worker().runNow();
    // Due by the claim, but the call moved it: still the rep's, the step planned from the call.
    expect(await lead(leadId)).toMatchObject({
      ownerId: repId(1),
      slaDueAt: new Date(start + 3 * DAY * 1000).toISOString(),
    });
    clock.advance(DAY * 1000 - 1);
    await worker().runNow();
    expect((await lead(leadId)).ownerId).toBe(repId(1));
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, repId(1), (event) =>
      heard.push(event),
    );
    clock.advance(1);
    await worker().runNow();
    await worker().runNow();
    expect(await lead(leadId)).toMatchObject({ ownerId: null, poolId: pool, slaDueAt: null });
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.pool'),
      'the pool reclaim event',
    );
    unsubscribe();
    expect(heard.filter((event) => event.type === 'lead.pool')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ leadId, move: 'reclaim', poolId: pool }) }),
    ]);
    expect(await poolAudits(leadId)).toEqual([
      { action: 'pool.claimed', count: 1 },
      { action: 'pool.reclaimed', count: 1 },
      { action: 'pool.released', count: 1 },
    ]);
    const timeline = await admin().get(`/api/v1/leads/${leadId}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      type: 'pool.reclaimed',
      at: new Date(start + 3 * DAY * 1000).toISOString(),
      data: { after: { reason: 'no_follow_up' } },
    });
  });

  it('should keep a claimed lead for its protection period, extended by each follow-up up to the cap', async () => {
    nextDays();
    const pool = await newPool({
      protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY },
    });
    const leadId = await poolLead(pool);
    const start = clock.now().getTime();
    await claim(2, pool, leadId);
    for (let visit = 0; visit < 4; visit++) {
      clock.advance(HOUR_MS);
      await rep(2).post(`/api/v1/leads/${leadId}/activities`, { type: 'visit', summary: `拜访 ${visit}` });
    }
    // 10 days + 4 × 3 would be 22: the cap holds it to 20.
    clock.set(new Date(start + 20 * DAY * 1000 - 1));
    await worker().runNow();
    expect((await lead(leadId)).ownerId).toBe(repId(2));
    clock.advance(1);
    await worker().runNow();
    expect(await lead(leadId)).toMatchObject({ ownerId: null, poolId: pool });
    const reclaimed = await queryRows<{ reason: string }>(
      f.server.clew.deps.db,
      sql`SELECT after->>'reason' AS reason FROM audit_log WHERE entity_id = ${leadId} AND action = 'pool.reclaimed'`,
    );
    expect(reclaimed).toEqual([{ reason: 'protection_expired' }]);
  });

  it('should reclaim after N days without progress, a status change restarting it, and apply a shortened window at once', async () => {
    nextDays();
    const pool = await newPool({ reclaimWithoutProgressSeconds: 5 * DAY });
    const leadId = await poolLead(pool);
    const start = clock.now().getTime();
    expect((await claim(3, pool, leadId)).body.reclaimAt).toBe(new Date(start + 5 * DAY * 1000).toISOString());
    clock.advance(2 * DAY * 1000);
    expect((await rep(3).patch(`/api/v1/leads/${leadId}`, { status: 'contacted' })).status).toBe(200);
    // A note is no progress, and a change that is not the status neither.
    await rep(3).patch(`/api/v1/leads/${leadId}`, { title: '采购经理' });
    clock.advance(3 * DAY * 1000);
    await worker().runNow();
    expect(await lead(leadId)).toMatchObject({
      ownerId: repId(3),
      slaDueAt: new Date(start + 7 * DAY * 1000).toISOString(),
    });
    // One day without progress is now enough: the last status change was three days ago.
    await admin().patch(`/api/v1/pools/${pool}`, { settings: { reclaimWithoutProgressSeconds: DAY } });
    await worker().runNow();
    expect(await lead(leadId)).toMatchObject({ ownerId: null, poolId: pool });
    const reclaimed = await queryRows<{ reason: string }>(
      f.server.clew.deps.db,
      sql`SELECT after->>'reason' AS reason FROM audit_log WHERE entity_id = ${leadId} AND action = 'pool.reclaimed'`,
    );
    expect(reclaimed).toEqual([{ reason: 'no_progress' }]);
  });

  it('should put a lead reclaimed by an SLA breach into the default pool, its owner then cooling down', async () => {
    nextDays();
    const defaultPool = (await admin().get('/api/v1/pools')).body.items.find(
      (p: { isDefault: boolean }) => p.isDefault,
    );
    await admin().patch(`/api/v1/pools/${defaultPool.id}`, { settings: { cooldownSeconds: DAY } });
    const policy = await admin().post('/api/v1/sla-policies', {
      name: '3 秒回收',
      targets: { firstTouch: { seconds: 3, businessTime: false } },
      ladder: { reminders: [], atDeadline: ['reclaim_to_pool'] },
    });
    expect(policy.status).toBe(201);
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '超时',
      phone: String(++phone),
    });
    const owner = f.org.repIds.indexOf(created.body.ownerId);
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, created.body.ownerId, (event) =>
      heard.push(event),
    );
    clock.advance(3000);
    await worker().runNow();
    expect(await lead(created.body.id)).toMatchObject({ ownerId: null, poolId: defaultPool.id });
    // The former owner hears of it, so their list drops the lead without a reload.
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.pool'),
      'the SLA reclaim event',
    );
    unsubscribe();
    expect(heard.filter((event) => event.type === 'lead.pool')).toEqual([
      expect.objectContaining({
        userId: created.body.ownerId,
        data: expect.objectContaining({ leadId: created.body.id, move: 'reclaim', poolId: defaultPool.id }),
      }),
    ]);
    const refused = await claim(owner, defaultPool.id, created.body.id);
    expect(refused.body.error.code).toBe('COOLING_DOWN');
    expect((await claim((owner + 1) % 4, defaultPool.id, created.body.id)).status).toBe(200);
  });
});
