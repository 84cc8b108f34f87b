import { describe, expect, it } from 'vitest';
import { actualFor, forecastMonth, knownAt, median, STAGE_PERCENT, type Opportunity } from './forecast-backtest.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

function opportunity(i: number, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: `o${i}`,
    agent: `agent${i % 3}`,
    product: i % 2 ? 'A' : 'B',
    account: `acct${i % 5}`,
    stage: 'Engaging',
    engagedAt: d('2017-01-10'),
    closedAt: null,
    closeValue: null,
    listPrice: 1000,
    ...overrides,
  };
}

/** 120 deals: engaged through Jan–Apr, closing through Feb–Jun, two in three won. */
const opportunities: Opportunity[] = Array.from({ length: 120 }, (_, i) => {
  const engaged = new Date(Date.UTC(2017, i % 4, 1 + (i % 27)));
  const closed = i % 10 === 9 ? null : new Date(engaged.getTime() + (20 + (i % 7) * 10) * 86_400_000);
  const won = i % 3 !== 0;
  return opportunity(i, {
    engagedAt: engaged,
    closedAt: closed,
    stage: closed ? (won ? 'Won' : 'Lost') : 'Engaging',
    closeValue: closed ? (won ? 900 + i : 0) : null,
  });
});

describe('knownAt', () => {
  it('hides deals not yet engaged and outcomes not yet reached', () => {
    const t = d('2017-03-01');
    const known = knownAt(
      [
        opportunity(1, { engagedAt: d('2017-03-05') }),
        opportunity(2, { stage: 'Won', closedAt: d('2017-03-10'), closeValue: 5000 }),
        opportunity(3, { stage: 'Lost', closedAt: d('2017-02-10'), closeValue: 0 }),
        opportunity(4, { stage: 'Prospecting', engagedAt: null }),
      ],
      t,
    );
    expect(known.map((k) => [k.id, k.outcome, k.closedAt, k.closeValue])).toEqual([
      ['o2', 'open', null, null],
      ['o3', 'lost', d('2017-02-10'), 0],
    ]);
  });
});

describe('forecastMonth', () => {
  it('does not change when the future changes (no peeking)', () => {
    const start = d('2017-05-01');
    const rewritten = opportunities.map((o) =>
      o.closedAt && o.closedAt >= start
        ? { ...o, stage: 'Won' as const, closedAt: d('2017-05-02'), closeValue: 1_000_000 }
        : o.engagedAt && o.engagedAt >= start
          ? { ...o, engagedAt: d('2017-05-03') }
          : o,
    );
    expect(forecastMonth(knownAt(rewritten, start), start)).toEqual(
      forecastMonth(knownAt(opportunities, start), start),
    );
    expect(actualFor(rewritten, start).won).not.toBe(actualFor(opportunities, start).won);
  });

  it('falls back to the stage baseline when no outcome has been recorded yet', () => {
    const start = d('2017-02-01');
    const unclosed = [1, 2, 3].map((i) => opportunity(i, { stage: 'Won', closedAt: d('2017-02-20'), closeValue: 900 }));
    const forecast = forecastMonth(knownAt(unclosed, start), start);
    expect(forecast.historyMonths).toBe(0);
    expect(forecast.openDeals).toBe(3);
    expect(forecast.clew).toBeCloseTo(forecast.baseline, 9);
    expect(forecast.baseline).toBeCloseTo(forecast.openDeals * 1000 * STAGE_PERCENT.Engaging, 9);
    expect(forecast.health.fallback).toBe(1);
  });

  it('learns from history once outcomes exist', () => {
    const start = d('2017-05-01');
    const forecast = forecastMonth(knownAt(opportunities, start), start);
    expect(forecast.historyMonths).toBeGreaterThan(0);
    expect(forecast.clewPipeline).toBeGreaterThan(0);
    expect(forecast.clewPipeline).not.toBeCloseTo(forecast.baseline, 0);
  });
});

describe('median', () => {
  it('takes the middle, or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
