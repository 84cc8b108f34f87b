/**
 * The scoring model: gradient-boosted trees blended with an L2 logistic regression, calibrated
 * by Platt scaling. Training cross-fits first (stratified folds): each fold's trees stop early
 * on the fold left out, and the left-out scores choose the blend and fit the calibration. Then
 * both learners are refitted on all the examples (the trees with the folds' mean tree count),
 * so calibration never sees scores the model was trained on.
 */
import { fitBinning, treeColumns, type Binning } from './binning.ts';
import { fitBoosting, forestContributions, forestLogit, type BoostingOptions, type Forest } from './boosting.ts';
import { applyPlatt, fitPlatt, type Platt } from './calibration.ts';
import { defaultEncoderOptions, encodeColumns, encodeInto, factorText, fitEncoder, type Encoder, type EncoderOptions } from './encoder.ts';
import { fitLogistic, linearContributions, linearLogit, type Linear } from './logistic.ts';
import { logLoss } from './metrics.ts';
import { seededRng, stratifiedFolds } from './random.ts';
import type { FeatureRecord, Prediction, PredictionFactor, TrainingExample } from './learner.types.ts';

export const MODEL_KIND = 'clew.lead-score.gbt-lr';
export const MODEL_VERSION = 1;

export interface ScoringModel {
  kind: typeof MODEL_KIND;
  version: typeof MODEL_VERSION;
  trainedOn: { examples: number; won: number; trees: number; blend: number };
  encoder: Encoder;
  binning: Binning;
  forest: Forest;
  linear: Linear;
  /** Weight of the trees' logit; the logistic regression gets the rest. */
  blend: number;
  calibration: Platt;
}

export interface TrainOptions {
  seed: number;
  /** Folds for cross-fitting; by default 5 below 2,000 examples, 3 above. */
  folds?: number;
  boosting?: Partial<BoostingOptions>;
  encoder?: Partial<EncoderOptions>;
  maxBins?: number;
}

const BLEND_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];

/** Defaults meant for any workspace's data, small or large; leaves grow a little stricter with more data. */
export function boostingDefaults(examples: number): BoostingOptions {
  return {
    learningRate: 0.1,
    maxIterations: 500,
    patience: 30,
    maxLeaves: 15,
    maxDepth: 6,
    minSamplesLeaf: Math.max(5, Math.min(20, Math.floor(examples / 50))),
    l2: 1,
    minGain: 1e-6,
    subsample: 0.8,
    colsample: 0.8,
  };
}

export function trainModel(examples: readonly TrainingExample[], options: TrainOptions): ScoringModel {
  const n = examples.length;
  const labels = Float64Array.from(examples, (example) => example.label);
  const won = labels.reduce((sum, label) => sum + label, 0);
  if (won === 0 || won === n) throw new Error('trainModel needs both won and lost examples');
  const rng = seededRng(options.seed);
  const records = examples.map((example) => example.features);
  const encoder = fitEncoder(records, { ...defaultEncoderOptions, ...options.encoder });
  const columns = encodeColumns(encoder, records);
  const all = Int32Array.from({ length: n }, (_, row) => row);
  const binning = fitBinning(columns, all, options.maxBins ?? 64);
  const data = { columns: treeColumns(encoder, columns, binning), labels };
  const k = options.folds ?? (n < 2000 ? 5 : 3);
  const fold = stratifiedFolds(labels, k, rng);
  const boosting = { ...boostingDefaults(Math.round((n * (k - 1)) / k)), ...options.boosting };

  const treeScores = new Float64Array(n);
  const linearScores = new Float64Array(n);
  let treeCount = 0;
  for (let f = 0; f < k; f++) {
    const train = all.filter((row) => fold[row] !== f);
    const valid = all.filter((row) => fold[row] === f);
    const fitted = fitBoosting(data, train, valid, boosting, rng);
    treeCount += fitted.iterations;
    for (const row of valid) treeScores[row] = fitted.logits[row]!;
    const linear = fitLogistic(columns, binning, labels, train);
    const row = new Float64Array(encoder.columnCount);
    for (const r of valid) {
      for (let c = 0; c < row.length; c++) row[c] = columns[c]![r]!;
      linearScores[r] = linearLogit(linear, binning, row);
    }
  }

  let best = { loss: Infinity, blend: 1, calibration: { slope: 1, intercept: 0 } as Platt };
  const blended = new Float64Array(n);
  const probabilities = new Float64Array(n);
  for (const blend of BLEND_WEIGHTS) {
    for (let i = 0; i < n; i++) blended[i] = blend * treeScores[i]! + (1 - blend) * linearScores[i]!;
    const calibration = fitPlatt(blended, labels);
    for (let i = 0; i < n; i++) probabilities[i] = applyPlatt(calibration, blended[i]!);
    const loss = logLoss(probabilities, labels);
    if (loss < best.loss - 1e-9) best = { loss, blend, calibration };
  }

  const trees = Math.max(1, Math.round(treeCount / k));
  const forest = fitBoosting(data, all, null, { ...boostingDefaults(n), ...options.boosting, maxIterations: trees }, rng).forest;
  const linear = fitLogistic(columns, binning, labels, all);
  return {
    kind: MODEL_KIND,
    version: MODEL_VERSION,
    trainedOn: { examples: n, won, trees, blend: best.blend },
    encoder,
    binning,
    forest,
    linear,
    blend: best.blend,
    calibration: best.calibration,
  };
}

