/**
 * The lead-scoring learner: pure, deterministic given a seed, no I/O.
 *
 * - `readiness(closed, won)`: may a model be trained yet, and why (or why not).
 * - `trainAndEvaluate(examples, { seed })`: production training — a hold-out report, and the
 *   model refitted on all the examples.
 * - `evaluateModel` / `trainModel`: the two halves on their own.
 * - `predict(model, features)`: calibrated win probability and the strongest factors either way.
 */
export type { FeatureRecord, FeatureValue, Prediction, PredictionFactor, TrainingExample } from './learner.types.ts';
export { isScoringModel, MODEL_KIND, MODEL_VERSION, predict, trainModel, type ScoringModel, type TrainOptions } from './model.ts';
export { evaluateModel, trainAndEvaluate, HOLDOUT_FRACTION, type Evaluation, type ModelReport } from './evaluate.ts';
export { readiness, MIN_CLOSED_LEADS, MIN_LOST_LEADS, MIN_WON_LEADS, type Readiness } from './readiness.ts';
export { auc, brier, type CalibrationBin, type LiftRow } from './metrics.ts';
