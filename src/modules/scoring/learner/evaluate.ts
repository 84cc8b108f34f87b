/**
 * Honest evaluation: the model is trained on one part of the closed leads and judged on the rest
 * (the latest ones when the examples are dated, otherwise a seeded stratified fifth). The report
 * is plain JSON: the figures, the calibration table, lift by decile and feature importance.
 */
import { auc, brier, calibrationTable, liftByDecile, logLoss, type CalibrationBin, type LiftRow } from './metrics.ts';
import { explain, trainModel, type ScoringModel, type TrainOptions } from './model.ts';
import { holdoutSplit, seededRng } from './random.ts';
import type { TrainingExample } from './learner.types.ts';

export const HOLDOUT_FRACTION = 0.2;

export interface ModelReport {
  metrics: {
    auc: number;
    brier: number;
    logLoss: number;
    nTrain: number;
    nHoldout: number;
    /** Win rate in the training part and in the hold-out. */
    baseRate: number;
    holdoutBaseRate: number;
    /** Brier of always predicting the training base rate, for comparison. */
    brierBaseline: number;
    split: 'time' | 'random';
  };
  calibration: CalibrationBin[];
  lift: LiftRow[];
  /** Mean absolute effect on the log-odds over the hold-out, per original feature, summing to 1. */
  features: { name: string; importance: number }[];
}

export interface Evaluation {
  report: ModelReport;
  /** The model trained on the training part only (the one the report judges). */
  model: ScoringModel;
}

export function evaluateModel(examples: readonly TrainingExample[], options: TrainOptions): Evaluation {
  const labels = examples.map((example) => example.label);
  const split = holdoutSplit(
    labels,
    examples.map((example) => example.at),
    HOLDOUT_FRACTION,
    seededRng(options.seed ^ 0x5eed),
  );
  const train = split.train.map((row) => examples[row]!);
  const holdout = split.holdout.map((row) => examples[row]!);
  const model = trainModel(train, options);
  const probabilities: number[] = [];
  const outcomes: number[] = [];
  const importance = new Map<string, number>();
  for (const example of holdout) {
    const explained = explain(model, example.features);
    probabilities.push(explained.probability);
    outcomes.push(example.label);
    for (const group of explained.groups) importance.set(group.feature, (importance.get(group.feature) ?? 0) + Math.abs(group.logit));
  }
  const total = [...importance.values()].reduce((sum, value) => sum + value, 0) || 1;
  const baseRate = train.reduce((sum, example) => sum + example.label, 0) / train.length;
  return {
    model,
    report: {
      metrics: {
        auc: auc(probabilities, outcomes),
        brier: brier(probabilities, outcomes),
        logLoss: logLoss(probabilities, outcomes),
        nTrain: train.length,
        nHoldout: holdout.length,
        baseRate,
        holdoutBaseRate: outcomes.reduce((sum, label) => sum + label, 0) / outcomes.length,
        brierBaseline: brier(
          outcomes.map(() => baseRate),
          outcomes,
        ),
        split: split.kind,
      },
      calibration: calibrationTable(probabilities, outcomes),
      lift: liftByDecile(probabilities, outcomes),
      features: [...importance]
        .map(([name, value]) => ({ name, importance: value / total }))
        .sort((a, b) => b.importance - a.importance),
    },
  };
}

/**
 * What production training does: the report comes from the hold-out evaluation, and the model
 * kept is refitted on every closed lead, so the newest outcomes count too.
 */
export function trainAndEvaluate(examples: readonly TrainingExample[], options: TrainOptions): Evaluation {
  const { report } = evaluateModel(examples, options);
  return { report, model: trainModel(examples, options) };
}
