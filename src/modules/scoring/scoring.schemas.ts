import { z } from 'zod';

export const ruleGroups = ['fit', 'engagement', 'bant'] as const;
export type RuleGroup = (typeof ruleGroups)[number];
export const urgencyLevels = ['normal', 'high', 'critical'] as const;
export type UrgencyLevel = (typeof urgencyLevels)[number];
export const grades = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof grades)[number];
export const scoringModes = ['rules', 'model', 'blend'] as const;
export type ScoringMode = (typeof scoringModes)[number];

export const fieldOperators = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'] as const;
export type FieldOperator = (typeof fieldOperators)[number];
export const numberOperators = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

export const fieldPath = z
  .string()
  .regex(/^(custom\.[a-z][a-z0-9_]{0,62}|utm\.(source|medium|campaign|term|content)|[a-zA-Z]{1,40})$/)
  .meta({ description: 'A lead field (source, channelType, city, tags, …), utm.<name> or custom.<name>' });

/** A lead field compared with a value; `tags` with `contains` asks for one tag. */
export const fieldCondition = z.strictObject({
  kind: z.literal('field'),
  field: fieldPath,
  op: z.enum(fieldOperators),
  value: z
    .union([z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(200)).max(100)])
    .optional()
    .meta({ description: 'Not needed for exists / missing; a list for in' }),
});

/** How often (count) or how much (sum of a numeric prop) a behaviour happened in the last days. */
export const behaviourCondition = z.strictObject({
  kind: z.literal('behaviour'),
  event: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/),
  measure: z.enum(['count', 'sum']),
  prop: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/)
    .optional()
    .meta({ description: 'The numeric prop summed, e.g. seconds of page_view' }),
  withinDays: z.number().int().min(1).max(3650),
  op: z.enum(numberOperators),
  value: z.number(),
});

/** A date carried by an event (trial_expiring's expiresAt) falls between now and the next hours. */
export const dueCondition = z.strictObject({
  kind: z.literal('due'),
  event: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/),
  prop: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/),
  withinHours: z.number().int().min(1).max(8760),
});

export const condition = z.discriminatedUnion('kind', [fieldCondition, behaviourCondition, dueCondition]);
export type Condition = z.infer<typeof condition>;

const ruleBase = {
  name: z.string().trim().min(1).max(100),
  when: z.array(condition).min(1).max(10).meta({ description: 'Every condition must hold' }),
  active: z.boolean().default(true),
};

export const pointRuleInput = z.strictObject({
  ...ruleBase,
  group: z.enum(ruleGroups),
  points: z.number().int().min(-100).max(100),
});
export const urgencyRuleInput = z.strictObject({ ...ruleBase, level: z.enum(['high', 'critical']) });
export type PointRuleInput = z.infer<typeof pointRuleInput>;
export type UrgencyRuleInput = z.infer<typeof urgencyRuleInput>;

export const scoringSettings = z
  .strictObject({
    /** The most a group adds up to; null for no cap. */
    caps: z.strictObject({
      fit: z.number().int().min(0).max(100).nullable(),
      engagement: z.number().int().min(0).max(100).nullable(),
      bant: z.number().int().min(0).max(100).nullable(),
    }),
    /** Engagement points halve with every so many days without activity; null: no decay. */
    halfLifeDays: z.number().int().min(1).max(365).nullable(),
    /** The least score of each grade; below C is D. */
    thresholds: z.strictObject({
      A: z.number().int().min(1).max(100),
      B: z.number().int().min(1).max(100),
      C: z.number().int().min(1).max(100),
    }),
    mode: z.enum(scoringModes),
    /** In blend mode, the model's share of the score (0..1). */
    blendWeight: z.number().min(0).max(1),
    /** Features known only after contact: the intake-time model leaves them out. */
    postContactFields: z.array(z.string().max(100)).max(200),
  })
  .refine((s) => s.thresholds.A > s.thresholds.B && s.thresholds.B > s.thresholds.C, {
    message: 'Thresholds must fall from A to C',
    path: ['thresholds'],
  });
export type ScoringSettings = z.infer<typeof scoringSettings>;

/** The whole rule set, saved at once (the editor holds a draft and saves it). */
export const scoringConfigBody = z.strictObject({
  pointRules: z.array(pointRuleInput).max(200),
  urgencyRules: z.array(urgencyRuleInput).max(100),
  settings: scoringSettings,
});
export type ScoringConfigBody = z.infer<typeof scoringConfigBody>;

export const scoreFactor = z.object({ factor: z.string(), effect: z.number() });
export type ScoreFactor = z.infer<typeof scoreFactor>;

export const scoringJobView = z.object({
  id: z.uuid(),
  reason: z.enum(['rules', 'model', 'manual']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});
export type ScoringJobView = z.infer<typeof scoringJobView>;

export const scoringConfigView = z.object({
  pointRules: z.array(pointRuleInput.extend({ id: z.uuid() })),
  urgencyRules: z.array(urgencyRuleInput.extend({ id: z.uuid() })),
  settings: scoringSettings,
  activeModelId: z.uuid().nullable(),
  lastJob: scoringJobView.nullable(),
});

export const previewResponse = z.object({
  /** Leads evaluated: all of them up to the sample size, else the most recent. */
  evaluated: z.number().int(),
  total: z.number().int(),
  changed: z.number().int(),
  transitions: z.array(z.object({ from: z.enum(grades), to: z.enum(grades), count: z.number().int() })),
  gradeCounts: z.object({ before: z.record(z.string(), z.number()), after: z.record(z.string(), z.number()) }),
  examples: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      company: z.string().nullable(),
      from: z.object({ score: z.number(), grade: z.enum(grades) }),
      to: z.object({ score: z.number(), grade: z.enum(grades) }),
      factors: z.array(scoreFactor),
    }),
  ),
});

export const trainModelBody = z.strictObject({
  exclude: z
    .array(z.string().max(100))
    .max(200)
    .optional()
    .meta({ description: 'Feature names left out, besides the post-contact fields' }),
});

export const modelStatuses = ['training', 'ready', 'failed'] as const;
export const modelView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(modelStatuses),
  active: z.boolean(),
  exclude: z.array(z.string()),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
  metrics: z
    .object({ auc: z.number(), brier: z.number(), nTrain: z.number().int(), nHoldout: z.number().int() })
    .catchall(z.unknown())
    .nullable(),
  features: z.array(z.object({ name: z.string(), importance: z.number() })),
  /** Ten bins of predicted probability on the hold-out: what was predicted and what happened. */
  calibration: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      meanPredicted: z.number().nullable(),
      observedRate: z.number().nullable(),
      count: z.number().int(),
    }),
  ),
  /** Hold-out leads in tenths by score, best first: their win rate, its lift over the base rate, and the share of wins captured so far. */
  lift: z.array(
    z.object({
      decile: z.number().int(),
      count: z.number().int(),
      winRate: z.number(),
      lift: z.number(),
      cumulativeCapture: z.number(),
    }),
  ),
});
export type ModelView = z.infer<typeof modelView>;
export const modelList = z.object({ items: z.array(modelView.omit({ calibration: true, lift: true })) });

export const readinessView = z.object({
  ready: z.boolean(),
  closed: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  reason: z.string(),
});

export const idParams = z.strictObject({ id: z.uuid() });
