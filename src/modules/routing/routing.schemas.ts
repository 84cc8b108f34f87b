import { z } from 'zod';
import { fieldPath } from '../scoring/scoring.schemas.ts';

export const conditionOperators = ['equals', 'in', 'contains', 'range', 'exists'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

/** How deep a condition tree may nest and how many nodes it may hold, so one rule cannot stall routing. */
export const MAX_CONDITION_DEPTH = 6;
export const MAX_CONDITION_NODES = 100;

const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export interface ConditionLeaf {
  field: string;
  op: ConditionOperator;
  value?: string | number | boolean | (string | number | boolean)[];
  min?: number;
  max?: number;
}
export type ConditionNode = ConditionLeaf | { all: ConditionNode[] } | { any: ConditionNode[] };

/** One test on a lead field (standard, `custom.x`, `utm.x`, channelType, tags, score, grade, urgency). */
export const conditionLeaf = z
  .strictObject({
    field: fieldPath,
    op: z.enum(conditionOperators),
    value: z
      .union([scalar, z.array(scalar).min(1).max(200)])
      .optional()
      .meta({ description: 'equals / contains: one value; in: a list; exists and range: none' }),
    min: z.number().optional().meta({ description: 'range: the lowest value that matches (inclusive)' }),
    max: z.number().optional().meta({ description: 'range: the highest value that matches (inclusive)' }),
  })
  .superRefine((leaf, ctx) => {
    const problem = leafProblem(leaf);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function leafProblem(leaf: ConditionLeaf): string | null {
  switch (leaf.op) {
    case 'equals':
    case 'contains':
      return leaf.value === undefined || Array.isArray(leaf.value) ? `${leaf.op} needs one value` : null;
    case 'in':
      return Array.isArray(leaf.value) ? null : 'in needs a list of values';
    case 'range':
      if (leaf.min === undefined && leaf.max === undefined) return 'range needs min, max or both';
      return leaf.min !== undefined && leaf.max !== undefined && leaf.min > leaf.max ? 'range min is above max' : null;
    default:
      return null;
  }
}

const conditionNodeShape: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionNodeShape).min(1).max(MAX_CONDITION_NODES) }),
    z.strictObject({ any: z.array(conditionNodeShape).min(1).max(MAX_CONDITION_NODES) }),
    conditionLeaf,
  ]),
);

/** Depth of the deepest leaf (a lone leaf is 1) and the number of nodes. */
export function conditionSize(node: ConditionNode): { depth: number; nodes: number } {
  const children = 'all' in node ? node.all : 'any' in node ? node.any : null;
  if (!children) return { depth: 1, nodes: 1 };
  let depth = 0;
  let nodes = 1;
  for (const child of children) {
    const size = conditionSize(child);
    depth = Math.max(depth, size.depth);
    nodes += size.nodes;
  }
  return { depth: depth + 1, nodes };
}

/** A whole condition tree: all / any nested over leaves, within the depth and size limits. */
export const conditionTree = conditionNodeShape.superRefine((node, ctx) => {
  const size = conditionSize(node);
  if (size.depth > MAX_CONDITION_DEPTH)
    ctx.addIssue({ code: 'custom', message: `conditions nest ${size.depth} deep; at most ${MAX_CONDITION_DEPTH}` });
  if (size.nodes > MAX_CONDITION_NODES)
    ctx.addIssue({ code: 'custom', message: `${size.nodes} conditions; at most ${MAX_CONDITION_NODES}` });
});

const id = z.string().min(1).max(64);

/** Where a matched rule sends a lead; `continue` lets the next rules decide. */
export const routingTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('team'), teamId: id }),
  z.strictObject({ kind: z.literal('user'), userId: id }),
  z.strictObject({ kind: z.literal('pool') }),
  z.strictObject({ kind: z.literal('continue') }),
]);
export type RoutingTarget = z.infer<typeof routingTarget>;
export type FinalTarget = Exclude<RoutingTarget, { kind: 'continue' }>;

export const routingRule = z.strictObject({
  id,
  name: z.string().trim().min(1).max(100),
  active: z.boolean().default(true),
  when: conditionTree,
  target: routingTarget,
});
export type RoutingRule = z.infer<typeof routingRule>;

export const MAX_RULES = 1000;

/** Ordered rules (first match wins) and where a lead goes when none matches. */
export const routingRuleSet = z.strictObject({
  rules: z
    .array(routingRule)
    .max(MAX_RULES)
    .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, 'rule ids must be unique'),
  defaultTarget: routingTarget.refine((target) => target.kind !== 'continue', 'the default cannot be continue'),
});
export type RoutingRuleSet = z.input<typeof routingRuleSet>;

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/** A working span on one weekday, in the rep's time zone; an end at or before the start runs past midnight. */
export const workingSpan = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((span) => span.start !== span.end, 'a span must not start and end at the same time');
export type WorkingSpan = z.infer<typeof workingSpan>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A rep's weekly working hours in their own IANA time zone (e.g. Asia/Shanghai). */
export const repCalendar = z.strictObject({
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone'),
  weekly: z.partialRecord(z.enum(weekdays), z.array(workingSpan).max(6)),
});
export type RepCalendar = z.infer<typeof repCalendar>;

export const strategyNames = ['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'] as const;
export type StrategyName = (typeof strategyNames)[number];

/** How much each part of a rep's fit counts in best-fit; any non-negative numbers, not necessarily adding to 1. */
export const bestFitWeights = z.strictObject({
  tags: z.number().min(0).max(100),
  conversion: z.number().min(0).max(100),
  load: z.number().min(0).max(100),
  response: z.number().min(0).max(100),
});
export type BestFitWeights = z.infer<typeof bestFitWeights>;
