/** Seeded randomness and the splits built on it: the same seed always gives the same model. */

import { seededRng, type Rng } from '../../../platform/random.ts';

export { seededRng, type Rng };

export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Assigns each row to one of `k` folds, each class dealt out in turn so every fold keeps the base rate. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, rng: Rng): Int32Array {
  const fold = new Int32Array(labels.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) rows.push(i);
    shuffle(rows, rng).forEach((row, position) => (fold[row] = position % k));
  }
  return fold;
}

export interface Split {
  train: number[];
  holdout: number[];
  /** 'time' when the hold-out is the latest examples, 'random' when it is a stratified draw. */
  kind: 'time' | 'random';
}

/** Share of examples that must carry a date before the hold-out is taken from the latest ones. */
export const TIME_SPLIT_MIN_DATED = 0.8;

/**
 * Holds out `fraction` of the rows: the latest ones when most rows are dated (rows without a date
 * count as oldest, ties keep input order), otherwise a stratified random draw.
 */
export function holdoutSplit(
  labels: ArrayLike<number>,
  at: readonly (Date | null | undefined)[],
  fraction: number,
  rng: Rng,
): Split {
  const n = labels.length;
  const holdoutSize = Math.max(1, Math.round(n * fraction));
  const dated = at.filter((date) => date instanceof Date && Number.isFinite(date.getTime())).length;
  if (n > 0 && dated / n >= TIME_SPLIT_MIN_DATED) {
    const time = (row: number) => at[row]?.getTime() ?? -Infinity;
    const order = Array.from({ length: n }, (_, row) => row).sort((a, b) => time(a) - time(b) || a - b);
    const cut = n - holdoutSize;
    const holdout = order.slice(cut);
    const won = holdout.filter((row) => labels[row] === 1).length;
    // Only a cut between two moments is a time split (outcomes imported at one time would be split
    // by their order in the table), and only a hold-out with both outcomes can be judged.
    if (cut > 0 && time(order[cut]!) > time(order[cut - 1]!) && won > 0 && won < holdout.length) {
      return { train: order.slice(0, cut).sort((a, b) => a - b), holdout, kind: 'time' };
    }
  }
  const k = Math.max(2, Math.round(1 / fraction));
  const fold = stratifiedFolds(labels, k, rng);
  const train: number[] = [];
  const holdout: number[] = [];
  for (let row = 0; row < n; row++) (fold[row] === 0 ? holdout : train).push(row);
  return { train, holdout, kind: 'random' };
}
