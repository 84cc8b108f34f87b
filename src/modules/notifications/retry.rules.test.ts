import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from './retry.rules.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, factor: 2, maxDelayMs: 5_000, jitter: 0.5 };

describe('retryDelay', () => {
  it.each([
    { attempt: 1, random: 0, expected: 1_000 },
    { attempt: 2, random: 0, expected: 2_000 },
    { attempt: 3, random: 0, expected: 4_000 },
    // capped at maxDelayMs
    { attempt: 4, random: 0, expected: 5_000 },
    // jitter takes up to half off
    { attempt: 1, random: 0.5, expected: 750 },
    { attempt: 3, random: 0.999, expected: 2_002 },
    // the last attempt failed: give up
    { attempt: 5, random: 0, expected: null },
    { attempt: 9, random: 0, expected: null },
  ])('should wait $expected ms after attempt $attempt with random $random', ({ attempt, random, expected }) => {
    expect(retryDelay(attempt, random, policy)).toBe(expected);
  });

  it.each([
    { retryAfter: 3_000, expected: 3_000 },
    { retryAfter: 500, expected: 1_000 },
    { retryAfter: 86_400_000, expected: 5_000 },
  ])('should honour a longer Retry-After of $retryAfter ms, within the cap', ({ retryAfter, expected }) => {
    expect(retryDelay(1, 0, policy, retryAfter)).toBe(expected);
  });

  it('should refuse attempt 0', () => {
    expect(() => retryDelay(0, 0, policy)).toThrow(RangeError);
  });

  it('should follow the documented default schedule', () => {
    const schedule = Array.from({ length: 8 }, (_, i) => retryDelay(i + 1, 0));
    expect(schedule).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_680_000, 14_400_000, 14_400_000, null]);
    expect(defaultRetryPolicy.maxAttempts).toBe(8);
  });

  it('should stay between (1 - jitter) × and 1 × the exponential delay, never over the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const delay = retryDelay(attempt, random, policy)!;
          const exponential = Math.min(1_000 * 2 ** (attempt - 1), 5_000);
          expect(delay).toBeLessThanOrEqual(exponential);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(exponential * 0.5));
        },
      ),
    );
  });
});

describe('isRetryableStatus', () => {
  it.each([
    { status: 400, expected: false },
    { status: 401, expected: false },
    { status: 404, expected: false },
    { status: 408, expected: true },
    { status: 410, expected: false },
    { status: 425, expected: true },
    { status: 429, expected: true },
    { status: 500, expected: true },
    { status: 503, expected: true },
  ])('should retry $status: $expected', ({ status, expected }) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-12-05T04:00:00.000Z');
  it.each([
    { value: null, expected: null },
    { value: '120', expected: 120_000 },
    { value: 'Sat, 05 Dec 2026 04:01:00 GMT', expected: 60_000 },
    { value: 'Sat, 05 Dec 2026 03:00:00 GMT', expected: 0 },
    { value: 'soon', expected: null },
  ])('should read $value as $expected ms', ({ value, expected }) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
