import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { leadAssignments, leads, repLoads, users } from '../../platform/db/schema.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addTeam, client } from '../../../test/harness.ts';

// Monday 2026-11-23 10:00 in Shanghai.
const clock = fixedClock(new Date('2026-11-23T02:00:00Z'));

describe('routing: rule sets, explanations, profiles, hand-over', () => {
  const f = intakeFixture({ reps: 3, clock });
  const admin = () => client(f.server.url, f.adminToken);
  const intake = () => client(f.server.url, f.apiKey);
  let phone = 13900000000;
  const post = (lead: Record<string, unknown>) => intake().post('/api/v1/leads', { phone: String(++phone), ...lead });

  it('should explain a lead dealt by the built-in default: version 0, round robin, every rep a candidate', async () => {
    const created = await post({ name: '默认' });
    expect(created.status).toBe(201);
    const why = await admin().get(`/api/v1/leads/${created.body.id}/assignment`);
    expect(why.status).toBe(200);
    expect(why.body).toMatchObject({ ruleSetVersion: 0, ruleId: null, strategy: 'round_robin', kind: 'rules' });
    expect(why.body.chosenUserId).toBe(created.body.ownerId);
    expect(why.body.candidates.map((candidate: { userId: string }) => candidate.userId).sort()).toEqual(
      [...f.org.repIds].sort(),
    );
  });

  it('should route by a published rule, record its version and rule, and keep drafts out of force', async () => {
    const beijing = await addTeam(f.server.clew, f.server.workspaceId, {
      name: 'Beijing',
      reps: 2,
      makeDefault: false,
    });
    const draft = await admin().post('/api/v1/routing/rule-sets', {});
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', defaultTarget: { kind: 'team', teamId: f.org.teamId } });
    const version = draft.body.version as number;
    const saved = await admin().put(`/api/v1/routing/rule-sets/${version}`, {
      rules: [
        {
          id: 'bj-finance',
          name: '北京金融',
          when: {
            any: [
              { field: 'city', op: 'equals', value: '北京市' },
              { field: 'province', op: 'equals', value: '北京市' },
            ],
          },
          target: { kind: 'team', teamId: beijing.teamId },
        },
        {
          id: 'spam',
          name: 'To pool',
          when: { field: 'source', op: 'equals', value: 'nothing' },
          target: { kind: 'pool' },
        },
      ],
      defaultTarget: { kind: 'team', teamId: f.org.teamId },
      affinity: 'off',
    });
    expect(saved.status).toBe(200);
    // Not yet published: the lead still goes to the default team.
    const before = await post({ name: '北京一', city: '北京' });
    expect(f.org.repIds).toContain(before.body.ownerId);

    const published = await admin().post(`/api/v1/routing/rule-sets/${version}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const lead = await post({ name: '北京二', city: '北京' });
    expect(beijing.repIds).toContain(lead.body.ownerId);
    const why = await admin().get(`/api/v1/leads/${lead.body.id}/assignment`);
    expect(why.body).toMatchObject({ ruleSetVersion: version, ruleId: 'bj-finance', strategy: 'round_robin' });

    const { rules, defaultTarget, affinity } = saved.body;
    const edit = await admin().put(`/api/v1/routing/rule-sets/${version}`, { rules, defaultTarget, affinity });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('CONFLICT');
  });

  it('should refuse a rule that names a team of nobody, with the field at fault', async () => {
    const draft = await admin().post('/api/v1/routing/rule-sets', {});
    const response = await admin().put(`/api/v1/routing/rule-sets/${draft.body.version}`, {
      rules: [
        {
          id: 'r1',
          name: 'x',
          when: { field: 'city', op: 'equals', value: 'x' },
          target: { kind: 'team', teamId: '00000000-0000-4000-8000-000000000000' },
        },
      ],
      defaultTarget: { kind: 'pool' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rules.0.target.teamId' });
  });

  it('should skip a rep on leave or at capacity and say why in the candidates', async () => {
    const [away, full] = f.org.repIds;
    expect((await admin().patch(`/api/v1/users/${away}`, { onLeave: true, skills: ['金融'] })).status).toBe(200);
    expect((await admin().patch(`/api/v1/users/${full}`, { capacity: 0 })).status).toBe(200);
    const lead = await post({ name: '缺席' });
    const why = await admin().get(`/api/v1/leads/${lead.body.id}/assignment`);
    const reasons = Object.fromEntries(
      why.body.candidates.map((candidate: { userId: string; excluded?: string }) => [
        candidate.userId,
        candidate.excluded,
      ]),
    );
    expect(reasons[away!]).toBe('on_leave');
    expect(reasons[full!]).toBe('at_capacity');
    expect(lead.body.ownerId).toBe(f.org.repIds[2]);
    const listed = await admin().get('/api/v1/users');
    const awayView = listed.body.items.find((user: { id: string }) => user.id === away);
    expect(awayView).toMatchObject({ onLeave: true, skills: ['金融'] });
    await admin().patch(`/api/v1/users/${away}`, { onLeave: false });
    await admin().patch(`/api/v1/users/${full}`, { capacity: null });
  });

  it('should give a new contact at a company someone owns to that owner (account affinity)', async () => {
    const draft = await admin().post('/api/v1/routing/rule-sets', {});
    await admin().put(`/api/v1/routing/rule-sets/${draft.body.version}`, {
      rules: [],
      defaultTarget: { kind: 'team', teamId: f.org.teamId },
      affinity: 'owner',
    });
    await admin().post(`/api/v1/routing/rule-sets/${draft.body.version}/publish`);
    const first = await post({ name: '张一', company: '华远科技有限公司' });
    const second = await post({ name: '李二', company: '华远科技' });
    expect(second.body.ownerId).toBe(first.body.ownerId);
    const why = await admin().get(`/api/v1/leads/${second.body.id}/assignment`);
    expect(why.body).toMatchObject({ kind: 'affinity', strategy: 'affinity', chosenUserId: first.body.ownerId });
  });

  it('should reassign by hand with a reason and keep the history', async () => {
    const lead = await post({ name: '转交' });
    const to = f.org.repIds.find((id) => id !== lead.body.ownerId)!;
    const moved = await admin().post(`/api/v1/leads/${lead.body.id}/reassign`, { userId: to, reason: '客户要求' });
    expect(moved.status).toBe(200);
    expect(moved.body.ownerId).toBe(to);
    const history = await admin().get(`/api/v1/leads/${lead.body.id}/assignments`);
    expect(history.body.items.map((item: { kind: string }) => item.kind)).toEqual(['manual', 'rules']);
    expect(history.body.items[0]).toMatchObject({ reason: '客户要求', previousOwnerId: lead.body.ownerId });
  });

  it('should hand a leaving rep’s open leads to the others by the rules and mark them inactive', async () => {
    const leaving = f.org.repIds[0]!;
    const made = [];
    for (let index = 0; index < 4; index++) made.push(await post({ name: `离职${index}` }));
    const ids = made.map((response) => response.body.id as string);
    await admin().post('/api/v1/leads/transfer', { leadIds: ids, toUserId: leaving, reason: '集中' });
    const db = f.server.clew.deps.db;
    const [load] = await db.select().from(repLoads).where(eq(repLoads.userId, leaving));
    const response = await admin().post(`/api/v1/users/${leaving}/hand-over`, { reason: '离职' });
    expect(response.status).toBe(200);
    expect(response.body.moved).toBe(load!.openLeads);
    const rows = await db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.ownerId, leaving));
    expect(rows).toHaveLength(0);
    const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, leaving));
    expect(user!.active).toBe(false);
    const [after] = await db.select().from(repLoads).where(eq(repLoads.userId, leaving));
    expect(after!.openLeads).toBe(0);
    const kinds = await db
      .select({ kind: leadAssignments.kind, previous: leadAssignments.previousOwnerId })
      .from(leadAssignments)
      .where(and(eq(leadAssignments.leadId, ids[0]!), eq(leadAssignments.kind, 'handover')));
    expect(kinds).toEqual([{ kind: 'handover', previous: leaving }]);
  });

  it('should keep rep loads equal to a count of their open leads', async () => {
    const db = f.server.clew.deps.db;
    const lead = await post({ name: '关闭' });
    await admin().patch(`/api/v1/leads/${lead.body.id}`, { status: 'won' });
    const rows = await db.select({ ownerId: leads.ownerId, status: leads.status }).from(leads);
    const counted = new Map<string, number>();
    for (const row of rows)
      if (row.ownerId && ['new', 'contacted', 'qualified'].includes(row.status))
        counted.set(row.ownerId, (counted.get(row.ownerId) ?? 0) + 1);
    const loads = await db.select().from(repLoads).where(eq(repLoads.workspaceId, f.server.workspaceId));
    for (const load of loads) expect(load.openLeads).toBe(counted.get(load.userId) ?? 0);
  });
});
