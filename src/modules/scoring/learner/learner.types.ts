/**
 * The contract between the product and its learner. The learner knows nothing of leads: it
 * learns from named values. `features.rules.ts` turns a lead into such a record, the same way
 * for training, for scoring and for the offline evaluation.
 */

/** A number, a category, a yes/no, a set of tags, or missing. */
export type FeatureValue = number | string | boolean | readonly string[] | null | undefined;
export type FeatureRecord = Readonly<Record<string, FeatureValue>>;

export interface TrainingExample {
  features: FeatureRecord;
  /** 1 = won, 0 = lost. */
  label: 0 | 1;
  /** When the outcome was known (or the lead created); a time-based hold-out uses the latest. */
  at?: Date | null;
}

/** One factor of one prediction: positive raises the win probability, negative lowers it. */
export interface PredictionFactor {
  /** Readable: `source = 百度推广`, `custom.budget`, `tags ∋ 已报价`, `events.page_view.seconds`. */
  factor: string;
  /** The factor's effect in percentage points of win probability (signed, rounded to 0.1). */
  effect: number;
  /** The feature it comes from (`source`, `custom.budget`, `tags`), for a UI that words it itself. */
  feature?: string;
  /** The lead's value as text (`Google`, `5000`, `yes`, the tag), or null when missing. */
  value?: string | null;
}

export interface Prediction {
  /** Calibrated probability of winning, 0..1. */
  probability: number;
  /** The strongest factors either way, strongest first. */
  factors: PredictionFactor[];
}
