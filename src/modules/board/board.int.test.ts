import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { activities, leadAssignments, leadDeadlines, leads, poolMoves } from '../../platform/db/schema.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addTeam, client, loginAs, type Org } from '../../../test/harness.ts';

const now = new Date('2026-12-05T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('process board', () => {
  const f = intakeFixture({ reps: 2, clock: fixedClock(now) });
  let north: Org;
  let other: Org;
  const as = (token: string) => client(f.server.url, token);
  const admin = () => as(f.adminToken);

  beforeAll(async () => {
    const { clew, workspaceId } = f.server;
    const db = clew.deps.db;
    north = await addTeam(clew, workspaceId, { name: 'North', reps: 1, parentId: f.org.teamId, makeDefault: false });
    other = await addTeam(clew, workspaceId, { name: 'Other', reps: 1, makeDefault: false });
    const [rep0, rep1] = f.org.repIds as [string, string];
    const northRep = north.repIds[0]!;
    const otherRep = other.repIds[0]!;

    /** A lead dealt to `owner` `assigned` minutes ago (by hand), in the owner's team. */
    const dealt: { lead: typeof leads.$inferInsert; assignment: typeof leadAssignments.$inferInsert }[] = [];
    const lead = (owner: string, teamId: string, assigned: number, status: 'new' | 'won' = 'new') => {
      const id = randomUUID();
      const at = minutesAgo(assigned);
      dealt.push({
        lead: {
          id,
          workspaceId,
          name: 'lead',
          source: 'import',
          ownerId: owner,
          teamId,
          status,
          createdAt: at,
          updatedAt: at,
          lastTouchAt: at,
        },
        assignment: {
          id: randomUUID(),
          workspaceId,
          leadId: id,
          kind: 'manual',
          teamId,
          chosenUserId: owner,
          candidates: [],
          details: {},
          createdAt: at,
        },
      });
      return id;
    };
    const touch = (leadId: string, actorId: string, minutes: number, type: 'call' | 'note' = 'call') => ({
      id: randomUUID(),
      workspaceId,
      leadId,
      type,
      summary: 'x',
      at: minutesAgo(minutes),
      actorType: 'user' as const,
      actorId,
      createdAt: minutesAgo(minutes),
    });
    const deadline = (
      leadId: string,
      ownerId: string,
      at: Date,
      state: 'pending' | 'done' | 'satisfied' | 'cancelled',
      doneAt: Date | null = null,
      step = 'firstTouch:deadline:notify_owner',
    ) => ({
      id: randomUUID(),
      workspaceId,
      leadId,
      planId: randomUUID(),
      policyId: randomUUID(),
      ownerId,
      target: 'firstTouch',
      step,
      action: step.split(':').at(-1)!,
      position: 0,
      startedAt: minutesAgo(600),
      deadline: at,
      dueAt: at,
      state,
      doneAt,
      createdAt: minutesAgo(600),
    });

    // rep0: one lead untouched for 45 min (a note and the manager's call are not the owner's touch),
    // one answered in 10 min; a deadline breached this morning, one met in time, one cancelled.
    const a = lead(rep0, f.org.teamId, 45);
    const b = lead(rep0, f.org.teamId, 120);
    // rep1: answered in 20 and 60 min; the second not touched since (29 h); a deadline due at 10:30
    // (its reminder is not a deadline); a breach at 17:00 UTC yesterday — today in Shanghai.
    const c = lead(rep1, f.org.teamId, 180);
    const d = lead(rep1, f.org.teamId, 30 * 60);
    // A won lead is not waiting for anyone.
    lead(rep1, f.org.teamId, 50, 'won');
    // North's rep: dealt 26 h ago, never touched.
    const e = lead(northRep, north.teamId, 26 * 60);
    // Other's rep: dealt 10 minutes ago.
    lead(otherRep, other.teamId, 10);

    // rep0 answered this one within 10 minutes six hours ago, released it, and claimed it back from
    // the pool 20 minutes ago: the wait starts again, the old touch does not answer it.
    const returned = lead(rep0, f.org.teamId, 6 * 60);

    await db.insert(leads).values(dealt.map((row) => row.lead));
    await db.insert(poolMoves).values({
      id: randomUUID(),
      workspaceId,
      poolId: randomUUID(),
      leadId: returned,
      kind: 'claim',
      userId: rep0,
      actorType: 'user',
      actorId: rep0,
      at: minutesAgo(20),
    });
    await db.insert(leadAssignments).values(dealt.map((row) => row.assignment));
    await db
      .insert(activities)
      .values([
        touch(a, rep0, 30, 'note'),
        touch(a, f.org.repIds[1]!, 20),
        touch(b, rep0, 110),
        touch(c, rep1, 160),
        touch(d, rep1, 29 * 60),
        touch(returned, rep0, 6 * 60 - 10),
      ]);
    await db
      .insert(leadDeadlines)
      .values([
        deadline(a, rep0, minutesAgo(30), 'done', minutesAgo(29)),
        deadline(b, rep0, minutesAgo(60), 'satisfied', minutesAgo(110)),
        deadline(b, rep0, minutesAgo(50), 'cancelled', minutesAgo(100)),
        deadline(c, rep1, new Date('2026-12-05T10:30:00Z'), 'pending'),
        deadline(c, rep1, new Date('2026-12-05T10:15:00Z'), 'pending', null, 'firstTouch:remind:0.5'),
        deadline(d, rep1, new Date('2026-12-04T17:00:00Z'), 'done', new Date('2026-12-04T17:00:00Z')),
        deadline(e, northRep, new Date('2026-12-04T12:00:00Z'), 'done', new Date('2026-12-04T12:00:00Z')),
      ]);
  });

  type Row = { userId: string; metrics: Record<string, { value: number | null; colour: string }> };
  const cells = (row: Row) =>
    Object.fromEntries(Object.entries(row.metrics).map(([name, metric]) => [name, [metric.value, metric.colour]]));

  it('colours each rep’s metrics and rolls teams up over their subtree', async () => {
    const response = await admin().get('/api/v1/board');
    expect(response.status).toBe(200);
    const board = response.body;
    expect(board).toMatchObject({ at: now.toISOString(), timeZone: 'UTC', dayStart: '2026-12-05T00:00:00.000Z' });
    const rep = (id: string) => cells(board.reps.find((row: Row) => row.userId === id));
    const [rep0, rep1] = f.org.repIds as [string, string];

    expect(rep(rep0)).toEqual({
      awaitingFirstResponse: [2, 'red'],
      notFollowed24h: [0, 'green'],
      breachesToday: [1, 'amber'],
      dueNextHour: [0, 'green'],
      touchRate24h: [1, 'green'],
      medianFirstResponseMinutes: [10, 'green'],
    });
    expect(board.reps.find((row: Row) => row.userId === rep0).metrics.awaitingFirstResponse.oldestMinutes).toBe(45);
    expect(rep(rep1)).toEqual({
      awaitingFirstResponse: [0, 'green'],
      notFollowed24h: [1, 'amber'],
      breachesToday: [0, 'green'],
      dueNextHour: [1, 'amber'],
      touchRate24h: [1, 'green'],
      medianFirstResponseMinutes: [40, 'amber'],
    });
    expect(rep(north.repIds[0]!)).toEqual({
      awaitingFirstResponse: [1, 'red'],
      notFollowed24h: [1, 'amber'],
      breachesToday: [0, 'green'],
      dueNextHour: [0, 'green'],
      touchRate24h: [0, 'red'],
      medianFirstResponseMinutes: [null, 'none'],
    });
    expect(rep(other.repIds[0]!).awaitingFirstResponse).toEqual([1, 'amber']);

    const team = (id: string) => cells(board.teamRows.find((row: { teamId: string }) => row.teamId === id));
    // Inside and North below it: 4 of 5 ripe assignments touched in time; 10, 10, 20 and 60 minutes.
    expect(team(f.org.teamId)).toEqual({
      awaitingFirstResponse: [3, 'red'],
      notFollowed24h: [2, 'amber'],
      breachesToday: [1, 'amber'],
      dueNextHour: [1, 'amber'],
      touchRate24h: [0.8, 'amber'],
      medianFirstResponseMinutes: [15, 'green'],
    });
    expect(board.teamRows.map((row: { name: string }) => row.name)).toEqual(['Inside', 'North', 'Other']);
    expect(board.totals.awaitingFirstResponse).toEqual({ value: 4, oldestMinutes: 26 * 60, colour: 'red' });
  });

  it('counts today from midnight in the caller’s time zone', async () => {
    const board = (await admin().get('/api/v1/board?timeZone=Asia%2FShanghai')).body;
    expect(board.dayStart).toBe('2026-12-04T16:00:00.000Z');
    const rep1 = board.reps.find((row: Row) => row.userId === f.org.repIds[1]);
    expect(rep1.metrics.breachesToday).toEqual({ value: 1, colour: 'amber' });
  });

  it('reads the board at another instant', async () => {
    // At 09:30 rep0's first lead was 15 minutes old, the claim back from the pool had not happened,
    // and this morning's deadline had just passed; ten minutes earlier it had not.
    const board = (await admin().get(`/api/v1/board?at=${encodeURIComponent('2026-12-05T09:30:00Z')}`)).body;
    const rep0 = board.reps.find((row: Row) => row.userId === f.org.repIds[0]);
    expect(cells(rep0)).toMatchObject({ awaitingFirstResponse: [1, 'amber'], breachesToday: [1, 'amber'] });
    const earlier = (await admin().get(`/api/v1/board?at=${encodeURIComponent('2026-12-05T09:20:00Z')}`)).body;
    const rep0Earlier = earlier.reps.find((row: Row) => row.userId === f.org.repIds[0]);
    expect(cells(rep0Earlier)).toMatchObject({ awaitingFirstResponse: [1, 'amber'], breachesToday: [0, 'green'] });
  });

  it('shows a rep only themselves, a manager their subtree', async () => {
    const repBoard = (await as(await loginAs(f.server.url, f.org.repEmails[0]!)).get('/api/v1/board')).body;
    expect(repBoard.reps.map((row: Row) => row.userId)).toEqual([f.org.repIds[0]]);
    expect(repBoard.teamRows).toEqual([]);
    expect(repBoard.teams).toEqual([]);
    expect(repBoard.totals.awaitingFirstResponse.value).toBe(2);
    const repElsewhere = await as(await loginAs(f.server.url, f.org.repEmails[0]!)).get(
      `/api/v1/board?teamId=${other.teamId}`,
    );
    expect(repElsewhere.status).toBe(404);

    const manager = as(await loginAs(f.server.url, f.org.managerEmail));
    const managerBoard = (await manager.get('/api/v1/board')).body;
    const repsOf = (board: { reps: (Row & { role: string })[] }) =>
      board.reps
        .filter((row) => row.role === 'rep')
        .map((row) => row.userId)
        .sort();
    expect(repsOf(managerBoard)).toEqual([f.org.repIds[0], f.org.repIds[1], north.repIds[0]].sort());
    // Managers own leads too: Inside's and North's, never Other's.
    expect(managerBoard.reps.filter((row: { role: string }) => row.role === 'manager')).toHaveLength(2);
    expect(managerBoard.teamRows.map((row: { name: string }) => row.name)).toEqual(['Inside', 'North']);

    const northOnly = (await manager.get(`/api/v1/board?teamId=${north.teamId}`)).body;
    expect(repsOf(northOnly)).toEqual([north.repIds[0]]);
    expect(northOnly.teamRows.map((row: { name: string }) => row.name)).toEqual(['North']);

    const refused = await manager.get(`/api/v1/board?teamId=${other.teamId}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'teamId' });
  });

  it.each([
    ['teamId=nope', 400, 'VALIDATION_FAILED', 'teamId'],
    [`teamId=${randomUUID()}`, 404, 'NOT_FOUND', 'teamId'],
    ['timeZone=Mars%2FOlympus', 400, 'VALIDATION_FAILED', 'timeZone'],
    ['at=yesterday', 400, 'VALIDATION_FAILED', 'at'],
  ])('refuses %s', async (query, status, code, field) => {
    const response = await admin().get(`/api/v1/board?${query}`);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, field });
  });
});
