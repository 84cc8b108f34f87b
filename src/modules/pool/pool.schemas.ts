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

// The API's shapes.

const name = z.string().trim().min(1).max(100);

export const poolBody = z.strictObject({
  name,
  /** The team whose reclaimed and released leads it takes by default. */
  teamId: z.uuid().nullable().default(null),
  region: z.string().trim().min(1).max(100).nullable().default(null),
  /** The default pool of its team (or of the workspace, without a team). */
  isDefault: z.boolean().default(false),
  settings: poolSettings.default(poolSettings.parse({})),
});
export type PoolBody = z.infer<typeof poolBody>;

export const poolPatch = z.strictObject({
  name: name.optional(),
  teamId: z.uuid().nullable().optional(),
  region: z.string().trim().min(1).max(100).nullable().optional(),
  isDefault: z.boolean().optional(),
  /** Replaces the settings; knobs left out take their defaults. */
  settings: poolSettings.optional(),
});
export type PoolPatch = z.infer<typeof poolPatch>;

export const poolView = z.object({
  id: z.uuid(),
  name: z.string(),
  teamId: z.uuid().nullable(),
  region: z.string().nullable(),
  isDefault: z.boolean(),
  settings: poolSettings,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PoolView = z.infer<typeof poolView>;
export const poolList = z.object({ items: z.array(poolView) });

export const poolIdParams = z.strictObject({ poolId: z.uuid() });
export const poolLeadParams = z.strictObject({ poolId: z.uuid(), leadId: z.uuid() });

export const poolLeadsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** A lead waiting in a pool: enough to choose it, with phone and e-mail masked when the pool says so. */
export const poolLeadView = z.object({
  id: z.uuid(),
  name: z.string(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  source: z.string(),
  tags: z.array(z.string()),
  status: z.string(),
  grade: z.string(),
  score: z.number(),
  masked: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type PoolLeadView = z.infer<typeof poolLeadView>;
export const poolLeadList = z.object({ items: z.array(poolLeadView) });

export const releaseBody = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  /** Where it goes; by default the team's default pool, else the workspace's. */
  poolId: z.uuid().optional(),
});
export type ReleaseBody = z.infer<typeof releaseBody>;

export const assignBody = z.strictObject({ userId: z.uuid() });

/** What a claim, a release or an assignment answers: the lead's owner and pool now. */
export const poolMoveView = z.object({
  leadId: z.uuid(),
  poolId: z.uuid(),
  ownerId: z.uuid().nullable(),
  move: z.enum(['claim', 'release', 'assign', 'reclaim']),
  at: z.iso.datetime(),
  /** When the claimed lead goes back to the pool unless followed up (null: no reclaim knob). */
  reclaimAt: z.iso.datetime().nullable(),
});
export type PoolMoveView = z.infer<typeof poolMoveView>;
