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

export const affinityPolicies = ['owner', 'flag', 'off'] as const;

// ---- HTTP shapes ----

export const versionParams = z.object({ version: z.coerce.number().int().min(1) });

export const ruleSetBody = z.strictObject({
  rules: routingRuleSet.shape.rules,
  defaultTarget: routingRuleSet.shape.defaultTarget,
  affinity: z.enum(affinityPolicies).default('owner'),
  note: z.string().trim().max(500).nullable().optional(),
});
export type RuleSetBody = z.infer<typeof ruleSetBody>;

export const newRuleSetBody = z.strictObject({
  from: z.number().int().min(0).optional().meta({ description: 'The version to copy; the published one if absent' }),
});

const ruleSetStatus = z.enum(['draft', 'published', 'retired']);

export const ruleSetSummary = z.object({
  version: z.number().int(),
  status: ruleSetStatus,
  note: z.string().nullable(),
  ruleCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});

export const ruleSetView = ruleSetSummary.omit({ ruleCount: true }).extend({
  rules: z.array(routingRule),
  defaultTarget: routingTarget,
  affinity: z.enum(affinityPolicies),
});
export type RuleSetView = z.infer<typeof ruleSetView>;

export const ruleSetList = z.object({ items: z.array(ruleSetSummary) });

export const candidateView = z.object({
  userId: z.string(),
  score: z.number(),
  excluded: z.string().optional(),
});

/** Why a lead has its owner: the `/leads/:id/assignment` shape (its first five keys are a fixed interface). */
export const assignmentView = z.object({
  ruleSetVersion: z.number().int().nullable(),
  ruleId: z.string().nullable(),
  strategy: z.string().nullable(),
  chosenUserId: z.string().nullable(),
  candidates: z.array(candidateView),
  kind: z.enum(['rules', 'affinity', 'manual', 'transfer', 'handover']),
  teamId: z.string().nullable(),
  previousOwnerId: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  assignedAt: z.iso.datetime(),
});
export type AssignmentView = z.infer<typeof assignmentView>;

export const assignmentList = z.object({ items: z.array(assignmentView) });

const reason = z.string().trim().min(1).max(500);

export const reassignBody = z.strictObject({ userId: z.uuid(), reason });

export const transferBody = z.strictObject({
  leadIds: z.array(z.uuid()).min(1).max(1000),
  toUserId: z.uuid(),
  reason,
});

export const handOverBody = z.strictObject({
  reason,
  deactivate: z.boolean().default(true).meta({ description: 'Also mark the rep inactive (they are leaving)' }),
});

export const movedView = z.object({ moved: z.number().int(), toPool: z.number().int() });

export const userRoutingBody = z
  .strictObject({
    skills: z.array(z.string().trim().min(1).max(50)).max(50),
    capacity: z.number().int().min(0).max(100_000).nullable(),
    maxNewPerDay: z.number().int().min(0).max(10_000).nullable(),
    calendar: repCalendar.nullable(),
    onLeave: z.boolean(),
    active: z.boolean(),
    routingWeight: z.number().min(0).max(100),
    teamId: z.uuid().nullable(),
    /** Business hours for deadlines of leads they own; null: their team's. */
    businessCalendarId: z.uuid().nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change' });
export type UserRoutingBody = z.infer<typeof userRoutingBody>;

export const teamRoutingBody = z
  .strictObject({
    routingStrategy: z.enum(strategyNames),
    allowOffHours: z.boolean(),
    defaultCapacity: z.number().int().min(0).max(100_000).nullable(),
    bestFit: z
      .strictObject({
        weights: bestFitWeights,
        segmentField: fieldPath,
        matchFields: z.array(fieldPath).max(20),
      })
      .nullable(),
    /** Business hours for its reps' deadlines; null: the parent team's, else the workspace default. */
    businessCalendarId: z.uuid().nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change' });
export type TeamRoutingBody = z.infer<typeof teamRoutingBody>;
