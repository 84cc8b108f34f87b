import { describe, expect, it } from 'vitest';
import { exclusionReasons } from './eligibility.rules.ts';
import {
  explanationArrays,
  candidatesJson,
  candidatesOf,
  exclusionCode,
  FACTOR_COUNT,
  factorsJson,
  factorsOf,
  idsOf,
  noCandidates,
  soleCandidate,
  type Explanation,
} from './explanation.rules.ts';
import { RunningWeights } from './round-robin.rules.ts';

function explanation(scores: number[], withFactors = false): Explanation {
  const ids = scores.map((_, index) => `rep-"${index}"\\`);
  const exclusions = Uint8Array.from(scores, (_, index) => (index % 7 === 3 ? 1 + (index % 5) : 0));
  const factors = withFactors
    ? Float64Array.from({ length: scores.length * FACTOR_COUNT }, (_, index) => scores[index % scores.length]!)
    : null;
  return { ids, scores: Float64Array.from(scores), exclusions, factors };
}

describe('explanation', () => {
  // Four-place values (the table), values off it, and the ones JSON writes oddly.
  const scores = [
    ...Array.from({ length: 2001 }, (_, index) => Math.round(((index - 500) / 1000) * 10_000) / 10_000),
    -0,
    0.1 + 0.2,
    1e21,
    1e-7,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    123_456.7891,
    -4,
    7,
  ];

  it('should write the candidates exactly as JSON.stringify writes the objects', () => {
    const compact = explanation(scores);
    const expected = JSON.stringify(candidatesOf(compact));
    expect(candidatesJson(compact)).toBe(expected);
    // Twice: the second time the texts come from the tables.
    expect(candidatesJson(compact)).toBe(expected);
  });

  it('should list every rep in order, giving the reason for the ones left out', () => {
    const compact: Explanation = {
      ids: ['a', 'b', 'c'],
      scores: Float64Array.of(0.5, 0, 1),
      exclusions: Uint8Array.of(0, exclusionCode('off_hours'), 0),
      factors: null,
    };
    expect(candidatesOf(compact)).toEqual([
      { userId: 'a', score: 0.5 },
      { userId: 'b', score: 0, excluded: 'off_hours' },
      { userId: 'c', score: 1 },
    ]);
    expect(exclusionReasons.map((reason) => exclusionCode(reason))).toEqual([1, 2, 3, 4, 5]);
    expect(exclusionCode(null)).toBe(0);
  });

  it('should write the factors of eligible reps only, exactly as JSON.stringify writes the record', () => {
    const compact = explanation(scores, true);
    const factors = factorsOf(compact)!;
    expect(Object.keys(factors)).toHaveLength(compact.exclusions.filter((code) => code === 0).length);
    expect(factorsJson(compact)).toBe(JSON.stringify(factors));
    expect(factorsOf(explanation([0.5]))).toBeUndefined();
    expect(factorsJson(explanation([0.5]))).toBeNull();
  });

  it('should explain a sole candidate and an empty pool', () => {
    expect(candidatesOf(soleCandidate('x'))).toEqual([{ userId: 'x', score: 1 }]);
    expect(candidatesJson(noCandidates)).toBe('[]');
  });

  it('should share one id list per list of reps', () => {
    const reps = [{ id: 'a' }, { id: 'b' }];
    expect(idsOf(reps)).toBe(idsOf(reps));
    expect(idsOf(reps)).toEqual(['a', 'b']);
  });
});

describe('RunningWeights', () => {
  it('should lay the stored weights out for a list and give back the same record', () => {
    const weights = new RunningWeights({ b: 2, gone: -3, a: -1 });
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(Array.from(weights.alignedTo(list))).toEqual([-1, 2, Number.NaN]);
    expect(weights.alignedTo(list)).toBe(weights.alignedTo(list));
    weights.alignedTo(list)[2] = 5;
    expect(weights.toRecord()).toEqual({ gone: -3, a: -1, b: 2, c: 5 });
    // Another list (the team changed): weights move with their reps, none is lost.
    expect(Array.from(weights.alignedTo([{ id: 'c' }, { id: 'gone' }]))).toEqual([5, -3]);
    expect(weights.toRecord()).toEqual({ gone: -3, a: -1, b: 2, c: 5 });
    expect(new RunningWeights().toRecord()).toEqual({});
  });
});

describe('explanationArrays', () => {
  it('gives zeroed arrays that no other decision shares', () => {
    const first = explanationArrays(1000, true);
    first.scores.fill(1);
    first.factors!.fill(2);
    first.exclusions.fill(3);
    for (let round = 0; round < 40; round++) {
      const next = explanationArrays(1 + round * 37, round % 2 === 0);
      expect(next.scores.every((value) => value === 0)).toBe(true);
      expect(next.exclusions.every((value) => value === 0)).toBe(true);
      expect(next.factors === null || next.factors.every((value) => value === 0)).toBe(true);
      expect(next.factors?.length ?? 0).toBe(round % 2 === 0 ? (1 + round * 37) * 5 : 0);
      next.scores.fill(9);
      next.exclusions.fill(9);
      next.factors?.fill(9);
    }
    expect(first.scores.every((value) => value === 1)).toBe(true);
    expect(first.factors!.every((value) => value === 2)).toBe(true);
    expect(first.exclusions.every((value) => value === 3)).toBe(true);
  });
});
