import { describe, expect, it } from 'vitest';
import { signalScore, type SignalDefinition } from './signal-score.rules.ts';

const now = new Date('2026-12-01T00:00:00Z');
const before = new Date('2026-11-20T00:00:00Z');
const after = new Date('2026-12-02T00:00:00Z');

const definitions: SignalDefinition[] = [
  { key: 'uat_opened', label: 'Customer opened a UAT environment', weight: 3, strong: true },
  { key: 'contract_returned', label: 'Legal returned the contract draft', weight: 4, strong: true },
  { key: 'procurement_visit', label: 'Procurement director visited', weight: 2 },
  { key: 'silent_30d', label: 'No reply for 30 days', weight: -2 },
];

describe('signalScore', () => {
  it('sums the weights of the signals held', () => {
    const result = signalScore(
      definitions,
      [
        { key: 'uat_opened', at: before },
        { key: 'procurement_visit', at: before },
        { key: 'silent_30d', at: before },
      ],
      now,
    );
    expect(result).toEqual({ score: 3, matched: ['uat_opened', 'procurement_visit', 'silent_30d'], hasStrong: true });
  });

  it('ignores signals recorded after now, unknown keys, and repeats', () => {
    const result = signalScore(
      definitions,
      [
        { key: 'contract_returned', at: after },
        { key: 'unknown', at: before },
        { key: 'procurement_visit', at: before },
        { key: 'procurement_visit', at: before },
      ],
      now,
    );
    expect(result).toEqual({ score: 2, matched: ['procurement_visit'], hasStrong: false });
  });

  it('counts graded signals by their strongest record, clamped to [0, 1]', () => {
    const result = signalScore(
      definitions,
      [
        { key: 'contract_returned', at: before, strength: 0.25 },
        { key: 'contract_returned', at: before, strength: 0.5 },
        { key: 'uat_opened', at: before, strength: 7 },
      ],
      now,
    );
    expect(result.score).toBe(3 + 2);
  });

  it('scores a deal with no signals as zero', () => {
    expect(signalScore(definitions, [], now)).toEqual({ score: 0, matched: [], hasStrong: false });
  });
});
