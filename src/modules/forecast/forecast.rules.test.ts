import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  accuracyReport,
  categoryOf,
  flagMiscalibratedReps,
  forecastPeriod,
  MIN_PAYMENT_CYCLE_WEIGHT,
  paymentCycleWeight,
  weekStartOf,
  type ForecastDeal,
  type WeeklySnapshot,
} from './forecast.rules.ts';

const from = new Date('2026-12-01T00:00:00Z');
const to = new Date('2027-01-01T00:00:00Z');
const inDecember = new Date('2026-12-15T00:00:00Z');

function deal(id: string, amount: number, probability: number, overrides: Partial<ForecastDeal> = {}): ForecastDeal {
  return {
    id,
    ownerId: 'rep-a',
    amount,
    probability,
    expectedCloseAt: inDecember,
    source: 'history',
    hasStrongSignal: false,
    ...overrides,
  };
}

describe('categoryOf', () => {
  it('uses the thresholds unless a manager overrode the category', () => {
    expect(categoryOf({ probability: 0.7 })).toBe('commit');
    expect(categoryOf({ probability: 0.69 })).toBe('best_case');
    expect(categoryOf({ probability: 0.4 })).toBe('best_case');
    expect(categoryOf({ probability: 0.39 })).toBe('pipeline');
    expect(categoryOf({ probability: 0.2, override: 'commit' })).toBe('commit');
    expect(categoryOf({ probability: 0.9, override: 'omitted' })).toBe('omitted');
  });
});

