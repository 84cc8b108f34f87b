import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import {
  leadAssignments,
  leads,
  repLoads,
  routingCursors,
  routingRuleSets,
  teams,
  users,
} from '../../platform/db/schema.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addTeam, addUser, client, loginAs, type Org } from '../../../test/harness.ts';

const HOUR = 3_600_000;
const start = new Date('2026-11-02T02:00:00.000Z');
const byProvince = {
  weights: { tags: 0.3, conversion: 0.4, load: 0.2, response: 0.1 },
  segmentField: 'province',
  matchFields: [],
};

describe('routing what-if simulation', () => {
  const clock = fixedClock(start);
  const f = intakeFixture({ reps: 2, clock });
  let retail: Org;
  let zhejiang: string;
  const windowLeadIds: string[] = [];
  const admin = () => client(f.server.url, f.adminToken);

  /** A closed lead of the past, written directly: the records best-fit and the expected conversions learn from. */
  const history = (ownerId: string, teamId: string, won: boolean) => ({
    id: randomUUID(),
    workspaceId: f.server.workspaceId,
    name: 'history',
    source: 'import',
    province: zhejiang,
    ownerId,
    teamId,
    status: won ? ('won' as const) : ('lost' as const),
    closedAt: new Date('2026-10-10T00:00:00Z'),
    createdAt: new Date('2026-10-01T00:00:00Z'),
    updatedAt: new Date('2026-10-10T00:00:00Z'),
    lastTouchAt: new Date('2026-10-01T00:00:00Z'),
  });

  beforeAll(async () => {
    const { clew, workspaceId } = f.server;
    const db = clew.deps.db;
    retail = await addTeam(clew, workspaceId, { name: 'Retail', reps: 1, makeDefault: false });
    await db.update(teams).set({ bestFit: byProvince }).where(eq(teams.workspaceId, workspaceId));

    // Six leads arrive an hour apart; with no rule set published, the default team deals them round robin.
    for (let index = 0; index < 6; index++) {
      clock.set(new Date(start.getTime() + index * HOUR));
      const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
        name: `客户${index}`,
        phone: `1391234${String(index).padStart(4, '0')}`,
        province: index < 4 ? '浙江' : '江苏',
      });
      expect(created.status).toBe(201);
      windowLeadIds.push(created.body.id);
    }
    const [first] = await db.select().from(leads).where(eq(leads.id, windowLeadIds[0]!));
    zhejiang = first!.province!;
    expect(first!.ownerId).not.toBeNull();

    // Retail's rep won 8 of 10 Zhejiang leads; the default team's first rep 2 of 10.
    await db
      .insert(leads)
      .values([
        ...Array.from({ length: 10 }, (_, index) => history(retail.repIds[0]!, retail.teamId, index < 8)),
        ...Array.from({ length: 10 }, (_, index) => history(f.org.repIds[0]!, f.org.teamId, index < 2)),
      ]);
    // A draft sends Zhejiang to the Retail team and everything else to the pool.
    await db.insert(routingRuleSets).values({
      id: randomUUID(),
      workspaceId,
      version: 1,
      status: 'draft',
      rules: [
        {
          id: 'zhejiang',
          name: 'Zhejiang to Retail',
          active: true,
          when: { field: 'province', op: 'equals', value: zhejiang },
          target: { kind: 'team', teamId: retail.teamId },
        },
      ],
      defaultTarget: { kind: 'pool' },
      affinity: 'owner',
      createdAt: start,
      updatedAt: start,
    });
    clock.set(new Date(start.getTime() + 24 * HOUR));
  });

  const snapshot = async () => {
    const db = f.server.clew.deps.db;
    const workspaceId = f.server.workspaceId;
    return {
      leads: await db
        .select({ id: leads.id, ownerId: leads.ownerId, teamId: leads.teamId, status: leads.status })
        .from(leads)
        .where(eq(leads.workspaceId, workspaceId))
        .orderBy(asc(leads.id)),
      assignments: await db
        .select()
        .from(leadAssignments)
        .where(eq(leadAssignments.workspaceId, workspaceId))
        .orderBy(asc(leadAssignments.seq)),
      loads: await db
        .select()
        .from(repLoads)
        .where(eq(repLoads.workspaceId, workspaceId))
        .orderBy(asc(repLoads.userId)),
      cursors: await db.select().from(routingCursors).where(eq(routingCursors.workspaceId, workspaceId)),
    };
  };

  it('replays a draft: leads go where the draft says, beside what happened, and nothing is written', async () => {
    const before = await snapshot();
    expect(before.assignments).toHaveLength(6);
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    const response = await manager.post('/api/v1/routing/simulations', {
      ruleSetVersion: 1,
      from: new Date(start.getTime() - HOUR).toISOString(),
      to: new Date(start.getTime() + 6 * HOUR).toISOString(),
    });
    expect(response.status).toBe(200);
    const { results, summary } = response.body;
    expect(response.body).toMatchObject({ ruleSetVersion: 1, truncated: false });
    expect(results.map((result: { leadId: string }) => result.leadId)).toEqual(windowLeadIds);
    expect(results.map((result: { chosenUserId: string | null }) => result.chosenUserId)).toEqual([
      ...Array(4).fill(retail.repIds[0]),
      null,
      null,
    ]);
    expect(results[0]).toMatchObject({
      ruleSetVersion: 1,
      ruleId: 'zhejiang',
      strategy: 'round_robin',
      candidates: [{ userId: retail.repIds[0], score: 1 }],
    });
    expect(results[4]).toMatchObject({ ruleId: null, strategy: 'pool', candidates: [] });
    // What really happened: the default team's two reps took turns.
    const actual = results.map((result: { actualOwnerId: string }) => result.actualOwnerId);
    expect(new Set(actual)).toEqual(new Set(f.org.repIds));

    expect(summary.leads).toBe(6);
    expect(summary.toPool).toEqual({ simulated: 2, actual: 0 });
    // Retail's rep: (8 + 20·0.8) / 30 = 0.8 a Zhejiang lead; the default team's reps 0.2; Jiangsu has no record.
    expect(summary.expectedConversions).toEqual({ simulated: 3.2, actual: 0.8 });
    const retailRep = summary.reps.find((rep: { userId: string }) => rep.userId === retail.repIds[0]);
    expect(retailRep).toMatchObject({
      teamId: retail.teamId,
      simulatedLeads: 4,
      actualLeads: 0,
      capacity: null,
      peakLoad: null,
      expectedConversions: { simulated: 3.2, actual: 0 },
    });
    const inside = summary.reps.filter((rep: { teamId: string }) => rep.teamId === f.org.teamId);
    expect(inside.map((rep: { actualLeads: number }) => rep.actualLeads)).toEqual([3, 3]);
    expect(inside.map((rep: { simulatedLeads: number }) => rep.simulatedLeads)).toEqual([0, 0]);
    expect(summary.teams).toEqual(
      expect.arrayContaining([
        { teamId: retail.teamId, simulatedLeads: 4, actualLeads: 0 },
        { teamId: f.org.teamId, simulatedLeads: 0, actualLeads: 6 },
        { teamId: null, simulatedLeads: 2, actualLeads: 0 },
      ]),
    );

    expect(await snapshot()).toEqual(before);
  });

  it('counts the real open loads at the start against capacity', async () => {
    const db = f.server.clew.deps.db;
    // Retail's rep already holds the six window leads' worth of open work: capacity 2 lets in none.
    await db.insert(leads).values(
      Array.from({ length: 2 }, () => ({
        ...history(retail.repIds[0]!, retail.teamId, false),
        status: 'new' as const,
        closedAt: null,
      })),
    );
    await db.update(users).set({ capacity: 2 }).where(eq(users.id, retail.repIds[0]!));
    const response = await admin().post('/api/v1/routing/simulations', {
      ruleSetVersion: 1,
      from: new Date(start.getTime() - HOUR).toISOString(),
      to: new Date(start.getTime() + 6 * HOUR).toISOString(),
    });
    expect(response.status).toBe(200);
    expect(response.body.summary.toPool).toEqual({ simulated: 6, actual: 0 });
    expect(response.body.results[0].candidates).toEqual([
      { userId: retail.repIds[0], score: 0, excluded: 'at_capacity' },
    ]);
    const retailRep = response.body.summary.reps.find((rep: { userId: string }) => rep.userId === retail.repIds[0]);
    expect(retailRep).toMatchObject({ capacity: 2, peakLoad: 1, simulatedLeads: 0 });
  });

  it.each([
    { case: 'an unknown version', body: { ruleSetVersion: 99 }, status: 404, code: 'NOT_FOUND' },
    {
      case: 'from after to',
      body: { from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      case: 'a span over 366 days',
      body: { from: '2025-01-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { case: 'a date that is not one', body: { from: 'yesterday' }, status: 400, code: 'VALIDATION_FAILED' },
  ])('refuses $case', async ({ body, status, code }) => {
    const response = await admin().post('/api/v1/routing/simulations', {
      ruleSetVersion: 1,
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-03T00:00:00Z',
      ...body,
    });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('is for admins and managers only', async () => {
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    const body = { ruleSetVersion: 1, from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' };
    expect((await rep.post('/api/v1/routing/simulations', body)).status).toBe(403);
    await addUser(f.server.clew, f.server.workspaceId, 'marketing', 'marketing@test.clew');
    const marketing = client(f.server.url, await loginAs(f.server.url, 'marketing@test.clew'));
    expect((await marketing.post('/api/v1/routing/simulations', body)).status).toBe(403);
  });
});
