import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealRoundRobin, nextInRotation } from './round-robin.rules.ts';

describe('nextInRotation', () => {
  it.each([
    [[], null, null],
    [['b', 'a', 'c'], null, 'a'],
    [['a', 'b', 'c'], 'a', 'b'],
    [['a', 'b', 'c'], 'c', 'a'],
    [['a', 'c'], 'b', 'c'],
    [['a', 'c'], 'z', 'a'],
  ])('should pick from %j after %j: %j', (candidates, last, expected) => {
    expect(nextInRotation(candidates, last)).toBe(expected);
  });

  it('should deal any number of leads evenly (±1) over a fixed team', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 12 }), fc.nat(500), (team, leads) => {
        const counts = new Map<string, number>(team.map((id) => [id, 0]));
        let last: string | null = null;
        for (let index = 0; index < leads; index++) {
          last = nextInRotation(team, last)!;
          counts.set(last, counts.get(last)! + 1);
        }
        const values = [...counts.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('should continue the round, not restart it, when a rep joins', () => {
    expect(nextInRotation(['a', 'b', 'c', 'd'], 'b')).toBe('c');
    expect(nextInRotation(['a', 'b', 'bb', 'c'], 'b')).toBe('bb');
  });
});

describe('dealRoundRobin', () => {
  it('should continue after the last owner and wrap', () => {
    expect(dealRoundRobin(['a', 'b', 'c'], 'b', 4)).toEqual(['c', 'a', 'b', 'c']);
  });

  it('should deal nothing without reps', () => {
    expect(dealRoundRobin([], null, 3)).toEqual([]);
  });
});
