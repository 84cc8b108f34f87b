/**
 * Quantile bins per encoded column, learnt from the training values: the trees split between
 * bins, and the linear model reads a value as its position among the training values. Missing
 * values (NaN) get a bin of their own, after the value bins.
 */

import type { TreeColumn } from './boosting.ts';
import type { Encoder } from './encoder.ts';

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
    // Cuts sit between two neighbouring training values, in as few digits as keep them there.
    const between = (low: number, high: number) => {
      const middle = (low + high) / 2;
      for (let digits = 3; digits <= 15; digits++) {
        const short = Number(middle.toPrecision(digits));
        if (short > low && short < high) return short;
      }
      return middle;
    };
    if (distinct.length <= maxBins) return distinct.slice(0, -1).map((value, i) => between(value, distinct[i + 1]!));
    const cuts: number[] = [];
    let next = 0;
    for (let q = 1; q < maxBins; q++) {
      const value = values[Math.floor((q * values.length) / maxBins)]!;
      while (next < distinct.length && distinct[next]! <= value) next++;
      if (next >= distinct.length) break;
      const cut = between(distinct[next - 1]!, distinct[next]!);
      if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
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

/** The trees' view of the encoded columns: numbers and tags binned, each category one coded column. */
export function treeColumns(encoder: Encoder, columns: readonly Float64Array[], binning: Binning): TreeColumn[] {
  const ordinal = (c: number): TreeColumn => {
    const thresholds = binning.thresholds[c]!;
    const bins = new Uint8Array(columns[c]!.length);
    for (let i = 0; i < bins.length; i++) bins[i] = binOf(thresholds, columns[c]![i]!);
    return { bins, binCount: binCount(thresholds), categorical: false, encoded: [c], thresholds };
  };
  const result: TreeColumn[] = [];
  for (const feature of encoder.features) {
    if (feature.kind === 'number') result.push(ordinal(feature.column));
    else if (feature.kind === 'tags') feature.tags.forEach((_, offset) => result.push(ordinal(feature.column + offset)));
    else {
      const width = feature.levels.length + (feature.otherColumn === null ? 0 : 1) + (feature.missingColumn === null ? 0 : 1);
      const encoded = Array.from({ length: width }, (_, offset) => feature.column + offset);
      const bins = new Uint8Array(columns[feature.column]!.length).fill(width);
      encoded.forEach((c, code) => {
        const column = columns[c]!;
        for (let i = 0; i < column.length; i++) if (column[i] === 1) bins[i] = code;
      });
      result.push({ bins, binCount: width + 1, categorical: true, encoded, thresholds: [] });
    }
  }
  return result;
}
