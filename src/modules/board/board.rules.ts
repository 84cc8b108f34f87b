/**
 * The process board's judgement: per rep and per team, each metric's value and colour. Pure; the
 * repository counts, these rules decide what is red, amber or green.
 */

export type Colour = 'red' | 'amber' | 'green' | 'none';

/** A lead waiting longer than this for its first response makes the cell red (any at all: amber). */
export const AWAITING_RED_AFTER_MINUTES = 30;
/** An open lead without the owner's touch for this long is "not followed". */
export const NOT_FOLLOWED_HOURS = 24;
/** Not followed: 1–2 amber, 3 or more red. */
export const NOT_FOLLOWED_RED_AT = 3;
/** Breaches today: one is amber, two or more red. */
export const BREACHES_RED_AT = 2;
/** Deadlines due within the hour: a few are amber (work to do), this many or more red. */
export const DUE_SOON_RED_AT = 3;
export const DUE_SOON_MINUTES = 60;
/** Touch rate: share of leads dealt to the rep that they touched within this window. */
export const TOUCH_WINDOW_HOURS = 24;
/** Touch rate and median first response read the assignments of this many days. */
export const RESPONSE_LOOKBACK_DAYS = 7;
export const TOUCH_RATE_GREEN_AT = 0.9;
export const TOUCH_RATE_AMBER_AT = 0.7;
/** Median first response: green at most 30 minutes, amber at most 2 hours, red beyond. */
export const MEDIAN_RESPONSE_GREEN_MINUTES = 30;
export const MEDIAN_RESPONSE_AMBER_MINUTES = 120;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What the repository counts for one rep. */
export interface RepCounts {
  /** Open leads without the owner's touch since they were dealt to them. */
  awaiting: number;
  /** When the longest-waiting of them was dealt. */
  oldestAwaitingSince: Date | null;
  notFollowed: number;
  breachesToday: number;
  dueNextHour: number;
  /** Assignments in the look-back window, each with the first touch after it, if any. */
  assignments: { assignedAt: Date; firstTouchAt: Date | null }[];
}

export interface Metric {
  value: number | null;
  colour: Colour;
}

export interface BoardMetrics {
  awaitingFirstResponse: Metric & { oldestMinutes: number | null };
  notFollowed24h: Metric;
  breachesToday: Metric;
  dueNextHour: Metric;
  /** 0–1; null when no assignment has had its 24 hours yet. */
  touchRate24h: Metric & { touched: number; assigned: number };
  /** Minutes; null when nothing was answered. */
  medianFirstResponseMinutes: Metric;
}

export const metricNames = [
  'awaitingFirstResponse',
  'notFollowed24h',
  'breachesToday',
  'dueNextHour',
  'touchRate24h',
  'medianFirstResponseMinutes',
] as const;

const severity: Record<Colour, number> = { none: 0, green: 1, amber: 2, red: 3 };

