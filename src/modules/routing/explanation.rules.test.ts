import { describe, expect, it } from 'vitest';
import { exclusionReasons } from './eligibility.rules.ts';
import {
  candidatesJson,
  candidatesOf,
  decisionBytes,
  decisionDoubles,
  exclusionCode,
  factorNames,
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
  // Each part the scores turned by a few places, so every value is written in every part.
  const part = (turn: number) => Float64Array.from(scores, (_, index) => scores[(index + turn) % scores.length]!);
  // Tags as matches out of 3 attributes (0, ⅓, ⅔, 1 …), and the lead without attributes for the first rep.
  const factors = withFactors
    ? {
        tagMatches: Uint8Array.from(scores, (_, index) => index % 4),
        tagsOutOf: 3,
        conversion: part(1),
        load: part(2),
        response: part(3),
        shrunkRate: part(4),
        weights: { tags: 0.3, conversion: 0.4, load: 0.2, response: 0.1 },
      }
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
    // As worked out, before rounding: to four places when read.
    0.123_456,
    0.000_049_99,
    -0.000_04,
    0.999_95,
    1.000_04,
    -0.333_35,
    2 / 3,
  ];

  it('should write the candidates exactly as JSON.stringify writes the objects', () => {
    const compact = explanation(scores);
    const expected = JSON.stringify(candidatesOf(compact));
    expect(candidatesJson(compact)).toBe(expected);
    // Twice: the second time the texts come from the tables.
    expect(candidatesJson(compact)).toBe(expected);
  });

  it('should give scores and factors rounded to four places, as stored', () => {
    const compact = explanation([0.123_456, 2 / 3, 0.999_95, -0.000_04, 0.000_049_99, 1e-7], true);
    const rounded = [0.1235, 0.6667, 1, -0, 0, 0];
    expect(candidatesOf(compact).map((candidate) => candidate.score)).toEqual(rounded);
    const factors = factorsOf(compact)!;
    // Position 3 is left out (the helper excludes every seventh from the fourth).
    expect(Object.keys(factors)).toEqual(['rep-"0"\\', 'rep-"1"\\', 'rep-"2"\\', 'rep-"4"\\', 'rep-"5"\\']);
    factorNames.forEach((name, turn) => {
      if (name !== 'tags') expect(factors['rep-"0"\\']![name]).toBe(rounded[turn % rounded.length]);
    });
    expect(Object.values(factors).map((parts) => parts.tags)).toEqual([0, 0.3333, 0.6667, 0, 0.3333]);
    expect(factorsOf({ ...compact, factors: { ...compact.factors!, tagsOutOf: 0 } })!['rep-"1"\\']!.tags).toBe(0);
    expect(candidatesJson(compact)).toBe(JSON.stringify(candidatesOf(compact)));
    expect(candidatesJson(compact)).toContain('"score":0.1235}');
    expect(candidatesJson(compact)).not.toContain('-0');
  });

  it("should work best-fit's scores out from its parts when read, 0 for reps left out", () => {
    const values = [0.1, 0.25, 0.5, 0.75, 0.9, 0.333, 0.2, 0.6];
    const { factors, ...rest } = explanation(values, true);
    const parts = { ...factors!, weights: { tags: 0.25, conversion: 0.35, load: 0.3, response: 0.1 } };
    const compact: Explanation = { ...rest, scores: null, factors: parts };
    const expected = values.map((_, index) =>
      compact.exclusions[index] !== 0
        ? 0
        : Math.round(
            (0.25 * (parts.tagMatches[index]! / 3) +
              0.35 * parts.conversion[index]! +
              0.3 * parts.load[index]! +
              0.1 * parts.response[index]!) *
              10_000,
          ) / 10_000,
    );
    expect(candidatesOf(compact).map((candidate) => candidate.score)).toEqual(expected);
    expect(candidatesJson(compact)).toBe(JSON.stringify(candidatesOf(compact)));
    expect(expected.filter((score) => score !== 0)).toHaveLength(7);
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

describe('decision arrays', () => {
  it('gives zeroed arrays that no other decision shares', () => {
    const first = { doubles: decisionDoubles(1000), bytes: decisionBytes(1000), large: decisionDoubles(5000) };
    first.doubles.fill(1);
    first.bytes.fill(3);
    first.large.fill(2);
    for (let round = 0; round < 60; round++) {
      const size = 1 + round * 37;
      const next = { doubles: decisionDoubles(size), bytes: decisionBytes(size), large: decisionDoubles(size * 5) };
      expect(next.doubles).toHaveLength(size);
      expect(next.bytes).toHaveLength(size);
      expect(next.large).toHaveLength(size * 5);
      expect(next.doubles.every((value) => value === 0)).toBe(true);
      expect(next.bytes.every((value) => value === 0)).toBe(true);
      expect(next.large.every((value) => value === 0)).toBe(true);
      next.doubles.fill(9);
      next.bytes.fill(9);
      next.large.fill(9);
    }
    expect(first.doubles.every((value) => value === 1)).toBe(true);
    expect(first.bytes.every((value) => value === 3)).toBe(true);
    expect(first.large.every((value) => value === 2)).toBe(true);
  });
});
