import { z } from 'zod';
import { channelTypes } from '../../platform/db/schema.ts';
import { grades, urgencyLevels } from '../scoring/scoring.schemas.ts';

/**
 * What a policy times, each from its own start: assign (from arrival), firstTouch and firstNeedTags
 * (from arrival, seed 002's 5-30-120), solutionStart (from arrival), nextFollowUp (from the last touch).
 */
export const slaTargetNames = ['assign', 'firstTouch', 'firstNeedTags', 'solutionStart', 'nextFollowUp'] as const;
export type SlaTargetName = (typeof slaTargetNames)[number];

/** What happens when a target's deadline passes, in the order the ladder lists them. */
export const deadlineActions = ['notify_owner', 'escalate_manager', 'reclaim_to_pool', 'reassign_by_rules'] as const;
export type DeadlineAction = (typeof deadlineActions)[number];
export type LadderAction = 'remind' | DeadlineAction;

/** Thirty days: a target longer than that is not a response deadline. */
export const MAX_TARGET_SECONDS = 30 * 86_400;

export const slaTarget = z.strictObject({
  seconds: z.number().int().min(1).max(MAX_TARGET_SECONDS).meta({ description: 'How long, in seconds (3 is allowed)' }),
  businessTime: z
    .boolean()
    .default(true)
    .meta({ description: 'Count only the calendar’s working time (true) or every second (false)' }),
});
export type SlaTarget = z.infer<typeof slaTarget>;

/**
 * Reminders at fractions of the target (0.5: when half of it has passed) and what happens at the
 * deadline. Each step of the ladder happens once per target.
 */
export const breachLadder = z.strictObject({
  reminders: z
    .array(z.number().gt(0).lt(1))
    .max(5)
    .default([])
    .refine((fractions) => fractions.every((f, i) => i === 0 || fractions[i - 1]! < f), 'reminders must rise'),
  atDeadline: z
    .array(z.enum(deadlineActions))
    .max(deadlineActions.length)
    .default(['notify_owner'])
    .refine((actions) => new Set(actions).size === actions.length, 'an action may appear once'),
});
export type BreachLadder = z.infer<typeof breachLadder>;

const ids = z.array(z.string().min(1).max(64)).min(1).max(200);

/** Which leads a policy takes; an absent list matches any value, a given list requires one of its values. */
export const policyScope = z.strictObject({
  grades: z.array(z.enum(grades)).min(1).optional(),
  urgencies: z.array(z.enum(urgencyLevels)).min(1).optional(),
  channelTypes: z.array(z.enum(channelTypes)).min(1).optional(),
  channelIds: ids.optional(),
  teamIds: ids.optional(),
});
export type PolicyScope = z.infer<typeof policyScope>;

export const slaPolicy = z
  .strictObject({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    active: z.boolean().default(true),
    priority: z.number().int().min(0).max(1_000_000).meta({ description: 'Lower is tried first' }),
    when: policyScope.default({}),
    targets: z.partialRecord(z.enum(slaTargetNames), slaTarget),
    ladder: breachLadder.default({ reminders: [], atDeadline: ['notify_owner'] }),
    /** A target's own ladder, instead of the policy's. */
    ladders: z.partialRecord(z.enum(slaTargetNames), breachLadder).default({}),
    /** Tags that state a need (budget, timeline …); firstNeedTags is met when the lead carries `needTagsRequired` of them. Empty: any tag. */
    needTags: z.array(z.string().trim().min(1).max(50)).max(100).default([]),
    needTagsRequired: z.number().int().min(1).max(20).default(1),
  })
  .refine((policy) => Object.keys(policy.targets).length > 0, 'a policy needs at least one target');
export type SlaPolicy = z.infer<typeof slaPolicy>;

/** What policy choice reads of a lead. */
export interface SlaLead {
  grade: (typeof grades)[number];
  urgency: (typeof urgencyLevels)[number];
  channelType: (typeof channelTypes)[number] | null;
  channelId: string | null;
  teamId: string | null;
}

/** Activity types a lead's timeline records; all but `note` reach the person. */
export const activityTypes = ['call', 'wechat', 'email', 'visit', 'note'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const contactActivityTypes: ReadonlySet<ActivityType> = new Set(['call', 'wechat', 'email', 'visit']);

/** One deadline step: a reminder or a deadline action of one target, due at one instant. */
export interface PlannedStep {
  target: SlaTargetName;
  /** Stable within a plan: `firstTouch:remind:0.5`, `firstTouch:deadline:notify_owner`. */
  step: string;
  dueAt: Date;
  action: LadderAction;
  /** The target's deadline (for a reminder, the deadline it warns of). */
  deadline: Date;
}
