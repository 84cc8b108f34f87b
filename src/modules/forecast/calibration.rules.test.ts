import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrate,
  MIN_CLOSED_FOR_CALIBRATION,
  probabilityFor,
  STAGE_PRIOR_DEALS,
  wilsonInterval,
  type ClosedDeal,
} from './calibration.rules.ts';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const closedDeal = fc.record({
  score: fc.integer({ min: -5, max: 15 }),
  won: fc.boolean(),
  closedAt: fc.integer({ min: 0, max: 400 }).map(daysAgo),
});
const history = fc.array(closedDeal, { maxLength: 300 });
const stageRate = fc.double({ min: 0, max: 1, noNaN: true });

function deals(score: number, won: number, lost: number, ageDays = 10): ClosedDeal[] {
  return [
    ...Array.from({ length: won }, () => ({ score, won: true, closedAt: daysAgo(ageDays) })),
    ...Array.from({ length: lost }, () => ({ score, won: false, closedAt: daysAgo(ageDays) })),
  ];
}

describe('calibrate', () => {
  it('is monotone in the score for any history', () => {
    fc.assert(
      fc.property(
        history,
        stageRate,
        fc.array(fc.double({ min: -10, max: 20, noNaN: true }), { minLength: 2 }),
        (h, s, scores) => {
          const calibration = calibrate(h, { now, stageRate: s });
          const sorted = [...scores].sort((a, b) => a - b);
          const probabilities = sorted.map((score) => probabilityFor(calibration, score).probability);
          for (let i = 1; i < probabilities.length; i++)
            expect(probabilities[i]!).toBeGreaterThanOrEqual(probabilities[i - 1]!);
        },
      ),
    );
  });

  it('gives intervals inside [0, 1] that contain the point', () => {
    fc.assert(
      fc.property(history, stageRate, (h, s) => {
        for (const bin of calibrate(h, { now, stageRate: s }).bins) {
          expect(bin.low).toBeGreaterThanOrEqual(0);
          expect(bin.high).toBeLessThanOrEqual(1);
          expect(bin.low).toBeLessThanOrEqual(bin.probability);
          expect(bin.high).toBeGreaterThanOrEqual(bin.probability);
        }
      }),
    );
  });

  it('is deterministic whatever the order of the history', () => {
    fc.assert(
      fc.property(history, stageRate, fc.integer(), (h, s, seed) => {
        const shuffled = [...h].sort((a, b) => ((a.score * 31 + seed) % 7) - ((b.score * 31 + seed) % 7));
        expect(calibrate(shuffled, { now, stageRate: s })).toEqual(calibrate(h, { now, stageRate: s }));
      }),
    );
  });

  it('falls back to the stage rate when the window holds too few closed deals', () => {
    const thin = deals(5, MIN_CLOSED_FOR_CALIBRATION - 1, 0);
    const calibration = calibrate(thin, { now, stageRate: 0.3 });
    expect(calibration.source).toBe('stage');
    expect(probabilityFor(calibration, 5)).toMatchObject({ probability: 0.3, source: 'stage' });
    expect(probabilityFor(calibration, -100).probability).toBe(0.3);
  });

  it('ignores deals closed outside the window, including after now', () => {
    const old = deals(1, 100, 0, 200);
    const future = deals(1, 100, 0, -5);
    const calibration = calibrate([...old, ...future], { now, stageRate: 0.2 });
    expect(calibration).toMatchObject({ source: 'stage', closedInWindow: 0 });
  });

  it('shrinks each bin toward the stage rate by its count (hand-computed)', () => {
    // Score 0: 10 won of 40. Score 10: 30 won of 40. Stage rate 0.5, 20 pseudo-deals.
    const calibration = calibrate([...deals(0, 10, 30), ...deals(10, 30, 10)], { now, stageRate: 0.5 });
    expect(calibration.source).toBe('history');
    expect(calibration.bins.map((bin) => bin.probability)).toEqual([
      (10 + STAGE_PRIOR_DEALS * 0.5) / (40 + STAGE_PRIOR_DEALS),
      (30 + STAGE_PRIOR_DEALS * 0.5) / (40 + STAGE_PRIOR_DEALS),
    ]);
    expect(probabilityFor(calibration, 5).probability).toBeCloseTo(20 / 60, 12);
    expect(probabilityFor(calibration, 12).probability).toBeCloseTo(40 / 60, 12);
  });

  it('pools adjacent bins that violate monotonicity (hand-computed)', () => {
    // Score 0 wins more often than score 10: the two are pooled into one rate.
    const calibration = calibrate([...deals(0, 30, 10), ...deals(10, 10, 30)], { now, stageRate: 0.5, priorDeals: 0 });
    expect(calibration.bins).toHaveLength(1);
    expect(calibration.bins[0]).toMatchObject({ minScore: 0, maxScore: 10, closed: 80, won: 40, probability: 0.5 });
  });
});

describe('wilsonInterval', () => {
  it('matches a hand-computed interval', () => {
    // p = 0.5, n = 100, z = 1.96: 0.5 ± 0.0970 (Wilson, centred on 0.5 by symmetry).
    const { low, high } = wilsonInterval(0.5, 100);
    expect(low).toBeCloseTo(0.4038, 3);
    expect(high).toBeCloseTo(0.5962, 3);
  });

  it('is [0, 1] with no observations', () => {
    expect(wilsonInterval(0.3, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('calibrate when the score says nothing', () => {
  it('gives the same probability as a single bin would', () => {
    // Higher scores win less often: all pooled into one bin, with one prior, not one per score.
    const history = [...deals(0, 25, 15), ...deals(1, 20, 20), ...deals(2, 15, 25)];
    const binned = calibrate(history, { now, stageRate: 0.3 });
    const single = calibrate(
      history.map((deal) => ({ ...deal, score: 0 })),
      { now, stageRate: 0.3 },
    );
    expect(binned.bins).toHaveLength(1);
    expect(binned.bins[0]!.probability).toBeCloseTo(single.bins[0]!.probability, 12);
    expect(binned.bins[0]!.probability).toBeCloseTo((60 + STAGE_PRIOR_DEALS * 0.3) / (120 + STAGE_PRIOR_DEALS), 12);
  });
});
