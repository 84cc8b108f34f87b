/**
 * When to try a failed delivery again, pure. Exponential back-off with jitter: the n-th retry waits
 * `base × factor^(n-1)`, capped, then shortened by a random part of up to `jitter` of itself, so
 * many deliveries that failed together (a receiver that was down) do not all come back at once.
 * Jitter only ever shortens the wait: the cap is a real upper bound.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the delivery gives up. */
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** 0 … 1: how much of each wait may be taken off at random. */
  jitter: number;
}

/** 8 attempts over about 11 hours: 30 s, 2 min, 8 min, 32 min, ~2 h, then 4 h twice (before jitter). */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  factor: 4,
  maxDelayMs: 4 * 3_600_000,
  jitter: 0.2,
};

/**
 * How long to wait after attempt `attempt` (1-based) failed, or null to give up. `random` is a
 * number in [0, 1) drawn by the caller (the service passes Math.random; tests pass fixed values).
 * A receiver's Retry-After, when longer, is honoured (capped too, so a hostile one cannot park a delivery).
 */
export function retryDelay(
  attempt: number,
  random: number,
  policy: RetryPolicy = defaultRetryPolicy,
  retryAfterMs: number | null = null,
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  if (attempt >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.baseDelayMs * policy.factor ** (attempt - 1), policy.maxDelayMs);
  const clamped = Math.min(Math.max(random, 0), 1);
  const jittered = Math.round(exponential * (1 - policy.jitter * clamped));
  return retryAfterMs === null ? jittered : Math.min(Math.max(jittered, retryAfterMs), policy.maxDelayMs);
}

/** HTTP statuses worth retrying: timeouts, too early, too many requests, and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(at - now.getTime(), 0);
}
