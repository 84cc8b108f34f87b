import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { leads, users } from '../../platform/db/schema.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addTeam, client, loginAs, type Org } from '../../../test/harness.ts';

type Status = 'new' | 'won' | 'lost';

describe('allocation-effectiveness report', () => {
  const f = intakeFixture({ reps: 2, clock: fixedClock(new Date('2026-12-05T08:00:00Z')) });
  let other: Org;
  const admin = () => client(f.server.url, f.adminToken);

  /** Leads of one owner created in a month: `won` won, `lost` lost, the rest open. */
  const cohort = (
    ownerId: string,
    teamId: string,
    month: string,
    industry: string,
    won: number,
    lost: number,
    open = 0,
  ) => {
    const created = new Date(`${month}-10T03:00:00Z`);
    const statuses: Status[] = [
      ...Array<Status>(won).fill('won'),
      ...Array<Status>(lost).fill('lost'),
      ...Array<Status>(open).fill('new'),
    ];
    return statuses.map((status) => ({
      id: randomUUID(),
      workspaceId: f.server.workspaceId,
      name: 'lead',
      source: 'import',
      custom: { industry },
      ownerId,
      teamId,
      status,
      closedAt: status === 'new' ? null : new Date(created.getTime() + 86_400_000),
      createdAt: created,
      updatedAt: created,
      lastTouchAt: created,
    }));
  };

  beforeAll(async () => {
    const { clew, workspaceId } = f.server;
    const db = clew.deps.db;
    other = await addTeam(clew, workspaceId, { name: 'Other', reps: 1, makeDefault: false });
    const [low, good] = f.org.repIds as [string, string];
    await db.update(users).set({ capacity: 10 }).where(eq(users.id, low));
    await db.update(users).set({ capacity: 20 }).where(eq(users.id, good));
    const rows = [
      // The first rep wins 1 in 10 three months running; the second 7 in 10.
      ...['2026-09', '2026-10', '2026-11'].flatMap((month) => [
        ...cohort(low, f.org.teamId, month, 'Retail', 1, 9),
        ...cohort(good, f.org.teamId, month, 'Retail', 7, 3),
      ]),
      ...cohort(good, f.org.teamId, '2026-11', ' banking ', 0, 1, 2),
      // Low only in November: one month is not a pattern.
      ...cohort(other.repIds[0]!, other.teamId, '2026-09', 'Retail', 5, 5),
      ...cohort(other.repIds[0]!, other.teamId, '2026-10', 'Retail', 5, 5),
      ...cohort(other.repIds[0]!, other.teamId, '2026-11', 'Retail', 0, 6),
      // December is not in November's report.
      ...cohort(low, f.org.teamId, '2026-12', 'Retail', 0, 5),
    ];
    await db.insert(leads).values(rows);
  });

  it('reports the last full month by default: per rep and segment, the lasting low converter flagged', async () => {
    const response = await admin().get('/api/v1/routing/reports/allocation');
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.month).toBe('2026-11');
    expect(report.thresholds).toEqual({ lowConversionShare: 0.7, months: 3, minDecidedPerMonth: 5 });
    const [lowId, goodId] = f.org.repIds;
    const rep = (id: string | undefined) => report.reps.find((row: { userId: string }) => row.userId === id);

    expect(rep(lowId)).toMatchObject({ leads: 10, decided: 10, won: 1, conversionRate: 0.1, lowConversion: true });
    expect(
      rep(lowId).history.map((month: { month: string; referenceRate: number }) => [month.month, month.referenceRate]),
    ).toEqual([
      ['2026-09', 0.4],
      ['2026-10', 0.4],
      ['2026-11', 0.381],
    ]);
    expect(rep(goodId)).toMatchObject({ leads: 13, decided: 11, won: 7, lowConversion: false });
    expect(rep(goodId).segments).toEqual([
      { segment: 'retail', leads: 10, decided: 10, won: 7, conversionRate: 0.7 },
      { segment: 'banking', leads: 3, decided: 1, won: 0, conversionRate: 0 },
    ]);
    expect(rep(other.repIds[0])).toMatchObject({ conversionRate: 0, lowConversion: false });
  });

  it('measures the month’s leads against capacity', async () => {
    const { fairness } = (await admin().get('/api/v1/routing/reports/allocation?month=2026-11')).body;
    const [lowId, goodId] = f.org.repIds;
    expect(fairness.reps).toEqual(
      expect.arrayContaining([
        { userId: lowId, leads: 10, capacity: 10, perCapacity: 1 },
        { userId: goodId, leads: 13, capacity: 20, perCapacity: 0.65 },
      ]),
    );
    // 1 and 0.65: (1.65)² / (2 · (1 + 0.4225)).
    expect(fairness.jainIndex).toBe(0.9569);
    expect(fairness.maxMinRatio).toBe(1.5385);
    expect(fairness.withoutCapacity).toEqual([{ userId: other.repIds[0], leads: 6 }]);
  });

  it('reports any month asked for, and an empty one without failing', async () => {
    const december = (await admin().get('/api/v1/routing/reports/allocation?month=2026-12')).body;
    const decemberRep = december.reps.find((row: { userId: string }) => row.userId === f.org.repIds[0]);
    // The team decided nothing else in December: the rep is their own reference, so not low.
    expect(decemberRep).toMatchObject({ leads: 5, decided: 5, won: 0, lowConversion: false });
    expect(decemberRep.history.map((month: { month: string }) => month.month)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    const empty = (await admin().get('/api/v1/routing/reports/allocation?month=2020-01')).body;
    expect(empty.reps.every((row: { leads: number }) => row.leads === 0)).toBe(true);
    expect(empty.fairness).toMatchObject({ jainIndex: null, maxMinRatio: null });
  });

  it('refuses a malformed month and is for admins and managers only', async () => {
    const bad = await admin().get('/api/v1/routing/reports/allocation?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    const managed = await manager.get('/api/v1/routing/reports/allocation');
    expect(managed.status).toBe(200);
    // The manager of the default team sees its reps, not the other team's.
    const seen = managed.body.reps.map((row: { userId: string }) => row.userId);
    expect(seen).toEqual(expect.arrayContaining(f.org.repIds));
    expect(seen).not.toContain(other.repIds[0]);
    expect(managed.body.fairness.withoutCapacity).toEqual([]);
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    expect((await rep.get('/api/v1/routing/reports/allocation')).status).toBe(403);
  });
});
