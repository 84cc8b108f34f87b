/** Honest figures for a set of predicted probabilities against outcomes (1 = won). */

/** Rank-based AUC (Mann–Whitney), tied scores counting one half. NaN when one class is absent. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const meanRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i]!] === 1) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared error of the probabilities. */
export function brier(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return probabilities.length === 0 ? NaN : sum / probabilities.length;
}

/** Mean negative log-likelihood, probabilities clipped away from 0 and 1. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return probabilities.length === 0 ? NaN : sum / probabilities.length;
}

export interface CalibrationBin {
  /** The bin's probability range, [from, to). */
  from: number;
  to: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
}

/** Ten equal-width probability bins; empty bins are left out. */
export function calibrationTable(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ predicted: 0, won: 0, count: 0 }));
  for (let i = 0; i < probabilities.length; i++) {
    const bin = sums[Math.min(bins - 1, Math.floor(probabilities[i]! * bins))]!;
    bin.predicted += probabilities[i]!;
    bin.won += labels[i]!;
    bin.count++;
  }
  return sums.flatMap((bin, index) =>
    bin.count === 0
      ? []
      : [{ from: index / bins, to: (index + 1) / bins, meanPredicted: bin.predicted / bin.count, observedRate: bin.won / bin.count, count: bin.count }],
  );
}

export interface LiftRow {
  /** 1 = the tenth of leads scored highest. */
  decile: number;
  count: number;
  winRate: number;
  /** Win rate over the overall base rate. */
  lift: number;
  /** Share of all wins found in this decile and those above it. */
  cumulativeCapture: number;
}

/** Leads sorted by score, highest first, cut into ten groups of (nearly) equal size. */
export function liftByDecile(probabilities: ArrayLike<number>, labels: ArrayLike<number>): LiftRow[] {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  let totalWon = 0;
  for (let i = 0; i < n; i++) totalWon += labels[i]!;
  const baseRate = n === 0 ? 0 : totalWon / n;
  const rows: LiftRow[] = [];
  let capturedSoFar = 0;
  for (let decile = 0; decile < 10; decile++) {
    const start = Math.round((decile * n) / 10);
    const end = Math.round(((decile + 1) * n) / 10);
    if (end <= start) continue;
    let won = 0;
    for (let i = start; i < end; i++) won += labels[order[i]!]!;
    capturedSoFar += won;
    const winRate = won / (end - start);
    rows.push({
      decile: decile + 1,
      count: end - start,
      winRate,
      lift: baseRate === 0 ? 0 : winRate / baseRate,
      cumulativeCapture: totalWon === 0 ? 0 : capturedSoFar / totalWon,
    });
  }
  return rows;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const logit = (p: number) => Math.log(p / (1 - p));
