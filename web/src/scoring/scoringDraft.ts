import { z } from 'zod';
import type { MessageKey } from '../i18n/zh-CN';
import {
  FIELD_OPERATORS,
  NUMBER_OPERATORS,
  RAISED_URGENCY_LEVELS,
  RULE_GROUPS,
  SCORING_MODES,
  type Condition,
  type PointRule,
  type ScoringConfig,
  type ScoringConfigBody,
  type ScoringSettings,
  type UrgencyRule,
} from './scoring.types';

// The rule set's limits, as the server checks them (src/modules/scoring/scoring.schemas.ts). Checked
// here as well so the editor can say which input is wrong, and never sends a draft the server refuses.
// Every message is a dictionary key; the editor translates it.

type Issue = { error: MessageKey };
const say = (key: MessageKey): Issue => ({ error: key });

const FIELD_PATH = /^(custom\.[a-z][a-z0-9_]{0,62}|utm\.(source|medium|campaign|term|content)|[a-zA-Z]{1,40})$/;
const EVENT_NAME = /^[a-z][a-z0-9_.]{0,63}$/;
const PROP_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;

const wholeNumber = (min: number, max: number, key: MessageKey) =>
  z.number(say(key)).int(say(key)).min(min, say(key)).max(max, say(key));

const NUMERIC_OPERATORS: readonly string[] = ['gt', 'gte', 'lt', 'lte'];

const fieldCondition = z
  .object({
    kind: z.literal('field'),
    field: z.string(say('scoring.invalid.field')).regex(FIELD_PATH, say('scoring.invalid.field')),
    op: z.enum(FIELD_OPERATORS, say('scoring.invalid.operator')),
    value: z
      .union(
        [z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(200)).max(100)],
        say('scoring.invalid.value'),
      )
      .optional(),
  })
  .superRefine((condition, context) => {
    const { op, value } = condition;
    const problem = (key: MessageKey) => context.addIssue({ code: 'custom', path: ['value'], message: key });
    if (op === 'exists' || op === 'missing') return;
    if (op === 'in') {
      if (!Array.isArray(value) || value.length === 0) problem('scoring.invalid.values');
    } else if (NUMERIC_OPERATORS.includes(op)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problem('scoring.invalid.number');
    } else if (value === undefined || Array.isArray(value) || (typeof value === 'string' && value.trim() === '')) {
      problem('scoring.invalid.value');
    }
  });

const behaviourCondition = z
  .object({
    kind: z.literal('behaviour'),
    event: z.string(say('scoring.invalid.event')).regex(EVENT_NAME, say('scoring.invalid.event')),
    measure: z.enum(['count', 'sum']),
    prop: z.string().regex(PROP_NAME, say('scoring.invalid.prop')).optional(),
    withinDays: wholeNumber(1, 3650, 'scoring.invalid.withinDays'),
    op: z.enum(NUMBER_OPERATORS, say('scoring.invalid.operator')),
    value: z.number(say('scoring.invalid.number')),
  })
  .refine((condition) => condition.measure === 'count' || condition.prop !== undefined, {
    path: ['prop'],
    message: 'scoring.invalid.prop',
  });

const dueCondition = z.object({
  kind: z.literal('due'),
  event: z.string(say('scoring.invalid.event')).regex(EVENT_NAME, say('scoring.invalid.event')),
  prop: z.string(say('scoring.invalid.prop')).regex(PROP_NAME, say('scoring.invalid.prop')),
  withinHours: wholeNumber(1, 8760, 'scoring.invalid.withinHours'),
});

const condition = z.discriminatedUnion('kind', [fieldCondition, behaviourCondition, dueCondition]);

const ruleBase = {
  name: z.string().trim().min(1, say('scoring.invalid.name')).max(100, say('scoring.invalid.name')),
  when: z.array(condition).min(1, say('scoring.invalid.noCondition')).max(10, say('scoring.invalid.tooManyConditions')),
  active: z.boolean(),
};

export const pointRuleSchema = z.object({
  ...ruleBase,
  group: z.enum(RULE_GROUPS),
  points: wholeNumber(-100, 100, 'scoring.invalid.points'),
});

export const urgencyRuleSchema = z.object({ ...ruleBase, level: z.enum(RAISED_URGENCY_LEVELS) });

const cap = wholeNumber(0, 100, 'scoring.invalid.cap').nullable();
const threshold = wholeNumber(1, 100, 'scoring.invalid.threshold');

export const settingsSchema = z
  .object({
    caps: z.object({ fit: cap, engagement: cap, bant: cap }),
    halfLifeDays: wholeNumber(1, 365, 'scoring.invalid.halfLife').nullable(),
    thresholds: z.object({ A: threshold, B: threshold, C: threshold }),
    mode: z.enum(SCORING_MODES),
    blendWeight: z.number().min(0).max(1),
    postContactFields: z.array(z.string().max(100)).max(200),
  })
  .refine((s) => s.thresholds.A > s.thresholds.B && s.thresholds.B > s.thresholds.C, {
    path: ['thresholds'],
    message: 'scoring.invalid.thresholdOrder',
  });

/** Problems by path (`when.0.value`, `thresholds.A`…), the first one per path. */
export type Problems = Record<string, MessageKey>;

function problemsOf(result: z.ZodSafeParseResult<unknown>): Problems {
  const problems: Problems = {};
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    problems[path] ??= (issue.message.startsWith('scoring.') ? issue.message : 'scoring.invalid.generic') as MessageKey;
  }
  return problems;
}

export const pointRuleProblems = (rule: PointRule) => problemsOf(pointRuleSchema.safeParse(rule));
export const urgencyRuleProblems = (rule: UrgencyRule) => problemsOf(urgencyRuleSchema.safeParse(rule));
export const settingsProblems = (settings: ScoringSettings) => problemsOf(settingsSchema.safeParse(settings));

const draftSchema = z.object({
  pointRules: z.array(pointRuleSchema).max(200, say('scoring.invalid.tooManyRules')),
  urgencyRules: z.array(urgencyRuleSchema).max(100, say('scoring.invalid.tooManyRules')),
  settings: settingsSchema,
});

/** The draft as the server takes it (names trimmed), or null while any of it is invalid. */
export function sendableDraft(draft: ScoringConfigBody): ScoringConfigBody | null {
  const parsed = draftSchema.safeParse(draft);
  return parsed.success ? (parsed.data as ScoringConfigBody) : null;
}

/** The saved configuration as an editable draft: the ids are the server's, not part of the body. */
export function draftFrom(config: ScoringConfig): ScoringConfigBody {
  return {
    pointRules: config.pointRules.map(({ id: _id, ...rule }) => rule),
    urgencyRules: config.urgencyRules.map(({ id: _id, ...rule }) => rule),
    settings: config.settings,
  };
}

export function newCondition(kind: Condition['kind']): Condition {
  switch (kind) {
    case 'field':
      return { kind, field: 'source', op: 'eq', value: '' };
    case 'behaviour':
      return { kind, event: 'page_view', measure: 'sum', prop: 'seconds', withinDays: 7, op: 'gt', value: 180 };
    case 'due':
      return { kind, event: 'trial_expiring', prop: 'expiresAt', withinHours: 48 };
  }
}

export const newPointRule = (): PointRule => ({
  name: '',
  group: 'fit',
  points: 10,
  active: true,
  when: [newCondition('field')],
});

export const newUrgencyRule = (): UrgencyRule => ({
  name: '',
  level: 'high',
  active: true,
  when: [newCondition('due')],
});