describe('forecastPeriod', () => {
  const deals = [
    deal('a', 10_000, 0.8, { hasStrongSignal: true }), // commit, 8,000 strong
    deal('b', 5_000, 0.5), // best case, 2,500 weak
    deal('c', 2_000, 0.25, { source: 'stage' }), // pipeline, 500 fallback
    deal('d', 4_000, 0.3, { override: 'commit', hasStrongSignal: true }), // commit by override, 1,200 strong
    deal('e', 9_000, 0.9, { override: 'omitted' }), // out of the number
    deal('f', 7_000, 0.9, { expectedCloseAt: to }), // next period
  ];

  it('sums amount × probability and the categories (hand-computed)', () => {
    const forecast = forecastPeriod(deals, from, to);
    expect(forecast.amount).toBeCloseTo(8_000 + 2_500 + 500 + 1_200, 9);
    expect(forecast.commit).toBe(14_000);
    expect(forecast.bestCase).toBe(19_000);
    expect(forecast.pipeline).toBe(2_000);
    expect(forecast.deals.map((d) => d.id)).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('says what the number rests on', () => {
    const { health } = forecastPeriod(deals, from, to);
    expect(health.strong).toBeCloseTo(9_200 / 12_200, 12);
    expect(health.weak).toBeCloseTo(2_500 / 12_200, 12);
    expect(health.fallback).toBeCloseTo(500 / 12_200, 12);
  });

  it('is all zero for an empty period', () => {
    expect(forecastPeriod([], from, to)).toMatchObject({
      amount: 0,
      commit: 0,
      bestCase: 0,
      pipeline: 0,
      health: { strong: 0, weak: 0, fallback: 0 },
    });
  });
});

describe('accuracy', () => {
  it('gives the signed error and the absolute percentage error', () => {
    expect(accuracy(120, 100)).toEqual({ forecast: 120, actual: 100, error: 20, absPctError: 0.2 });
    expect(accuracy(80, 100).absPctError).toBe(0.2);
    expect(accuracy(5, 0).absPctError).toBeNull();
  });

  it('reports per period and per rep', () => {
    const report = accuracyReport([
      { period: '2026-11', repId: 'b', forecast: 50, actual: 40 },
      { period: '2026-11', repId: 'a', forecast: 100, actual: 100 },
      { period: '2026-12', repId: 'a', forecast: 60, actual: 80 },
    ]);
    expect(report.byPeriod.map((r) => [r.period, r.forecast, r.actual])).toEqual([
      ['2026-11', 150, 140],
      ['2026-12', 60, 80],
    ]);
    expect(report.byRep.map((r) => [r.repId, r.error])).toEqual([
      ['a', -20],
      ['b', 10],
    ]);
  });
});

describe('flagMiscalibratedReps', () => {
  // Mondays: 2026-11-16, 11-23, 11-30, 12-07.
  const week = (iso: string) => new Date(`${iso}T12:00:00Z`);
  const snap = (repId: string, iso: string, forecast: number, actual: number): WeeklySnapshot => ({
    repId,
    week: week(iso),
    forecast,
    actual,
  });

  it('keys snapshots by the Monday of their week (UTC)', () => {
    expect(weekStartOf(new Date('2026-12-06T23:59:59Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStartOf(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('flags a rep who misses by more than 15 % two weeks running', () => {
    const flags = flagMiscalibratedReps([
      snap('a', '2026-11-16', 100, 100),
      snap('a', '2026-11-24', 120, 100), // 20 % miss
      snap('a', '2026-12-01', 80, 100), // 20 % miss, the next week
      snap('b', '2026-11-17', 115, 100), // exactly 15 %: not a miss
      snap('b', '2026-11-24', 130, 100),
    ]);
    expect(flags).toEqual([
      { repId: 'a', weeks: [new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z')] },
    ]);
  });

  it('does not flag misses separated by a good week or a missing week', () => {
    expect(
      flagMiscalibratedReps([
        snap('a', '2026-11-16', 200, 100),
        snap('a', '2026-11-23', 100, 100),
        snap('a', '2026-11-30', 200, 100),
        snap('b', '2026-11-16', 200, 100),
        snap('b', '2026-11-30', 200, 100),
      ]),
    ).toEqual([]);
  });

  it('counts a forecast against a zero actual as a miss', () => {
    expect(
      flagMiscalibratedReps([snap('a', '2026-11-16', 10, 0), snap('a', '2026-11-23', 10, 0)]).map((f) => f.repId),
    ).toEqual(['a']);
  });
});

describe('paymentCycleWeight', () => {
  it('leaves deals within the customer record, or with no record, at full weight', () => {
    expect(paymentCycleWeight(30, [30, 45])).toBe(1);
    expect(paymentCycleWeight(90, [])).toBe(1);
  });

  it('lowers deals whose terms exceed the record, down to a floor', () => {
    expect(paymentCycleWeight(90, [30, 60])).toBeCloseTo(60 / 90, 12);
    expect(paymentCycleWeight(365, [30])).toBe(MIN_PAYMENT_CYCLE_WEIGHT);
  });
});

describe('forecastPeriod, for any deals', () => {
  const anyDeal = fc.record({
    id: fc.string({ maxLength: 4 }),
    ownerId: fc.constantFrom('a', 'b'),
    amount: fc.integer({ min: 0, max: 1_000_000 }),
    probability: fc.double({ min: 0, max: 1, noNaN: true }),
    expectedCloseAt: fc.constantFrom(from, inDecember, to),
    source: fc.constantFrom('history' as const, 'stage' as const),
    hasStrongSignal: fc.boolean(),
    override: fc.constantFrom(null, 'commit' as const, 'best_case' as const, 'pipeline' as const, 'omitted' as const),
  });

  it('keeps commit ≤ best case, the amount within the total, and health shares summing to 1', () => {
    fc.assert(
      fc.property(fc.array(anyDeal, { maxLength: 30 }), (deals) => {
        const forecast = forecastPeriod(deals, from, to);
        const total = forecast.deals.filter((d) => d.category !== 'omitted').reduce((s, d) => s + d.amount, 0);
        expect(forecast.commit).toBeLessThanOrEqual(forecast.bestCase);
        expect(forecast.bestCase + forecast.pipeline).toBeCloseTo(total, 6);
        expect(forecast.amount).toBeLessThanOrEqual(total + 1e-6);
        expect(forecast.deals.every((d) => d.expectedCloseAt >= from && d.expectedCloseAt < to)).toBe(true);
        const { strong, weak, fallback } = forecast.health;
        if (forecast.amount > 0) expect(strong + weak + fallback).toBeCloseTo(1, 9);
      }),
    );
  });
});
