import { describe, expect, it } from 'vitest';
import {
  buildAllocationReport,
  conversionRate,
  fairnessOf,
  isMonth,
  jainIndex,
  lastFullMonth,
  lastingLowConversion,
  LOW_CONVERSION_SHARE,
  MIN_DECIDED_PER_MONTH,
  monthRange,
  monthsEnding,
  type OutcomeCell,
  type ReportPerson,
} from './allocation-report.rules.ts';

describe('months', () => {
  it.each([
    ['2026-12-05T07:00:00Z', '2026-11'],
    ['2026-01-01T00:00:00Z', '2025-12'],
    ['2026-03-31T23:59:59Z', '2026-02'],
  ])('the last full month at %s is %s', (now, expected) => {
    expect(lastFullMonth(new Date(now))).toBe(expected);
  });

  it.each([
    ['2026-11', 3, ['2026-09', '2026-10', '2026-11']],
    ['2026-02', 3, ['2025-12', '2026-01', '2026-02']],
    ['2026-05', 1, ['2026-05']],
  ])('%s and the %i months ending there', (month, count, expected) => {
    expect(monthsEnding(month, count)).toEqual(expected);
  });

  it('spans a month in UTC, leap February included', () => {
    expect(monthRange('2028-02')).toEqual({
      start: new Date('2028-02-01T00:00:00Z'),
      end: new Date('2028-03-01T00:00:00Z'),
    });
    expect(monthRange('2026-12').end).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it.each([
    ['2026-11', true],
    ['2026-13', false],
    ['2026-1', false],
    ['26-11', false],
  ])('%s is a month: %s', (value, expected) => expect(isMonth(value)).toBe(expected));
});

describe('lastingLowConversion', () => {
  const month = (won: number, decided: number, referenceWon = 50, referenceDecided = 100) => ({
    rep: { leads: decided, decided, won },
    reference: { leads: referenceDecided, decided: referenceDecided, won: referenceWon },
  });
  // Reference 50 %: low is below 35 %.
  it.each([
    { case: 'low three months running', history: [month(3, 10), month(2, 10), month(1, 10)], expected: true },
    { case: 'low two months, fine the third', history: [month(3, 10), month(2, 10), month(5, 10)], expected: false },
    {
      case: 'exactly 70 % of the reference is not low',
      history: [month(7, 20), month(7, 20), month(7, 20)],
      expected: false,
    },
    { case: 'just under 70 %', history: [month(6, 20), month(6, 20), month(6, 20)], expected: true },
    {
      case: 'too few decided leads one month',
      history: [month(0, MIN_DECIDED_PER_MONTH - 1), month(1, 10), month(1, 10)],
      expected: false,
    },
    {
      case: 'the minimum decided each month',
      history: [month(0, MIN_DECIDED_PER_MONTH), month(0, 5), month(0, 5)],
      expected: true,
    },
    { case: 'only two months of history', history: [month(1, 10), month(1, 10)], expected: false },
    {
      case: 'the reference decided nothing',
      history: [month(1, 10, 0, 0), month(1, 10), month(1, 10)],
      expected: false,
    },
    {
      case: 'older months beyond the window do not count',
      history: [month(9, 10), month(1, 10), month(1, 10), month(1, 10)],
      expected: true,
    },
    {
      case: 'a low reference: zero wins are still low',
      history: [month(0, 10, 1, 10), month(0, 10, 1, 10), month(0, 10, 1, 10)],
      expected: true,
    },
  ])('$case → $expected', ({ history, expected }) => {
    expect(lastingLowConversion(history)).toBe(expected);
  });

  it('uses the named share', () => expect(LOW_CONVERSION_SHARE).toBe(0.7));
});

describe('fairness', () => {
  it.each([
    { values: [1, 1, 1, 1], expected: 1 },
    { values: [4, 0, 0, 0], expected: 0.25 },
    { values: [1, 2], expected: 0.9 },
    { values: [], expected: null },
    { values: [0, 0], expected: null },
  ])("Jain's index of $values is $expected", ({ values, expected }) => {
    expect(jainIndex(values)).toBe(expected);
  });

  it('measures leads against capacity, lists those without one apart', () => {
    expect(
      fairnessOf([
        { userId: 'a', leads: 20, capacity: 40 },
        { userId: 'b', leads: 10, capacity: 10 },
        { userId: 'c', leads: 7, capacity: null },
      ]),
    ).toEqual({
      reps: [
        { userId: 'a', leads: 20, capacity: 40, perCapacity: 0.5 },
        { userId: 'b', leads: 10, capacity: 10, perCapacity: 1 },
      ],
      jainIndex: 0.9,
      maxMinRatio: 2,
      withoutCapacity: [{ userId: 'c', leads: 7 }],
    });
  });

  it('gives no max/min ratio when a rep got nothing', () => {
    const result = fairnessOf([
      { userId: 'a', leads: 5, capacity: 10 },
      { userId: 'b', leads: 0, capacity: 10 },
    ]);
    expect(result.maxMinRatio).toBeNull();
    expect(result.jainIndex).toBe(0.5);
  });
});

describe('buildAllocationReport', () => {
  const people: ReportPerson[] = [
    { userId: 'a', name: 'Ann', teamId: 't1', capacity: 10, routable: true },
    { userId: 'b', name: 'Bo', teamId: 't1', capacity: 20, routable: true },
    { userId: 'c', name: 'Cy', teamId: 't2', capacity: null, routable: true },
    { userId: 'm', name: 'Mia', teamId: 't1', capacity: null, routable: false },
  ];
  const cell = (
    month: string,
    userId: string,
    segment: string,
    leads: number,
    decided: number,
    won: number,
  ): OutcomeCell => ({
    month,
    userId,
    segment,
    leads,
    decided,
    won,
  });
  const cells = [
    // Ann converts 1 in 10 while her team converts far better, three months running.
    ...['2026-09', '2026-10', '2026-11'].flatMap((month) => [
      cell(month, 'a', 'retail', 10, 10, 1),
      cell(month, 'b', 'retail', 20, 20, 14),
    ]),
    cell('2026-11', 'b', 'banking', 4, 2, 1),
    cell('2026-11', 'm', 'retail', 3, 0, 0),
    cell('2026-12', 'a', 'retail', 99, 99, 99),
  ];
  const report = buildAllocationReport({ month: '2026-11', cells, people });

  it('reports each rep by segment for the month, with totals and rates', () => {
    const bo = report.reps.find((rep) => rep.userId === 'b')!;
    expect(bo).toMatchObject({
      leads: 24,
      decided: 22,
      won: 15,
      conversionRate: conversionRate({ decided: 22, won: 15 }),
    });
    expect(bo.segments).toEqual([
      { segment: 'retail', leads: 20, decided: 20, won: 14, conversionRate: 0.7 },
      { segment: 'banking', leads: 4, decided: 2, won: 1, conversionRate: 0.5 },
    ]);
    expect(report.reps.map((rep) => rep.name)).toEqual(['Ann', 'Bo', 'Cy', 'Mia']);
  });

  it('flags lasting low conversion against the team rate, not a rep who does well', () => {
    const flagged = report.reps.filter((rep) => rep.lowConversion).map((rep) => rep.userId);
    expect(flagged).toEqual(['a']);
    const ann = report.reps.find((rep) => rep.userId === 'a')!;
    expect(ann.history.map((month) => [month.month, month.conversionRate, month.referenceRate])).toEqual([
      ['2026-09', 0.1, 0.5],
      ['2026-10', 0.1, 0.5],
      ['2026-11', 0.1, 0.5],
    ]);
  });

  it('measures fairness over routable reps only, those without capacity apart', () => {
    expect(report.fairness).toEqual({
      reps: [
        { userId: 'a', leads: 10, capacity: 10, perCapacity: 1 },
        { userId: 'b', leads: 24, capacity: 20, perCapacity: 1.2 },
      ],
      jainIndex: jainIndex([1, 1.2]),
      maxMinRatio: 1.2,
      withoutCapacity: [{ userId: 'c', leads: 0 }],
    });
  });

  it('shows a manager only the reps they may see, still rated against the whole team', () => {
    const scoped = buildAllocationReport({ month: '2026-11', cells, people, visible: new Set(['a', 'm']) });
    expect(scoped.reps.map((rep) => rep.userId)).toEqual(['a', 'm']);
    expect(scoped.reps[0]!.history.at(-1)!.referenceRate).toBe(0.5);
    expect(scoped.fairness.reps.map((rep) => rep.userId)).toEqual(['a']);
    expect(scoped.fairness.withoutCapacity).toEqual([]);
  });

  it('compares a rep whose team decided nothing with the workspace', () => {
    const alone = buildAllocationReport({
      month: '2026-11',
      cells: [cell('2026-11', 'c', 'retail', 5, 0, 0), cell('2026-11', 'a', 'retail', 10, 10, 3)],
      people,
    });
    expect(alone.reps.find((rep) => rep.userId === 'c')!.history.at(-1)).toMatchObject({ referenceRate: 0.3 });
  });
});
