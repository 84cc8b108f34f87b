/**
 * The forecast for a period from calibrated deals: Σ amount × probability, the commit / best
 * case / pipeline categories with manager overrides, what the number rests on (health), accuracy
 * against actuals, the "calibration keeps missing" flag over weekly snapshots, and the
 * payment-cycle weight. Pure: every function takes its data and, where time matters, `now`.
 */

/** A deal at or above this probability is commit unless a manager says otherwise. */
export const COMMIT_THRESHOLD = 0.7;
/** A deal at or above this probability (and below commit) is best case. */
export const BEST_CASE_THRESHOLD = 0.4;
/** A rep is flagged when the forecast misses the actual by more than this share… */
export const MISS_THRESHOLD = 0.15;
/** …in this many consecutive weekly snapshots. */
export const MISS_WEEKS_RUNNING = 2;
/** However long the terms, a payment-cycle adjustment never cuts a deal's weight below this. */
export const MIN_PAYMENT_CYCLE_WEIGHT = 0.5;

const DAY_MS = 86_400_000;

export type ForecastCategory = 'commit' | 'best_case' | 'pipeline' | 'omitted';

export interface ForecastDeal {
  id: string;
  ownerId: string;
  amount: number;
  /** Calibrated win probability (already adjusted for payment cycle, if any). */
  probability: number;
  expectedCloseAt: Date;
  /** Where the probability came from: calibrated history or the stage-rate fallback. */
  source: 'history' | 'stage';
  /** The deal holds at least one signal defined as strong. */
  hasStrongSignal: boolean;
  /** A manager's call; `omitted` takes the deal out of the number. */
  override?: ForecastCategory | null;
}

export interface ForecastedDeal extends ForecastDeal {
  category: ForecastCategory;
  weighted: number;
}

export interface ForecastHealth {
  /** Shares of the forecast amount; they sum to 1 unless the amount is 0 (then all 0). */
  strong: number;
  weak: number;
  fallback: number;
}

export interface PeriodForecast {
  from: Date;
  to: Date;
  /** Σ amount × probability over the deals in the period that are not omitted. */
  amount: number;
  /** Σ amount of commit deals. */
  commit: number;
  /** Commit plus Σ amount of best-case deals (cumulative, as CRMs show it). */
  bestCase: number;
  /** Σ amount of the remaining pipeline deals. */
  pipeline: number;
  health: ForecastHealth;
  deals: ForecastedDeal[];
}

/** The category by probability, unless a manager overrode it. */
export function categoryOf(deal: Pick<ForecastDeal, 'probability' | 'override'>): ForecastCategory {
  if (deal.override) return deal.override;
  if (deal.probability >= COMMIT_THRESHOLD) return 'commit';
  if (deal.probability >= BEST_CASE_THRESHOLD) return 'best_case';
  return 'pipeline';
}

/**
 * The forecast for deals expected to close in [from, to). An override changes the category the
 * manager reports, not the calibrated amount, except `omitted`, which removes the deal: the
 * amount stays a calibrated number and the categories carry the manager's judgement.
 */
export function forecastPeriod(deals: readonly ForecastDeal[], from: Date, to: Date): PeriodForecast {
  const inPeriod = deals
    .filter((deal) => deal.expectedCloseAt >= from && deal.expectedCloseAt < to)
    .map((deal): ForecastedDeal => {
      const category = categoryOf(deal);
      const weighted = category === 'omitted' ? 0 : deal.amount * clampProbability(deal.probability);
      return { ...deal, category, weighted };
    })
    .sort((a, b) => b.weighted - a.weighted || a.id.localeCompare(b.id));

  let amount = 0;
  let commit = 0;
  let bestCaseOnly = 0;
  let pipeline = 0;
  let strong = 0;
  let weak = 0;
  let fallback = 0;
  for (const deal of inPeriod) {
    amount += deal.weighted;
    if (deal.category === 'commit') commit += deal.amount;
    else if (deal.category === 'best_case') bestCaseOnly += deal.amount;
    else if (deal.category === 'pipeline') pipeline += deal.amount;
    if (deal.source === 'stage') fallback += deal.weighted;
    else if (deal.hasStrongSignal) strong += deal.weighted;
    else weak += deal.weighted;
  }
  const health =
    amount > 0
      ? { strong: strong / amount, weak: weak / amount, fallback: fallback / amount }
      : { strong: 0, weak: 0, fallback: 0 };
  return { from, to, amount, commit, bestCase: commit + bestCaseOnly, pipeline, health, deals: inPeriod };
}

