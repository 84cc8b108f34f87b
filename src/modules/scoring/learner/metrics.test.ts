import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationTable, liftByDecile, logLoss } from './metrics.ts';
import { holdoutSplit, seededRng } from './random.ts';

describe('auc', () => {
  it('is the share of (won, lost) pairs ranked the right way, ties counting half', () => {
    // Pairs: won {0.9, 0.4}, lost {0.4, 0.1, 0.8}: 0.9 beats all 3; 0.4 beats 0.1, ties 0.4, loses to 0.8.
    expect(auc([0.9, 0.4, 0.4, 0.1, 0.8], [1, 1, 0, 0, 0])).toBeCloseTo((3 + 1 + 0.5) / 6, 12);
  });
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all-equal scores', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });
  it('is undefined (NaN) with one class only', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('brier and log-loss', () => {
  it('match hand computation', () => {
    expect(brier([0.8, 0.3, 0.5], [1, 0, 1])).toBeCloseTo((0.04 + 0.09 + 0.25) / 3, 12);
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
  });
});

describe('calibration table and lift', () => {
  it('bins by predicted probability', () => {
    const table = calibrationTable([0.05, 0.07, 0.95, 0.91, 0.55], [0, 1, 1, 1, 0]);
    expect(table).toEqual([
      { from: 0, to: 0.1, meanPredicted: expect.closeTo(0.06, 12), observedRate: 0.5, count: 2 },
      { from: 0.5, to: 0.6, meanPredicted: 0.55, observedRate: 0, count: 1 },
      { from: 0.9, to: 1, meanPredicted: expect.closeTo(0.93, 12), observedRate: 1, count: 2 },
    ]);
  });
  it('puts the best-scored tenth first, with lift over the base rate', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100);
    const labels = scores.map((score) => (score >= 0.9 ? 1 : 0));
    const lift = liftByDecile(scores, labels);
    expect(lift).toHaveLength(10);
    expect(lift[0]).toEqual({ decile: 1, count: 10, winRate: 1, lift: 10, cumulativeCapture: 1 });
    expect(lift[9]!.winRate).toBe(0);
  });
});

describe('hold-out split', () => {
  it('holds out the latest examples when they are dated', () => {
    const at = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2024, 0, 10 - i)));
    const split = holdoutSplit([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], at, 0.2, seededRng(1));
    expect(split.kind).toBe('time');
    expect(split.holdout.sort()).toEqual([0, 1]);
  });
  it('otherwise draws a stratified fifth, the same for the same seed', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const split = holdoutSplit(labels, [], 0.2, seededRng(7));
    expect(split.kind).toBe('random');
    expect(split.holdout).toHaveLength(20);
    expect(split.holdout.filter((row) => labels[row] === 1)).toHaveLength(6);
    expect(holdoutSplit(labels, [], 0.2, seededRng(7))).toEqual(split);
  });
});