export function worst(colours: readonly Colour[]): Colour {
  return colours.reduce<Colour>((acc, colour) => (severity[colour] > severity[acc] ? colour : acc), 'none');
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function awaitingColour(count: number, oldestMinutes: number | null): Colour {
  if (count === 0) return 'green';
  return oldestMinutes !== null && oldestMinutes > AWAITING_RED_AFTER_MINUTES ? 'red' : 'amber';
}

function countColour(count: number, redAt: number): Colour {
  if (count === 0) return 'green';
  return count >= redAt ? 'red' : 'amber';
}

export function touchRateColour(rate: number | null): Colour {
  if (rate === null) return 'none';
  if (rate >= TOUCH_RATE_GREEN_AT) return 'green';
  return rate >= TOUCH_RATE_AMBER_AT ? 'amber' : 'red';
}

export function medianResponseColour(minutes: number | null): Colour {
  if (minutes === null) return 'none';
  if (minutes <= MEDIAN_RESPONSE_GREEN_MINUTES) return 'green';
  return minutes <= MEDIAN_RESPONSE_AMBER_MINUTES ? 'amber' : 'red';
}

/**
 * An assignment counts toward the touch rate once its 24 hours are over or it was touched (an
 * assignment of ten minutes ago, untouched, is not yet a miss).
 */
export function responseFigures(assignments: RepCounts['assignments'], now: Date) {
  let assigned = 0;
  let touched = 0;
  const minutes: number[] = [];
  for (const { assignedAt, firstTouchAt } of assignments) {
    const waited = firstTouchAt ? firstTouchAt.getTime() - assignedAt.getTime() : null;
    if (waited !== null) minutes.push(waited / MINUTE);
    const matured = now.getTime() - assignedAt.getTime() >= TOUCH_WINDOW_HOURS * HOUR;
    if (waited === null && !matured) continue;
    assigned++;
    if (waited !== null && waited <= TOUCH_WINDOW_HOURS * HOUR) touched++;
  }
  return { assigned, touched, minutes };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function metricsOf(counts: RepCounts, now: Date): BoardMetrics {
  const oldestMinutes = counts.oldestAwaitingSince
    ? Math.max(0, Math.floor((now.getTime() - counts.oldestAwaitingSince.getTime()) / MINUTE))
    : null;
  const { assigned, touched, minutes } = responseFigures(counts.assignments, now);
  const rate = assigned === 0 ? null : round(touched / assigned, 4);
  const med = median(minutes);
  const medianMinutes = med === null ? null : round(med, 1);
  return {
    awaitingFirstResponse: {
      value: counts.awaiting,
      oldestMinutes,
      colour: awaitingColour(counts.awaiting, oldestMinutes),
    },
    notFollowed24h: { value: counts.notFollowed, colour: countColour(counts.notFollowed, NOT_FOLLOWED_RED_AT) },
    breachesToday: { value: counts.breachesToday, colour: countColour(counts.breachesToday, BREACHES_RED_AT) },
    dueNextHour: { value: counts.dueNextHour, colour: countColour(counts.dueNextHour, DUE_SOON_RED_AT) },
    touchRate24h: { value: rate, touched, assigned, colour: touchRateColour(rate) },
    medianFirstResponseMinutes: { value: medianMinutes, colour: medianResponseColour(medianMinutes) },
  };
}

/** Several reps' counts as one: sums, the oldest wait, every assignment. */
export function combine(all: readonly RepCounts[]): RepCounts {
  const oldest = all
    .map((counts) => counts.oldestAwaitingSince)
    .filter((since): since is Date => since !== null)
    .reduce<Date | null>((acc, since) => (acc === null || since < acc ? since : acc), null);
  return {
    awaiting: all.reduce((sum, counts) => sum + counts.awaiting, 0),
    oldestAwaitingSince: oldest,
    notFollowed: all.reduce((sum, counts) => sum + counts.notFollowed, 0),
    breachesToday: all.reduce((sum, counts) => sum + counts.breachesToday, 0),
    dueNextHour: all.reduce((sum, counts) => sum + counts.dueNextHour, 0),
    assignments: all.flatMap((counts) => counts.assignments),
  };
}

/**
 * A team's row: values pooled over its reps (the touch rate and median over all their
 * assignments). A count's colour is the worst of its reps' — three reps with one breach each is
 * three amber reps, not a red team — while the rate and the median are judged on the pool.
 */
export function rollUp(reps: readonly RepCounts[], now: Date): BoardMetrics {
  const pooled = metricsOf(combine(reps), now);
  if (reps.length === 0) return pooled;
  const each = reps.map((counts) => metricsOf(counts, now));
  const worstOf = (name: 'awaitingFirstResponse' | 'notFollowed24h' | 'breachesToday' | 'dueNextHour') =>
    worst(each.map((metrics) => metrics[name].colour));
  return {
    ...pooled,
    awaitingFirstResponse: { ...pooled.awaitingFirstResponse, colour: worstOf('awaitingFirstResponse') },
    notFollowed24h: { ...pooled.notFollowed24h, colour: worstOf('notFollowed24h') },
    breachesToday: { ...pooled.breachesToday, colour: worstOf('breachesToday') },
    dueNextHour: { ...pooled.dueNextHour, colour: worstOf('dueNextHour') },
  };
}

export const emptyCounts = (): RepCounts => ({
  awaiting: 0,
  oldestAwaitingSince: null,
  notFollowed: 0,
  breachesToday: 0,
  dueNextHour: 0,
  assignments: [],
});