function clampProbability(p: number): number {
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

export interface Accuracy {
  forecast: number;
  actual: number;
  /** forecast − actual: positive means the forecast was too high. */
  error: number;
  /** |forecast − actual| / actual; null when the actual is 0 (no share of nothing). */
  absPctError: number | null;
}

export function accuracy(forecast: number, actual: number): Accuracy {
  return {
    forecast,
    actual,
    error: forecast - actual,
    absPctError: actual !== 0 ? Math.abs(forecast - actual) / Math.abs(actual) : null,
  };
}

export interface ForecastActual {
  period: string;
  repId: string;
  forecast: number;
  actual: number;
}

/** Accuracy per period (all reps summed) and per rep (all periods summed), keys sorted. */
export function accuracyReport(rows: readonly ForecastActual[]): {
  byPeriod: (Accuracy & { period: string })[];
  byRep: (Accuracy & { repId: string })[];
} {
  const sum = (key: (row: ForecastActual) => string) => {
    const totals = new Map<string, { forecast: number; actual: number }>();
    for (const row of rows) {
      const total = totals.get(key(row)) ?? { forecast: 0, actual: 0 };
      total.forecast += row.forecast;
      total.actual += row.actual;
      totals.set(key(row), total);
    }
    return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    byPeriod: sum((row) => row.period).map(([period, t]) => ({ period, ...accuracy(t.forecast, t.actual) })),
    byRep: sum((row) => row.repId).map(([repId, t]) => ({ repId, ...accuracy(t.forecast, t.actual) })),
  };
}

/** Monday 00:00 UTC of the week holding `at`: the key of a weekly snapshot. */
export function weekStartOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

export interface WeeklySnapshot {
  repId: string;
  /** Any instant in the week; it is keyed by the week's Monday (UTC). */
  week: Date;
  forecast: number;
  actual: number;
}

/** Whether a snapshot misses: relative error above the threshold; any forecast against a zero actual misses. */
export function missesCalibration(snapshot: Pick<WeeklySnapshot, 'forecast' | 'actual'>): boolean {
  if (snapshot.actual === 0) return snapshot.forecast !== 0;
  return Math.abs(snapshot.forecast - snapshot.actual) / Math.abs(snapshot.actual) > MISS_THRESHOLD;
}

export interface CalibrationFlag {
  repId: string;
  /** The Mondays of the run of consecutive missed weeks that raised the flag (the latest run). */
  weeks: Date[];
}

/**
 * Reps whose forecast missed by more than 15 % in two consecutive calendar weeks. A week with no
 * snapshot breaks the run: it is not evidence either way.
 */
export function flagMiscalibratedReps(snapshots: readonly WeeklySnapshot[]): CalibrationFlag[] {
  const byRep = new Map<string, Map<number, boolean>>();
  for (const snapshot of snapshots) {
    const weeks = byRep.get(snapshot.repId) ?? new Map<number, boolean>();
    const key = weekStartOf(snapshot.week).getTime();
    // Two snapshots in one week: the week misses if either did.
    weeks.set(key, (weeks.get(key) ?? false) || missesCalibration(snapshot));
    byRep.set(snapshot.repId, weeks);
  }
  const flags: CalibrationFlag[] = [];
  for (const [repId, weeks] of [...byRep.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let run: number[] = [];
    let flaggedRun: number[] | null = null;
    for (const week of [...weeks.keys()].sort((a, b) => a - b)) {
      if (!weeks.get(week)) {
        run = [];
        continue;
      }
      const last = run[run.length - 1];
      run = last !== undefined && week - last === 7 * DAY_MS ? [...run, week] : [week];
      if (run.length >= MISS_WEEKS_RUNNING) flaggedRun = run;
    }
    if (flaggedRun) flags.push({ repId, weeks: flaggedRun.map((t) => new Date(t)) });
  }
  return flags;
}

/**
 * The weight of a deal given its payment terms and the customer's payment record: 1 when the
 * terms are within the longest cycle the customer has paid on before (or there is no record);
 * otherwise record / terms, never below MIN_PAYMENT_CYCLE_WEIGHT. A customer who has always paid
 * in 30 days asked for 90-day terms is less certain money.
 */
export function paymentCycleWeight(termsDays: number, paidCycleDays: readonly number[]): number {
  const record = Math.max(0, ...paidCycleDays.filter((d) => Number.isFinite(d)));
  if (paidCycleDays.length === 0 || record <= 0 || !(termsDays > record)) return 1;
  return Math.max(MIN_PAYMENT_CYCLE_WEIGHT, record / termsDays);
}
