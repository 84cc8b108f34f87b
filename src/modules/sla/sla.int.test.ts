import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/database.ts';
import type { RealtimeEvent } from '../realtime/realtime.ts';
import { client, loginAs, testEngine, until } from '../../../test/harness.ts';
import { workspaceRouting } from '../routing/workspace-routing.ts';
import { performDueSteps } from './deadline.service.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { createDeadlineWorker } from './deadline.worker.ts';

const threeSeconds = {
  name: '3 秒首次跟进',
  targets: { firstTouch: { seconds: 3, businessTime: false } },
  ladder: { reminders: [], atDeadline: ['notify_owner'] },
};

describe('response deadlines', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  const f = intakeFixture({ reps: 2, clock, channel: '官网' });
  let policyId: string;
  let phone = 13900000000;

  const admin = () => client(f.server.url, f.adminToken);
  const newLead = async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '限时',
      phone: String(++phone),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; ownerId: string; slaDueAt: string | null; slaStep: string | null };
  };
  const ownerToken = (ownerId: string) => loginAs(f.server.url, f.org.repEmails[f.org.repIds.indexOf(ownerId)]!);
  const slaAudits = (leadId: string) =>
    queryRows<{ action: string; count: number }>(
      f.server.clew.deps.db,
      sql`SELECT action, count(*)::int AS count FROM audit_log
          WHERE workspace_id = ${f.server.workspaceId} AND entity = 'lead' AND entity_id = ${leadId} AND action LIKE 'sla.%'
          GROUP BY action ORDER BY action`,
    );
  const worker = () => f.server.clew.deps.deadlineWorker;
  const setLadder = async (atDeadline: string[]) => {
    const patched = await admin().patch(`/api/v1/sla-policies/${policyId}`, { ladder: { reminders: [], atDeadline } });
    expect(patched.status).toBe(200);
  };

  beforeAll(async () => {
    const created = await admin().post('/api/v1/sla-policies', threeSeconds);
    expect(created.status).toBe(201);
    policyId = created.body.id;
  });

  it('should keep policies per workspace: create, list, get, update, and refuse bad ones with the field', async () => {
    const got = await admin().get(`/api/v1/sla-policies/${policyId}`);
    expect(got.body).toMatchObject({
      id: policyId,
      active: true,
      priority: 100,
      targets: { firstTouch: { seconds: 3, businessTime: false } },
      ladder: { reminders: [], atDeadline: ['notify_owner'] },
    });
    const listed = await admin().get('/api/v1/sla-policies');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([policyId]);
    const noTarget = await admin().post('/api/v1/sla-policies', { ...threeSeconds, targets: {} });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.field).toBe('targets');
    const zero = await admin().post('/api/v1/sla-policies', {
      ...threeSeconds,
      targets: { firstTouch: { seconds: 0 } },
    });
    expect(zero.status).toBe(400);
    const badAction = await admin().patch(`/api/v1/sla-policies/${policyId}`, {
      ladder: { atDeadline: ['shout'] },
    });
    expect(badAction.status).toBe(400);
    const rep = await client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!)).post(
      '/api/v1/sla-policies',
      threeSeconds,
    );
    expect(rep.status).toBe(403);
    const missing = await admin().get('/api/v1/sla-policies/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('should sleep until the next due step, and be woken when an earlier one is planned', async () => {
    const setSeconds = (seconds: number) =>
      admin().patch(`/api/v1/sla-policies/${policyId}`, {
        targets: { firstTouch: { seconds, businessTime: false } },
      });
    await setSeconds(3_600);
    const later = await newLead();
    expect(later.slaDueAt).toBe('2026-12-01T03:00:00.000Z');
    await until(
      async () => worker().sleepingUntil()?.toISOString(),
      (due) => due === later.slaDueAt,
      'the worker to sleep until the lead’s deadline',
    );
    await setSeconds(3);
    const sooner = await newLead();
    await until(
      async () => worker().sleepingUntil()?.toISOString(),
      (due) => due === sooner.slaDueAt,
      'the NOTIFY to wake the worker for the earlier deadline',
    );
    // Touched at once, so the later tests start from a clean slate.
    for (const lead of [later, sooner])
      await client(f.server.url, await ownerToken(lead.ownerId)).post(`/api/v1/leads/${lead.id}/activities`, {
        type: 'call',
        summary: '已联系',
      });
  });

  it('should breach a 3-second first touch with exactly one action, the owner told by the SSE event', async () => {
    const lead = await newLead();
    expect(lead).toMatchObject({
      slaDueAt: '2026-12-01T02:00:03.000Z',
      slaStep: 'firstTouch:deadline:notify_owner',
      poolId: null,
    });
    // The lead page's deadline card: the pending step and the policy that planned it, for those who see the lead.
    const deadlines = await client(f.server.url, await ownerToken(lead.ownerId)).get(
      `/api/v1/leads/${lead.id}/deadlines`,
    );
    expect(deadlines.status).toBe(200);
    expect(deadlines.body.items).toEqual([
      expect.objectContaining({
        target: 'firstTouch',
        step: 'firstTouch:deadline:notify_owner',
        dueAt: '2026-12-01T02:00:03.000Z',
        source: { kind: 'policy', id: policyId, name: threeSeconds.name },
      }),
    ]);
    const otherRep = f.org.repEmails[1 - f.org.repIds.indexOf(lead.ownerId)]!;
    expect(
      (await client(f.server.url, await loginAs(f.server.url, otherRep)).get(`/api/v1/leads/${lead.id}/deadlines`))
        .status,
    ).toBe(404);
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, lead.ownerId, (event) =>
      heard.push(event),
    );
    clock.advance(2_999);
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([]);
    clock.advance(1);
    await worker().runNow();
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.deadline'),
      'the deadline pop-up',
    );
    unsubscribe();
    expect(heard.filter((event) => event.type === 'lead.deadline')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ leadId: lead.id, action: 'notify_owner' }) }),
    ]);
    const after = await admin().get(`/api/v1/leads/${lead.id}`);
    expect(after.body).toMatchObject({ slaDueAt: null, slaStep: null, ownerId: lead.ownerId });
    const timeline = await admin().get(`/api/v1/leads/${lead.id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      kind: 'audit',
      type: 'sla.notify_owner',
      at: '2026-12-01T02:00:03.000Z',
    });
  });

  it('should cancel the step when the owner touches the lead before the deadline, but not for a note or another user', async () => {
    const touched = await newLead();
    const noted = await newLead();
    const byAdmin = await newLead();
    clock.advance(1_000);
    const call = await client(f.server.url, await ownerToken(touched.ownerId)).post(
      `/api/v1/leads/${touched.id}/activities`,
      { type: 'call', summary: '已接通' },
    );
    expect(call.body.touch).toBe(true);
    await client(f.server.url, await ownerToken(noted.ownerId)).post(`/api/v1/leads/${noted.id}/activities`, {
      type: 'note',
      summary: '未接通',
    });
    await admin().post(`/api/v1/leads/${byAdmin.id}/activities`, { type: 'call', summary: '经理代打' });
    expect((await admin().get(`/api/v1/leads/${touched.id}`)).body.slaDueAt).toBeNull();
    clock.advance(5_000);
    await worker().runNow();
    expect(await slaAudits(touched.id)).toEqual([]);
    expect(await slaAudits(noted.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    expect(await slaAudits(byAdmin.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    const [state] = await queryRows<{ state: string }>(
      f.server.clew.deps.db,
      sql`SELECT state FROM lead_deadlines WHERE workspace_id = ${f.server.workspaceId} AND lead_id = ${touched.id}`,
    );
    expect(state!.state).toBe('satisfied');
  });

  it('should escalate to the manager and reclaim the lead to the pool, each once', async () => {
    await setLadder(['notify_owner', 'escalate_manager', 'reclaim_to_pool']);
    const lead = await newLead();
    const [manager] = await queryRows<{ id: string }>(
      f.server.clew.deps.db,
      sql`SELECT id FROM users WHERE workspace_id = ${f.server.workspaceId} AND email = ${f.org.managerEmail}`,
    );
    const heard: RealtimeEvent[] = [];
    const unsubscribe = f.server.clew.deps.events.subscribe(f.server.workspaceId, manager!.id, (event) =>
      heard.push(event),
    );
    clock.advance(3_000);
    await worker().runNow();
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([
      { action: 'sla.escalate_manager', count: 1 },
      { action: 'sla.notify_owner', count: 1 },
      { action: 'sla.reclaim_to_pool', count: 1 },
    ]);
    const after = await admin().get(`/api/v1/leads/${lead.id}`);
    expect(after.body).toMatchObject({ ownerId: null, poolId: null, slaDueAt: null });
    await until(
      async () => heard,
      (events) => events.some((event) => event.type === 'lead.deadline'),
      'the escalation',
    );
    unsubscribe();
    expect(heard.find((event) => event.type === 'lead.deadline')!.data).toMatchObject({
      leadId: lead.id,
      action: 'escalate_manager',
      ownerId: lead.ownerId,
    });
  });

  it('should reassign a breached lead through the routing rules, planning the new owner’s deadline', async () => {
    await setLadder(['reassign_by_rules']);
    const lead = await newLead();
    clock.advance(3_000);
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.reassign_by_rules', count: 1 }]);
    const assignments = await admin().get(`/api/v1/leads/${lead.id}/assignments`);
    expect(assignments.body.items?.[0] ?? assignments.body[0]).toMatchObject({
      kind: 'handover',
      previousOwnerId: lead.ownerId,
    });
    const after = await admin().get(`/api/v1/leads/${lead.id}`);
    expect(after.body.ownerId).not.toBeNull();
    expect(after.body.slaDueAt).toBe(new Date(clock.now().getTime() + 3_000).toISOString());
    await setLadder(['notify_owner']);
  });

  it('should start the ladder again for a new owner given by hand, the old owner’s step cancelled', async () => {
    const lead = await newLead();
    const other = f.org.repIds.find((id) => id !== lead.ownerId)!;
    clock.advance(2_000);
    const reassigned = await admin().post(`/api/v1/leads/${lead.id}/reassign`, { userId: other, reason: '换人跟进' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({
      ownerId: other,
      slaDueAt: new Date(clock.now().getTime() + 3_000).toISOString(),
    });
    clock.advance(1_500);
    const patched = await admin().patch(`/api/v1/leads/${lead.id}`, { ownerId: lead.ownerId });
    expect(patched.body).toMatchObject({
      ownerId: lead.ownerId,
      slaDueAt: new Date(clock.now().getTime() + 3_000).toISOString(),
    });
    // Past the first two plans' deadlines, before the third's: nothing happens.
    clock.advance(2_000);
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([]);
    const states = await queryRows<{ state: string; owner_id: string }>(
      f.server.clew.deps.db,
      sql`SELECT state, owner_id FROM lead_deadlines WHERE workspace_id = ${f.server.workspaceId} AND lead_id = ${lead.id}
          ORDER BY created_at`,
    );
    expect(states).toEqual([
      { state: 'cancelled', owner_id: lead.ownerId },
      { state: 'cancelled', owner_id: other },
      { state: 'pending', owner_id: lead.ownerId },
    ]);
    clock.advance(1_000);
    await worker().runNow();
    expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
  });

  it('should time the next follow-up from each touch of the owner, the newest touch replacing the clock', async () => {
    const patched = await admin().patch(`/api/v1/sla-policies/${policyId}`, {
      targets: {
        firstTouch: { seconds: 3, businessTime: false },
        nextFollowUp: { seconds: 10, businessTime: false },
      },
    });
    expect(patched.status).toBe(200);
    try {
      const lead = await newLead();
      const owner = client(f.server.url, await ownerToken(lead.ownerId));
      clock.advance(1_000);
      await owner.post(`/api/v1/leads/${lead.id}/activities`, { type: 'wechat', summary: '加了微信' });
      expect((await admin().get(`/api/v1/leads/${lead.id}`)).body).toMatchObject({
        slaDueAt: new Date(clock.now().getTime() + 10_000).toISOString(),
        slaStep: 'nextFollowUp:deadline:notify_owner',
      });
      clock.advance(5_000);
      await owner.post(`/api/v1/leads/${lead.id}/activities`, { type: 'visit', summary: '上门拜访' });
      const restarted = new Date(clock.now().getTime() + 10_000).toISOString();
      expect((await admin().get(`/api/v1/leads/${lead.id}`)).body.slaDueAt).toBe(restarted);
      clock.advance(9_999);
      await worker().runNow();
      expect(await slaAudits(lead.id)).toEqual([]);
      clock.advance(1);
      await worker().runNow();
      expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    } finally {
      await admin().patch(`/api/v1/sla-policies/${policyId}`, {
        targets: { firstTouch: { seconds: 3, businessTime: false } },
      });
    }
  });

  it('should give a lead whose merge is undone one fresh plan, the one from before the merge cancelled', async () => {
    const survivor = await newLead();
    const folded = await newLead();
    const merge = await admin().post(`/api/v1/leads/${survivor.id}/merge`, { mergedId: folded.id });
    expect(merge.status).toBe(200);
    clock.advance(1_000);
    const undone = await admin().post(`/api/v1/merges/${merge.body.id}/undo`);
    expect(undone.status).toBe(200);
    const pending = await queryRows<{ due_at: Date | string }>(
      f.server.clew.deps.db,
      sql`SELECT due_at FROM lead_deadlines WHERE workspace_id = ${f.server.workspaceId} AND lead_id = ${folded.id}
          AND state = 'pending'`,
    );
    expect(pending.map((row) => new Date(row.due_at).toISOString())).toEqual([
      new Date(clock.now().getTime() + 3_000).toISOString(),
    ]);
  });

  it('should end the deadlines of a lead that is closed, or merged away', async () => {
    const lost = await newLead();
    const folded = await newLead();
    const merged = await newLead();
    const closed = await admin().patch(`/api/v1/leads/${lost.id}`, { status: 'lost' });
    expect(closed.body).toMatchObject({ status: 'lost', slaDueAt: null, slaStep: null });
    const merge = await admin().post(`/api/v1/leads/${merged.id}/merge`, { mergedId: folded.id });
    expect(merge.status).toBe(200);
    // A lead row gone some other way: its steps can never be claimed and must not spin the worker.
    await f.server.clew.deps.db.execute(
      sql`DELETE FROM leads WHERE workspace_id = ${f.server.workspaceId} AND id = ${merged.id}`,
    );
    clock.advance(3_000);
    await worker().runNow();
    await worker().runNow();
    expect(await slaAudits(lost.id)).toEqual([]);
    expect(await slaAudits(merged.id)).toEqual([]);
    expect(await slaAudits(folded.id)).toEqual([]);
    const states = await queryRows<{ state: string }>(
      f.server.clew.deps.db,
      sql`SELECT state FROM lead_deadlines WHERE workspace_id = ${f.server.workspaceId}
          AND lead_id IN (${lost.id}, ${merged.id}, ${folded.id}) ORDER BY state`,
    );
    expect(states).toEqual([{ state: 'cancelled' }, { state: 'cancelled' }, { state: 'cancelled' }]);
  });

  it('should perform each due step once when two workers race for the same rows', async () => {
    const leads = [];
    for (let index = 0; index < 6; index++) leads.push(await newLead());
    clock.advance(3_000);
    const second = createDeadlineWorker(
      { db: f.server.clew.deps.db, clock, routingCache: f.server.clew.deps.routingCache },
      { chunk: 2 },
    );
    const [first, other] = await Promise.all([worker().runNow(), second.runNow()]);
    await worker().runNow();
    expect(first + other).toBeGreaterThan(0);
    for (const lead of leads) expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    const [pending] = await queryRows<{ count: number }>(
      f.server.clew.deps.db,
      sql`SELECT count(*)::int AS count FROM lead_deadlines WHERE workspace_id = ${f.server.workspaceId}
          AND state = 'pending' AND lead_id IN (SELECT json_array_elements_text(${JSON.stringify(leads.map((lead) => lead.id))}::json)::uuid)`,
    );
    expect(pending!.count).toBe(0);
  });

  it('should leave a step pending when the transaction performing it dies, and perform it once afterwards', async () => {
    const lead = await newLead();
    clock.advance(3_000);
    const deps = f.server.clew.deps;
    // The background worker would race the test for the step; the test drives alone here.
    await worker().stop();
    try {
      const routing = await workspaceRouting(deps, f.server.workspaceId);
      const killed = deps.db.transaction(async (tx) => {
        const outcome = await performDueSteps(tx, routing, f.server.workspaceId, clock.now(), 100);
        // This lead's step, and any other still due from the tests before.
        expect(outcome.performed).toBeGreaterThanOrEqual(1);
        if (testEngine() === 'postgres') {
          // While this transaction holds the step, another instance's worker skips it rather than repeat it.
          const other = createDeadlineWorker({ db: deps.db, clock, routingCache: deps.routingCache });
          expect(await other.runNow()).toBe(0);
        }
        throw new Error('killed mid-step');
      });
      await expect(killed).rejects.toThrow('killed mid-step');
      expect(await slaAudits(lead.id)).toEqual([]);
      expect((await admin().get(`/api/v1/leads/${lead.id}`)).body.slaStep).toBe('firstTouch:deadline:notify_owner');
      expect(await worker().runNow()).toBeGreaterThanOrEqual(1);
      expect(await worker().runNow()).toBe(0);
      expect(await slaAudits(lead.id)).toEqual([{ action: 'sla.notify_owner', count: 1 }]);
    } finally {
      worker().start();
    }
  });
});
