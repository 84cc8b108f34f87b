/**
 * L2-regularised logistic regression on the encoded columns. Each column is read as its position
 * among the training values (quantile bins, so outliers and skew do no harm; indicators stay
 * 0/1), missing values take the column's mean (the missing indicator carries the rest), then
 * standardised. Fitted by L-BFGS; the penalty is C = 1 over the summed loss, as usual defaults do.
 */
import { binOf, type Binning } from './binning.ts';
import { sigmoid } from './metrics.ts';

export interface Linear {
  intercept: number;
  /** Per encoded column: weight on the standardised value, and how to standardise it. */
  weights: number[];
  fill: number[];
  mean: number[];
  scale: number[];
}

const short = (value: number) => Number(value.toPrecision(8));

const position = (thresholds: readonly number[], x: number) => binOf(thresholds, x) / Math.max(1, thresholds.length);

/** Fits on `rows`; `penalty` multiplies ½‖w‖² against the summed log-loss. */
export function fitLogistic(
  columns: readonly Float64Array[],
  binning: Binning,
  labels: Float64Array,
  rows: Int32Array,
  penalty = 1,
  maxIterations = 200,
): Linear {
  const d = columns.length;
  const n = rows.length;
  const fill = new Array<number>(d).fill(0);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  // The design before centring, stored sparse (row by row): one-hot columns are mostly zero.
  const transformed = columns.map((column, c) => {
    const thresholds = binning.thresholds[c]!;
    const values = new Float64Array(n);
    let sum = 0;
    let present = 0;
    for (let i = 0; i < n; i++) {
      const x = column[rows[i]!]!;
      values[i] = Number.isNaN(x) ? NaN : position(thresholds, x);
      if (!Number.isNaN(x)) {
        sum += values[i]!;
        present++;
      }
    }
    fill[c] = present ? sum / present : 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(values[i]!)) values[i] = fill[c]!;
      total += values[i]!;
    }
    mean[c] = total / n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (values[i]! - mean[c]!) ** 2;
    const std = Math.sqrt(variance / n);
    scale[c] = std > 1e-9 ? 1 / std : 0;
    return values;
  });
  const rowStart = new Int32Array(n + 1);
  const entries: { column: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) if (transformed[c]![i] !== 0 && scale[c] !== 0) entries.push({ column: c, value: transformed[c]![i]! });
    rowStart[i + 1] = entries.length;
  }
  const columnIndex = Int32Array.from(entries, (entry) => entry.column);
  const values = Float64Array.from(entries, (entry) => entry.value);
  const y = Float64Array.from(rows, (row) => labels[row]!);
  const scaled = new Float64Array(d);
  const residualDot = new Float64Array(d);
  // Parameters: d weights then the intercept. Standardised value = (t − mean)·scale, so
  // z = b − Σ w·scale·mean + Σ over the row's non-zeros of w·scale·t.
  const objective = (w: Float64Array, grad: Float64Array) => {
    let offset = w[d]!;
    for (let c = 0; c < d; c++) {
      scaled[c] = w[c]! * scale[c]!;
      offset -= scaled[c]! * mean[c]!;
    }
    residualDot.fill(0);
    let residualSum = 0;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = offset;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) z += scaled[columnIndex[k]!]! * values[k]!;
      loss += Math.max(z, 0) - z * y[i]! + Math.log1p(Math.exp(-Math.abs(z)));
      const residual = sigmoid(z) - y[i]!;
      residualSum += residual;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
        const c = columnIndex[k]!;
        residualDot[c] = residualDot[c]! + residual * values[k]!;
      }
    }
    for (let c = 0; c < d; c++) {
      grad[c] = scale[c]! * (residualDot[c]! - mean[c]! * residualSum) + penalty * w[c]!;
      loss += 0.5 * penalty * w[c]! ** 2;
    }
    grad[d] = residualSum;
    return loss;
  };
  const w = minimiseLbfgs(objective, d + 1, maxIterations);
  return {
    intercept: w[d]!,
    weights: Array.from(w.subarray(0, d), short),
    fill: fill.map(short),
    mean: mean.map(short),
    scale: scale.map(short),
  };
}

/** The standardised value of column c, as the model saw it in training. */
function standardised(linear: Linear, binning: Binning, c: number, x: number): number {
  const t = Number.isNaN(x) ? linear.fill[c]! : position(binning.thresholds[c]!, x);
  return (t - linear.mean[c]!) * linear.scale[c]!;
}

export function linearLogit(linear: Linear, binning: Binning, row: Float64Array): number {
  let z = linear.intercept;
  for (let c = 0; c < linear.weights.length; c++) {
    if (linear.weights[c] !== 0) z += linear.weights[c]! * standardised(linear, binning, c, row[c]!);
  }
  return z;
}

/** Adds each column's share of the logit (relative to the training mean) into `byColumn`; returns the bias. */
export function linearContributions(linear: Linear, binning: Binning, row: Float64Array, byColumn: Float64Array): number {
  for (let c = 0; c < linear.weights.length; c++) {
    if (linear.weights[c] !== 0) byColumn[c] = byColumn[c]! + linear.weights[c]! * standardised(linear, binning, c, row[c]!);
  }
  return linear.intercept;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search. */
function minimiseLbfgs(f: (x: Float64Array, g: Float64Array) => number, size: number, maxIterations: number): Float64Array {
  const memory = 7;
  let x = new Float64Array(size);
  let g = new Float64Array(size);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rho: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
    return sum;
  };
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const q = g.slice();
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, q);
      for (let i = 0; i < size; i++) q[i] = q[i]! - alpha[k]! * yHistory[k]![i]!;
    }
    const gamma = s.length ? dot(s[s.length - 1]!, yHistory[s.length - 1]!) / dot(yHistory[s.length - 1]!, yHistory[s.length - 1]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < size; i++) q[i] = q[i]! * gamma;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(yHistory[k]!, q);
      for (let i = 0; i < size; i++) q[i] = q[i]! + s[k]![i]! * (alpha[k]! - beta);
    }
    const slope = -dot(g, q);
    if (slope >= 0) break;
    let step = 1;
    const nextX = new Float64Array(size);
    const nextG = new Float64Array(size);
    let nextF = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) nextX[i] = x[i]! - step * q[i]!;
      nextF = f(nextX, nextG);
      if (nextF <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextF < fx)) break;
    const sk = new Float64Array(size);
    const yk = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      sk[i] = nextX[i]! - x[i]!;
      yk[i] = nextG[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      yHistory.push(yk);
      rho.push(1 / sy);
      if (s.length > memory) {
        s.shift();
        yHistory.shift();
        rho.shift();
      }
    }
    const improvement = fx - nextF;
    x = nextX;
    g = nextG;
    fx = nextF;
    if (improvement < 1e-9 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}
