import type { FeatureRecord, Prediction } from './learner/learner.types.ts';
import { isScoringModel, predict } from './learner/model.ts';

/** A stored model (jsonb) as a prediction function; a model of another kind or version is refused, not guessed at. */
export function loadPredictor(stored: unknown): (record: FeatureRecord) => Prediction {
  if (!isScoringModel(stored)) throw new Error('The stored model is of a kind this version of Clew cannot read');
  return (record) => predict(stored, record);
}
