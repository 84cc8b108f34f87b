/**
 * Histogram gradient-boosted trees for logistic loss: Newton leaf values with L2, best-first
 * growth within leaf and depth limits, a minimum of examples per leaf, missing values sent the
 * way that gains most, row and column subsampling, and early stopping on a validation set.
 * Every node keeps its own value, so a prediction can be explained along its path (Saabas).
 */
import { logLoss, sigmoid } from './metrics.ts';
import type { Rng } from './random.ts';

export interface BoostingOptions {
  learningRate: number;
  maxIterations: number;
  /** Stop when the validation loss has not improved for this many trees. */
  patience: number;
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  minGain: number;
  subsample: number;
  colsample: number;
}

/** All trees in flat arrays (JSON-friendly); a leaf has feature -1; children are absolute indices. */
export interface Forest {
  base: number;
  roots: number[];
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
}

interface Grown extends Forest {
  /** The split's tree column and bin, for routing binned training rows. */
  column: number[];
  bin: number[];
}

/**
 * What the trees split on while training. An ordinal column is one encoded column in quantile
 * bins (x ≤ threshold goes left; missing has the last bin). A categorical column is a whole
 * one-hot group read as one code per row, split one level against the rest; the split is stored
 * as that level's encoded column > 0.5, so prediction reads the encoded row either way, while
 * training builds one histogram per category instead of one per level.
 */
export interface TreeColumn {
  bins: Uint8Array;
  binCount: number;
  categorical: boolean;
  /** Ordinal: [the encoded column]; categorical: the encoded column of each code. */
  encoded: number[];
  /** Ordinal only: the value thresholds between bins. */
  thresholds: number[];
}

interface Leaf {
  node: number;
  rows: Int32Array;
  hist: Float64Array;
  depth: number;
  split: { gain: number; column: number; bin: number; missingLeft: boolean } | null;
}

export interface BoostingData {
  columns: TreeColumn[];
  labels: Float64Array;
}

export interface BoostingResult {
  forest: Forest;
  iterations: number;
  /** Logits of every row (train and validation) after the kept trees. */
  logits: Float64Array;
}

