/**
 * Quantile bins per encoded column, learnt from the training values: the trees split between
 * bins, and the linear model reads a value as its position among the training values. Missing
 * values (NaN) get a bin of their own, after the value bins.
 */

export interface Binning {
  /** Per column, ascending: value bin b holds thresholds[b-1] < x ≤ thresholds[b]. */
  thresholds: number[][];
}

/** A column's value bins, plus one for missing. */
export const binCount = (thresholds: readonly number[]) => thresholds.length + 2;

export function fitBinning(columns: readonly Float64Array[], rows: ArrayLike<number>, maxBins: number): Binning {
  const thresholds = columns.map((column) => {
    const values: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const value = column[rows[i]!]!;
      if (!Number.isNaN(value)) values.push(value);
    }
    values.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const value of values) if (distinct.length === 0 || distinct[distinct.length - 1] !== value) distinct.push(value);
    if (distinct.length <= 1) return [];
    if (distinct.length <= maxBins) return distinct.slice(0, -1).map((value, i) => (value + distinct[i + 1]!) / 2);
    const cuts: number[] = [];
    const max = distinct[distinct.length - 1]!;
    for (let q = 1; q < maxBins; q++) {
      const cut = values[Math.floor((q * values.length) / maxBins)]!;
      if (cut < max && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
    }
    return cuts;
  });
  return { thresholds };
}

/** The value bin of x (binary search), or the missing bin. */
export function binOf(thresholds: readonly number[], x: number): number {
  if (Number.isNaN(x)) return thresholds.length + 1;
  let low = 0;
  let high = thresholds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (x <= thresholds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function binColumns(columns: readonly Float64Array[], binning: Binning): Uint8Array[] {
  return columns.map((column, c) => {
    const thresholds = binning.thresholds[c]!;
    const bins = new Uint8Array(column.length);
    for (let i = 0; i < column.length; i++) bins[i] = binOf(thresholds, column[i]!);
    return bins;
  });
}