/** Whether a stored value is a model this code can use (kind and version match). */
export function isScoringModel(value: unknown): value is ScoringModel {
  const model = value as Partial<ScoringModel> | null;
  return typeof model === 'object' && model !== null && model.kind === MODEL_KIND && model.version === MODEL_VERSION;
}

/** A factor group: one original feature, or one tag of a tags feature. */
interface Explained {
  probability: number;
  logit: number;
  groups: { feature: string; factor: string; logit: number }[];
}

export function explain(model: ScoringModel, record: FeatureRecord): Explained {
  const { encoder, binning, forest, linear, blend, calibration } = model;
  const row = new Float64Array(encoder.columnCount);
  encodeInto(encoder, record, row);
  const byColumn = new Float64Array(encoder.columnCount);
  const treeShare = new Float64Array(encoder.columnCount);
  let bias = 0;
  if (blend > 0) bias += blend * forestContributions(forest, row, treeShare);
  if (blend < 1) bias += (1 - blend) * linearContributions(linear, binning, row, byColumn);
  let logit = bias;
  for (let c = 0; c < byColumn.length; c++) {
    byColumn[c] = (1 - blend) * byColumn[c]! + blend * treeShare[c]!;
    logit += byColumn[c]!;
  }
  const groups: Explained['groups'] = [];
  for (const feature of encoder.features) {
    const value = record[feature.name];
    if (feature.kind === 'tags') {
      const present = new Set(Array.isArray(value) ? (value as readonly string[]) : []);
      feature.tags.forEach((tag, offset) => {
        const share = byColumn[feature.column + offset]!;
        if (share !== 0) groups.push({ feature: feature.name, factor: `${feature.name} ${present.has(tag) ? '∋' : '∌'} ${tag}`, logit: share });
      });
      continue;
    }
    const width = feature.kind === 'number' ? (feature.missingColumn === null ? 1 : 2) : feature.levels.length + (feature.otherColumn === null ? 0 : 1) + (feature.missingColumn === null ? 0 : 1);
    let share = 0;
    for (let c = feature.column; c < feature.column + width; c++) share += byColumn[c]!;
    if (share !== 0) groups.push({ feature: feature.name, factor: factorText(feature, value), logit: share });
  }
  return { probability: applyPlatt(calibration, logit), logit, groups };
}

/** The raw (uncalibrated) logit, for speed where factors are not needed. */
export function modelLogit(model: ScoringModel, row: Float64Array): number {
  let z = 0;
  if (model.blend > 0) z += model.blend * forestLogit(model.forest, row);
  if (model.blend < 1) z += (1 - model.blend) * linearLogit(model.linear, model.binning, row);
  return z;
}

/**
 * The calibrated win probability and the strongest factors either way (up to `perSide` each).
 * A factor's effect is how many percentage points the probability would fall (or rise) without it.
 */
export function predict(model: ScoringModel, record: FeatureRecord, perSide = 3): Prediction {
  const explained = explain(model, record);
  const { calibration } = model;
  const effects: PredictionFactor[] = explained.groups.map((group) => ({
    factor: group.factor,
    effect: Math.round(1000 * (explained.probability - applyPlatt(calibration, explained.logit - group.logit))) / 10,
  }));
  const strongest = (sign: number) =>
    effects
      .filter((effect) => Math.sign(effect.effect) === sign)
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
      .slice(0, perSide);
  const factors = [...strongest(1), ...strongest(-1)].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  return { probability: explained.probability, factors };
}
