// Shapes of /api/v1/scoring as the web UI uses them (src/modules/scoring/scoring.schemas.ts).

export const RULE_GROUPS = ['fit', 'engagement', 'bant'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];
export const URGENCY_LEVELS = ['normal', 'high', 'critical'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];
export const RAISED_URGENCY_LEVELS = ['high', 'critical'] as const;
export type RaisedUrgencyLevel = (typeof RAISED_URGENCY_LEVELS)[number];
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const SCORING_MODES = ['rules', 'model', 'blend'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

export const FIELD_OPERATORS = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];
export const NUMBER_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export type NumberOperator = (typeof NUMBER_OPERATORS)[number];

export type FieldValue = string | number | boolean | string[];

export interface FieldCondition {
  kind: 'field';
  /** A lead field, `utm.<name>` or `custom.<name>`. */
  field: string;
  op: FieldOperator;
  /** Absent for exists / missing; a list for `in`. */
  value?: FieldValue;
}

export interface BehaviourCondition {
  kind: 'behaviour';
  event: string;
  measure: 'count' | 'sum';
  /** The numeric prop summed (`seconds` of a page view). */
  prop?: string;
  withinDays: number;
  op: NumberOperator;
  value: number;
}

export interface DueCondition {
  kind: 'due';
  event: string;
  /** The event's date prop (`expiresAt` of trial_expiring). */
  prop: string;
  withinHours: number;
}

export type Condition = FieldCondition | BehaviourCondition | DueCondition;
export type ConditionKind = Condition['kind'];

interface RuleBase {
  name: string;
  /** Every condition must hold. */
  when: Condition[];
  active: boolean;
}

export interface PointRule extends RuleBase {
  group: RuleGroup;
  points: number;
}

export interface UrgencyRule extends RuleBase {
  level: RaisedUrgencyLevel;
}

export interface ScoringSettings {
  caps: Record<RuleGroup, number | null>;
  halfLifeDays: number | null;
  thresholds: { A: number; B: number; C: number };
  mode: ScoringMode;
  blendWeight: number;
  postContactFields: string[];
}

/** The whole rule set, as the editor holds it and saves it at once. */
export interface ScoringConfigBody {
  pointRules: PointRule[];
  urgencyRules: UrgencyRule[];
  settings: ScoringSettings;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ScoringJob {
  id: string;
  reason: 'rules' | 'model' | 'manual';
  status: JobStatus;
  total: number;
  processed: number;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface ScoringConfig {
  pointRules: (PointRule & { id: string })[];
  urgencyRules: (UrgencyRule & { id: string })[];
  settings: ScoringSettings;
  activeModelId: string | null;
  lastJob: ScoringJob | null;
}

export interface ScoreFactor {
  factor: string;
  /** Signed, in score points. */
  effect: number;
}

export interface ScoreAt {
  score: number;
  grade: Grade;
}

export interface ScoringPreview {
  evaluated: number;
  total: number;
  changed: number;
  transitions: { from: Grade; to: Grade; count: number }[];
  gradeCounts: { before: Partial<Record<Grade, number>>; after: Partial<Record<Grade, number>> };
  examples: {
    id: string;
    name: string;
    company: string | null;
    from: ScoreAt;
    to: ScoreAt;
    factors: ScoreFactor[];
  }[];
}

export interface Readiness {
  ready: boolean;
  closed: number;
  won: number;
  lost: number;
  /** Why the model can (not) be trained yet, in words. */
  reason: string;
}

export type FeatureKind = 'number' | 'category' | 'bool' | 'tags';

export interface ModelFeature {
  name: string;
  kind: FeatureKind;
}

export type ModelStatus = 'training' | 'ready' | 'failed';

export interface ModelMetrics {
  auc: number;
  brier: number;
  nTrain: number;
  nHoldout: number;
  logLoss?: number;
  /** Win rate of the training leads. */
  baseRate?: number;
  /** Win rate of the held-out leads. */
  holdoutBaseRate?: number;
  /** Brier of always predicting the base rate: what the model must beat. */
  brierBaseline?: number;
  /** How the held-out leads were chosen. */
  split?: 'time' | 'random' | 'given';
  [other: string]: unknown;
}

/** One bin of held-out leads by predicted probability (the learner's report, src/modules/scoring/learner/metrics.ts). */
export interface CalibrationBin {
  /** The bin's probability range, [from, to). */
  from: number;
  to: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
}

export interface LiftDecile {
  /** 1 = the tenth of held-out leads scored highest. */
  decile: number;
  count: number;
  winRate: number;
  /** Win rate over the overall base rate. */
  lift: number;
  /** Share of all wins found in this decile and those above it. */
  cumulativeCapture: number;
}

export interface ScoringModel {
  id: string;
  version: number;
  status: ModelStatus;
  active: boolean;
  exclude: string[];
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  metrics: ModelMetrics | null;
  features: { name: string; importance: number }[];
}

export interface ScoringModelReport extends ScoringModel {
  calibration: CalibrationBin[];
  lift: LiftDecile[];
}
