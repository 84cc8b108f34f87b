import { z } from 'zod';
import { timeZoneName } from '../sla/business-calendar.schemas.ts';

const DAY_SECONDS = 86_400;
const seconds = (max: number) => z.number().int().min(1).max(max);
const ids = z.array(z.string().min(1).max(64)).max(500);

/**
 * How long an owner keeps a claimed lead: a base period, extended by each follow-up, never past a
 * cap (e.g. 10 days, +3 per follow-up, at most 20). Null in pool settings: no protection period.
 */
export const protectionPeriod = z
  .strictObject({
    baseSeconds: seconds(365 * DAY_SECONDS),
    perActivitySeconds: z
      .number()
      .int()
      .min(0)
      .max(365 * DAY_SECONDS)
      .default(0),
    capSeconds: seconds(365 * DAY_SECONDS),
  })
  .refine((period) => period.capSeconds >= period.baseSeconds, 'the cap must be at least the base period');
export type ProtectionPeriod = z.infer<typeof protectionPeriod>;

/**
 * One public pool (公海) and its knobs. Durations are in seconds (the interface shows days); a null
 * knob is off.
 */
export const poolSettings = z.strictObject({
  /** Teams whose reps see and claim from the pool; null: every team. Pool admins always see it. */
  visibleTeamIds: ids.nullable().default(null),
  adminUserIds: ids.default([]),
  /** The zone whose midnight starts a rep's "day" for claimsPerDay. */
  timeZone: timeZoneName.default('Asia/Shanghai'),
  claimsPerDay: z.number().int().min(1).max(10_000).nullable().default(null),
  /** Most leads a rep may hold (open ones, and won ones when countWon). */
  maxHeld: z.number().int().min(1).max(100_000).nullable().default(null),
  countWon: z.boolean().default(false),
  /** Least time between two claims by one rep. */
  minGapSeconds: seconds(7 * DAY_SECONDS)
    .nullable()
    .default(null),
  /** How long a former owner must wait before claiming a lead that left them. */
  cooldownSeconds: seconds(365 * DAY_SECONDS)
    .nullable()
    .default(null),
  protection: protectionPeriod.nullable().default(null),
  /** Back to the pool after this long without a follow-up by the owner. */
  reclaimWithoutFollowUpSeconds: seconds(365 * DAY_SECONDS)
    .nullable()
    .default(null),
  /** Back to the pool after this long without progress (a status change). */
  reclaimWithoutProgressSeconds: seconds(365 * DAY_SECONDS)
    .nullable()
    .default(null),
  /** Hide phone and e-mail of leads in the pool until someone claims them. */
  maskContacts: z.boolean().default(true),
});
export type PoolSettings = z.infer<typeof poolSettings>;

/** Why a claim is refused; stable codes the API and the interface translate. */
export const claimRefusals = [
  'not_in_pool',
  'not_visible',
  'inactive',
  'daily_limit',
  'max_held',
  'too_soon',
  'cooling_down',
] as const;
export type ClaimRefusal = (typeof claimRefusals)[number];

export const reclaimReasons = ['protection_expired', 'no_follow_up', 'no_progress'] as const;
export type ReclaimReason = (typeof reclaimReasons)[number];