export function fitBoosting(
  data: BoostingData,
  trainRows: Int32Array,
  validRows: Int32Array | null,
  options: BoostingOptions,
  rng: Rng,
): BoostingResult {
  const { columns: treeColumns, labels } = data;
  const n = labels.length;
  const columnCount = treeColumns.length;
  const binned = treeColumns.map((column) => column.bins);
  const offsets = new Int32Array(columnCount + 1);
  for (let c = 0; c < columnCount; c++) offsets[c + 1] = offsets[c]! + treeColumns[c]!.binCount;
  const histSize = offsets[columnCount]! * 3;

  let won = 0;
  for (const row of trainRows) won += labels[row]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, won / Math.max(1, trainRows.length)));
  const base = Math.log(rate / (1 - rate));
  const forest: Grown = { base, roots: [], feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], column: [], bin: [] };
  const logits = new Float64Array(n).fill(base);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const lambda = options.l2;

  const histogram = (rows: Int32Array, columns: readonly number[]) => {
    const hist = new Float64Array(histSize);
    for (const c of columns) {
      const bins = binned[c]!;
      const offset = offsets[c]! * 3;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const slot = offset + bins[row]! * 3;
        hist[slot] = hist[slot]! + gradient[row]!;
        hist[slot + 1] = hist[slot + 1]! + hessian[row]!;
        hist[slot + 2] = hist[slot + 2]! + 1;
      }
    }
    return hist;
  };

  const bestSplit = (hist: Float64Array, columns: readonly number[], depth: number) => {
    if (depth >= options.maxDepth) return null;
    let best: Leaf['split'] = null;
    const c0 = columns[0]!;
    let totalG = 0;
    let totalH = 0;
    let totalN = 0;
    for (let slot = offsets[c0]! * 3; slot < offsets[c0 + 1]! * 3; slot += 3) {
      totalG += hist[slot]!;
      totalH += hist[slot + 1]!;
      totalN += hist[slot + 2]!;
    }
    if (totalN < 2 * options.minSamplesLeaf) return null;
    const parentScore = (totalG * totalG) / (totalH + lambda);
    for (const c of columns) {
      const start = offsets[c]! * 3;
      if (treeColumns[c]!.categorical) {
        for (let b = 0; b < treeColumns[c]!.encoded.length; b++) {
          const slot = start + b * 3;
          const nR = hist[slot + 2]!;
          const nL = totalN - nR;
          if (nL < options.minSamplesLeaf || nR < options.minSamplesLeaf) continue;
          const gR = hist[slot]!;
          const hR = hist[slot + 1]!;
          const gL = totalG - gR;
          const hL = totalH - hR;
          if (hL < 1e-3 || hR < 1e-3) continue;
          const gain = (gL * gL) / (hL + lambda) + (gR * gR) / (hR + lambda) - parentScore;
          if (gain > options.minGain && (best === null || gain > best.gain)) best = { gain, column: c, bin: b, missingLeft: true };
        }
        continue;
      }
      const valueBins = offsets[c + 1]! - offsets[c]! - 1;
      const missingSlot = start + valueBins * 3;
      const mG = hist[missingSlot]!;
      const mH = hist[missingSlot + 1]!;
      const mN = hist[missingSlot + 2]!;
      let lG = 0;
      let lH = 0;
      let lN = 0;
      for (let b = 0; b < valueBins - 1; b++) {
        const slot = start + b * 3;
        lG += hist[slot]!;
        lH += hist[slot + 1]!;
        lN += hist[slot + 2]!;
        for (let side = 0; side < (mN > 0 ? 2 : 1); side++) {
          const gL = side === 1 ? lG + mG : lG;
          const hL = side === 1 ? lH + mH : lH;
          const nL = side === 1 ? lN + mN : lN;
          const nR = totalN - nL;
          if (nL < options.minSamplesLeaf || nR < options.minSamplesLeaf) continue;
          const gR = totalG - gL;
          const hR = totalH - hL;
          if (hL < 1e-3 || hR < 1e-3) continue;
          const gain = (gL * gL) / (hL + lambda) + (gR * gR) / (hR + lambda) - parentScore;
          if (gain > options.minGain && (best === null || gain > best.gain)) {
            best = { gain, column: c, bin: b, missingLeft: mN > 0 ? side === 1 : nL >= nR };
          }
        }
      }
    }
    return best;
  };

  const addNode = (hist: Float64Array, columns: readonly number[]) => {
    const c0 = columns[0]!;
    let g = 0;
    let h = 0;
    for (let slot = offsets[c0]! * 3; slot < offsets[c0 + 1]! * 3; slot += 3) {
      g += hist[slot]!;
      h += hist[slot + 1]!;
    }
    forest.feature.push(-1);
    forest.threshold.push(0);
    forest.missingLeft.push(0);
    forest.left.push(-1);
    forest.right.push(-1);
    forest.column.push(-1);
    forest.bin.push(0);
    forest.value.push((-g / (h + lambda)) * options.learningRate);
    return forest.feature.length - 1;
  };

  const goesLeft = (c: number, splitBin: number, missingLeft: boolean, row: number) => {
    const column = treeColumns[c]!;
    const bin = column.bins[row]!;
    if (column.categorical) return bin !== splitBin;
    return bin === column.binCount - 1 ? missingLeft : bin <= splitBin;
  };

  const route = (node: number, row: number) => {
    while (forest.feature[node]! >= 0) {
      node = goesLeft(forest.column[node]!, forest.bin[node]!, forest.missingLeft[node] === 1, row) ? forest.left[node]! : forest.right[node]!;
    }
    return forest.value[node]!;
  };

  const growTree = () => {
    let rows = trainRows;
    if (options.subsample < 1) {
      const kept: number[] = [];
      for (const row of trainRows) if (rng() < options.subsample) kept.push(row);
      rows = Int32Array.from(kept);
    }
    const columns: number[] = [];
    for (let c = 0; c < columnCount; c++) if (options.colsample >= 1 || rng() < options.colsample) columns.push(c);
    if (columns.length === 0) columns.push(Math.floor(rng() * columnCount));
    const rootHist = histogram(rows, columns);
    const root = addNode(rootHist, columns);
    forest.roots.push(root);
    const leaves: Leaf[] = [{ node: root, rows, hist: rootHist, depth: 0, split: bestSplit(rootHist, columns, 0) }];
    let leafCount = 1;
    while (leafCount < options.maxLeaves) {
      let pick = -1;
      for (let i = 0; i < leaves.length; i++) {
        const split = leaves[i]!.split;
        if (split && (pick < 0 || split.gain > leaves[pick]!.split!.gain)) pick = i;
      }
      if (pick < 0) break;
      const leaf = leaves[pick]!;
      const split = leaf.split!;
      leaves.splice(pick, 1);
      const left = (row: number) => goesLeft(split.column, split.bin, split.missingLeft, row);
      let leftCount = 0;
      for (const row of leaf.rows) if (left(row)) leftCount++;
      const leftRows = new Int32Array(leftCount);
      const rightRows = new Int32Array(leaf.rows.length - leftCount);
      let l = 0;
      let r = 0;
      for (const row of leaf.rows) {
        if (left(row)) leftRows[l++] = row;
        else rightRows[r++] = row;
      }
      const smallIsLeft = leftRows.length <= rightRows.length;
      const smallHist = histogram(smallIsLeft ? leftRows : rightRows, columns);
      const largeHist = leaf.hist;
      for (let i = 0; i < histSize; i++) largeHist[i] = largeHist[i]! - smallHist[i]!;
      const leftHist = smallIsLeft ? smallHist : largeHist;
      const rightHist = smallIsLeft ? largeHist : smallHist;
      const node = leaf.node;
      const column = treeColumns[split.column]!;
      forest.column[node] = split.column;
      forest.bin[node] = split.bin;
      forest.feature[node] = column.categorical ? column.encoded[split.bin]! : column.encoded[0]!;
      forest.threshold[node] = column.categorical ? 0.5 : column.thresholds[split.bin]!;
      forest.missingLeft[node] = split.missingLeft ? 1 : 0;
      const leftNode = addNode(leftHist, columns);
      const rightNode = addNode(rightHist, columns);
      forest.left[node] = leftNode;
      forest.right[node] = rightNode;
      const depth = leaf.depth + 1;
      leaves.push({ node: leftNode, rows: leftRows, hist: leftHist, depth, split: bestSplit(leftHist, columns, depth) });
      leaves.push({ node: rightNode, rows: rightRows, hist: rightHist, depth, split: bestSplit(rightHist, columns, depth) });
      leafCount++;
    }
    return root;
  };

  if (columnCount === 0) {
    return { forest: { base, roots: [], feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] }, iterations: 0, logits };
  }
  const validLabels = validRows ? Float64Array.from(validRows, (row) => labels[row]!) : null;
  const validProbabilities = validRows ? new Float64Array(validRows.length) : null;
  let bestLoss = Infinity;
  let bestIterations = 0;
  let bestLogits = logits.slice();
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    for (const row of trainRows) {
      const p = sigmoid(logits[row]!);
      gradient[row] = p - labels[row]!;
      hessian[row] = Math.max(p * (1 - p), 1e-6);
    }
    const root = growTree();
    for (let row = 0; row < n; row++) logits[row] = logits[row]! + route(root, row);
    if (!validRows || !validProbabilities || !validLabels) {
      bestIterations = iteration;
      continue;
    }
    for (let i = 0; i < validRows.length; i++) validProbabilities[i] = sigmoid(logits[validRows[i]!]!);
    const loss = logLoss(validProbabilities, validLabels);
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      bestIterations = iteration;
      bestLogits = logits.slice();
    } else if (iteration - bestIterations >= options.patience) break;
  }
  if (!validRows) bestLogits = logits;
  const keptNodes = bestIterations < forest.roots.length ? forest.roots[bestIterations]! : forest.feature.length;
  const { bin: _bin, column: _column, ...flat } = forest;
  const cut = (values: number[]) => values.slice(0, keptNodes);
  return {
    forest: {
      base,
      roots: flat.roots.slice(0, bestIterations),
      feature: cut(flat.feature),
      threshold: cut(flat.threshold),
      missingLeft: cut(flat.missingLeft),
      left: cut(flat.left),
      right: cut(flat.right),
      value: cut(flat.value).map((value) => Number(value.toPrecision(6))),
    },
    iterations: bestIterations,
    logits: bestLogits,
  };
}

