import { describe, expect, it } from 'vitest';
import {
  awaitingColour,
  emptyCounts,
  median,
  medianResponseColour,
  metricsOf,
  responseFigures,
  rollUp,
  touchRateColour,
  worst,
  type RepCounts,
} from './board.rules.ts';

const now = new Date('2026-12-05T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const counts = (over: Partial<RepCounts>): RepCounts => ({ ...emptyCounts(), ...over });

describe('board colours', () => {
  it.each([
    [0, null, 'green'],
    [1, 5, 'amber'],
    [2, 30, 'amber'],
    [1, 31, 'red'],
  ] as const)('awaiting %i, oldest %s min → %s', (count, oldest, colour) => {
    expect(awaitingColour(count, oldest)).toBe(colour);
  });

  it.each([
    [null, 'none'],
    [1, 'green'],
    [0.9, 'green'],
    [0.8999, 'amber'],
    [0.7, 'amber'],
    [0.69, 'red'],
    [0, 'red'],
  ] as const)('touch rate %s → %s', (rate, colour) => {
    expect(touchRateColour(rate)).toBe(colour);
  });

  it.each([
    [null, 'none'],
    [0, 'green'],
    [30, 'green'],
    [30.1, 'amber'],
    [120, 'amber'],
    [121, 'red'],
  ] as const)('median first response %s min → %s', (minutes, colour) => {
    expect(medianResponseColour(minutes)).toBe(colour);
  });

  it.each([
    ['notFollowed', 'notFollowed24h', [0, 'green'], [2, 'amber'], [3, 'red']],
    ['breachesToday', 'breachesToday', [0, 'green'], [1, 'amber'], [2, 'red']],
    ['dueNextHour', 'dueNextHour', [0, 'green'], [2, 'amber'], [3, 'red']],
  ] as const)('%s counts', (input, metric, ...cases) => {
    for (const [value, colour] of cases) {
      const metrics = metricsOf(counts({ [input]: value }), now);
      expect(metrics[metric]).toEqual({ value, colour });
    }
  });

  it('picks the worst colour', () => {
    expect(worst([])).toBe('none');
    expect(worst(['green', 'none'])).toBe('green');
    expect(worst(['green', 'red', 'amber'])).toBe('red');
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ] as const)('%j → %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('response figures', () => {
  it('counts a touched assignment, a missed one, and leaves an unripe one out', () => {
    const figures = responseFigures(
      [
        { assignedAt: minutesAgo(120), firstTouchAt: minutesAgo(110) }, // 10 min
        { assignedAt: minutesAgo(60 * 30), firstTouchAt: null }, // 30 h, never: a miss
        { assignedAt: minutesAgo(60 * 50), firstTouchAt: minutesAgo(60 * 20) }, // 30 h late: a miss, but answered
        { assignedAt: minutesAgo(10), firstTouchAt: null }, // not yet due
      ],
      now,
    );
    expect(figures).toEqual({ assigned: 3, touched: 1, minutes: [10, 1800] });
  });

  it('reports no rate and no median without assignments', () => {
    const metrics = metricsOf(emptyCounts(), now);
    expect(metrics.touchRate24h).toEqual({ value: null, touched: 0, assigned: 0, colour: 'none' });
    expect(metrics.medianFirstResponseMinutes).toEqual({ value: null, colour: 'none' });
    expect(metrics.awaitingFirstResponse).toEqual({ value: 0, oldestMinutes: null, colour: 'green' });
  });
});

describe('team roll-up', () => {
  const fast = counts({
    breachesToday: 1,
    assignments: [{ assignedAt: minutesAgo(100), firstTouchAt: minutesAgo(95) }],
  });
  const slow = counts({
    awaiting: 1,
    oldestAwaitingSince: minutesAgo(45),
    breachesToday: 1,
    assignments: [
      { assignedAt: minutesAgo(60 * 30), firstTouchAt: null },
      { assignedAt: minutesAgo(300), firstTouchAt: minutesAgo(100) },
      { assignedAt: minutesAgo(200), firstTouchAt: minutesAgo(160) },
    ],
  });

  it('sums counts, keeps the worst rep colour for counts, pools rate and median', () => {
    const team = rollUp([fast, slow], now);
    // Two reps with one breach each: two amber reps, an amber team (not red on the sum).
    expect(team.breachesToday).toEqual({ value: 2, colour: 'amber' });
    expect(team.awaitingFirstResponse).toEqual({ value: 1, oldestMinutes: 45, colour: 'red' });
    expect(team.touchRate24h).toEqual({ value: 0.75, touched: 3, assigned: 4, colour: 'amber' });
    // 5, 40 and 200 minutes.
    expect(team.medianFirstResponseMinutes).toEqual({ value: 40, colour: 'amber' });
  });

  it('is empty and green for a team without reps', () => {
    const team = rollUp([], now);
    expect(team.notFollowed24h).toEqual({ value: 0, colour: 'green' });
    expect(team.touchRate24h.colour).toBe('none');
  });
});
