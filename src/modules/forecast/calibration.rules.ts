/**
 * Calibration: a signal score becomes a win probability through the historical win rate of
 * closed deals with similar scores over a window. The mapping is monotone (a higher score never
 * means a lower probability), every point carries a Wilson interval, and thin history falls back
 * to the stage rate, so stage percentages are the prior, not the answer. Pure.
 */

/** Below this many closed deals in the window, the stage rate is used as is. */
export const MIN_CLOSED_FOR_CALIBRATION = 30;
/**
 * Each score bin is shrunk toward the stage rate as if it held this many extra deals at the
 * stage rate: a bin of 5 deals leans on the stage rate, a bin of 500 barely moves.
 */
export const STAGE_PRIOR_DEALS = 20;
/** At most this many score bins, so each bin holds enough deals to say something. */
export const MAX_SCORE_BINS = 10;
/** The calibration window: closed deals from about six months before `now`. */
export const DEFAULT_WINDOW_DAYS = 182;
/** z for a 95 % interval. */
export const Z_95 = 1.959963984540054;

const DAY_MS = 86_400_000;

export interface ClosedDeal {
  score: number;
  won: boolean;
  closedAt: Date;
}

export interface CalibrationOptions {
  now: Date;
  /** The win rate of the deal's stage (fixed CRM percentage or learnt), used when history is thin. */
  stageRate: number;
  windowDays?: number;
  minClosed?: number;
  priorDeals?: number;
  maxBins?: number;
}

export interface CalibrationBin {
  /** Lowest and highest score seen in the bin; the bin also covers scores up to the next bin. */
  minScore: number;
  maxScore: number;
  closed: number;
  won: number;
  probability: number;
  low: number;
  high: number;
}

export interface Calibration {
  source: 'history' | 'stage';
  stageRate: number;
  closedInWindow: number;
  bins: CalibrationBin[];
}

export interface Probability {
  probability: number;
  low: number;
  high: number;
  source: 'history' | 'stage';
}

/** Wilson score interval around `p` observed over `n` trials; [0, 1] when there are none. */
export function wilsonInterval(p: number, n: number, z = Z_95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp to the point too: rounding must not push the bound past it.
  return { low: Math.min(p, Math.max(0, centre - half)), high: Math.max(p, Math.min(1, centre + half)) };
}

interface Block {
  minScore: number;
  maxScore: number;
  closed: number;
  won: number;
  /** Weight in pooling: the bin's deals plus its pseudo-deals. */
  weight: number;
  rate: number;
}

/** Groups closed deals by score, never splitting equal scores, into at most `maxBins` bins of similar size. */
function scoreBins(deals: readonly ClosedDeal[], maxBins: number): Omit<Block, 'weight' | 'rate'>[] {
  const byScore = new Map<number, { closed: number; won: number }>();
  for (const deal of deals) {
    const entry = byScore.get(deal.score) ?? { closed: 0, won: 0 };
    entry.closed += 1;
    if (deal.won) entry.won += 1;
    byScore.set(deal.score, entry);
  }
  const scores = [...byScore.keys()].sort((a, b) => a - b);
  const target = deals.length / Math.max(1, maxBins);
  const bins: Omit<Block, 'weight' | 'rate'>[] = [];
  let current: Omit<Block, 'weight' | 'rate'> | null = null;
  for (const score of scores) {
    const entry = byScore.get(score)!;
    if (!current || (current.closed >= target && bins.length < maxBins - 1)) {
      if (current) bins.push(current);
      current = { minScore: score, maxScore: score, closed: 0, won: 0 };
    }
    current.maxScore = score;
    current.closed += entry.closed;
    current.won += entry.won;
  }
  if (current) bins.push(current);
  return bins;
}

/** Pool-adjacent-violators: the weighted least-squares non-decreasing fit of the block rates. */
function poolAdjacentViolators(blocks: Block[]): Block[] {
  const stack: Block[] = [];
  for (const block of blocks) {
    let merged = { ...block };
    while (stack.length > 0 && stack[stack.length - 1]!.rate > merged.rate) {
      const previous = stack.pop()!;
      const weight = previous.weight + merged.weight;
      merged = {
        minScore: previous.minScore,
        maxScore: merged.maxScore,
        closed: previous.closed + merged.closed,
        won: previous.won + merged.won,
        weight,
        rate: (previous.rate * previous.weight + merged.rate * merged.weight) / weight,
      };
    }
    stack.push(merged);
  }
  return stack;
}

/**
 * Fits score → win probability from the deals closed in [now − window, now): bins made monotone
 * by pool-adjacent-violators, each shrunk toward the stage rate by its count (and pooled again if
 * the shrinking broke the order); the interval is Wilson's over the deals observed in the bin.
 */
export function calibrate(closed: readonly ClosedDeal[], options: CalibrationOptions): Calibration {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const minClosed = options.minClosed ?? MIN_CLOSED_FOR_CALIBRATION;
  const priorDeals = options.priorDeals ?? STAGE_PRIOR_DEALS;
  const stageRate = Math.min(1, Math.max(0, options.stageRate));
  const end = options.now.getTime();
  const start = end - windowDays * DAY_MS;
  const inWindow = closed.filter((deal) => {
    const at = deal.closedAt.getTime();
    return at >= start && at < end && Number.isFinite(deal.score);
  });

  if (inWindow.length < minClosed) {
    const won = inWindow.filter((deal) => deal.won).length;
    return {
      source: 'stage',
      stageRate,
      closedInWindow: inWindow.length,
      bins: [
        {
          minScore: Number.NEGATIVE_INFINITY,
          maxScore: Number.POSITIVE_INFINITY,
          closed: inWindow.length,
          won,
          probability: stageRate,
          ...wilsonInterval(stageRate, inWindow.length),
        },
      ],
    };
  }

  // Pool the raw rates first, so that bins pooled into one carry one prior, not one each: a
  // history in which the score says nothing then calibrates exactly like a single bin.
  const raw = poolAdjacentViolators(
    scoreBins(inWindow, options.maxBins ?? MAX_SCORE_BINS).map((bin) => ({
      ...bin,
      weight: bin.closed,
      rate: bin.won / bin.closed,
    })),
  );
  // Shrinking small blocks toward the stage rate can reorder them; a second pass restores monotonicity.
  const shrunk = raw.map((block) => ({
    ...block,
    weight: block.closed + priorDeals,
    rate: (block.won + priorDeals * stageRate) / (block.closed + priorDeals),
  }));
  const bins = poolAdjacentViolators(shrunk).map((block) => ({
    minScore: block.minScore,
    maxScore: block.maxScore,
    closed: block.closed,
    won: block.won,
    probability: block.rate,
    ...wilsonInterval(block.rate, block.closed),
  }));
  return { source: 'history', stageRate, closedInWindow: inWindow.length, bins };
}

/**
 * The calibrated probability for a score: the bin whose range holds it, or for a score between
 * bins the bin below (a step function, so monotone everywhere); below every bin, the first.
 */
export function probabilityFor(calibration: Calibration, score: number): Probability {
  const bins = calibration.bins;
  let chosen = bins[0]!;
  for (const bin of bins) {
    if (bin.minScore <= score) chosen = bin;
    else break;
  }
  return { probability: chosen.probability, low: chosen.low, high: chosen.high, source: calibration.source };
}