/** The forest's logit for one encoded row. */
export function forestLogit(forest: Forest, row: Float64Array): number {
  let sum = forest.base;
  const { feature, threshold, missingLeft, left, right, value } = forest;
  for (const root of forest.roots) {
    let node = root;
    while (feature[node]! >= 0) {
      const x = row[feature[node]!]!;
      node = (Number.isNaN(x) ? missingLeft[node] === 1 : x <= threshold[node]!) ? left[node]! : right[node]!;
    }
    sum += value[node]!;
  }
  return sum;
}

/**
 * Saabas contributions: along each tree's path, the change in node value is credited to the
 * column split on. Adds into `byColumn`; returns the bias (base plus the roots' values).
 */
export function forestContributions(forest: Forest, row: Float64Array, byColumn: Float64Array): number {
  let bias = forest.base;
  const { feature, threshold, missingLeft, left, right, value } = forest;
  for (const root of forest.roots) {
    let node = root;
    bias += value[node]!;
    while (feature[node]! >= 0) {
      const c = feature[node]!;
      const x = row[c]!;
      const next = (Number.isNaN(x) ? missingLeft[node] === 1 : x <= threshold[node]!) ? left[node]! : right[node]!;
      byColumn[c] = byColumn[c]! + value[next]! - value[node]!;
      node = next;
    }
  }
  return bias;
}
