import type { FeatureRecord, Prediction } from './learner/learner.types.ts';
import { MODEL_KIND, predict, type ScoringModel } from './learner/model.ts';

/** A stored model (jsonb) as a prediction function; a model of another kind is refused, not guessed at. */
export function loadPredictor(stored: unknown): (record: FeatureRecord) => Prediction {
  const model = stored as ScoringModel;
  if (model?.kind !== MODEL_KIND) throw new Error(`Unknown model kind ${String(model?.kind)}`);
  return (record) => predict(model, record);
}
