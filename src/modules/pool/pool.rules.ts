import { startOfLocalDay } from '../routing/routing-profile.rules.ts';
import { contactActivityTypes, type ActivityType } from '../sla/sla.schemas.ts';
import type { ClaimRefusal, PoolSettings, ProtectionPeriod, ReclaimReason } from './pool.schemas.ts';

/** A rep as the pool sees them when they claim. */
export interface PoolRep {
  id: string;
  active: boolean;
  teamIds: readonly string[];
  /** Leads the rep owns now: open ones and won ones. */
  held: { open: number; won: number };
}

/** What a claim reads of the lead. */
export interface PoolLead {
  inPool: boolean;
}

export interface ClaimHistory {
  /** When the rep claimed leads from any pool (at least the last day's and the latest). */
  repClaims: readonly Date[];
  /** Everyone who owned the lead before, with when they lost it (released or reclaimed). */
  formerOwners: readonly { userId: string; until: Date }[];
}

export type ClaimDecision = { ok: true } | { ok: false; reason: ClaimRefusal; retryAt?: Date };

const refuse = (reason: ClaimRefusal, retryAt?: Date): ClaimDecision =>
  retryAt ? { ok: false, reason, retryAt } : { ok: false, reason };

/** Whether the rep sees the pool: an admin of it, a rep of a team it is shown to, or anyone when shown to all. */
export function canSee(settings: PoolSettings, rep: Pick<PoolRep, 'id' | 'teamIds'>): boolean {
  if (settings.adminUserIds.includes(rep.id)) return true;
  if (settings.visibleTeamIds === null) return true;
  return rep.teamIds.some((teamId) => settings.visibleTeamIds!.includes(teamId));
}

/** The start of the local day after the one holding `now` (36 h on always lands in the next day, DST or not). */
function nextLocalMidnight(timeZone: string, now: Date): Date {
  const today = startOfLocalDay(timeZone, now);
  return startOfLocalDay(timeZone, new Date(today.getTime() + 36 * 3_600_000));
}

/**
 * Whether the rep may claim the lead now, or the first rule that stops them (with when to try again
 * where waiting helps). Checked in order: the lead, the rep, visibility, what they hold, today's
 * claims, the gap since their last claim, the cool-down on a lead that left them.
 */
export function canClaim(
  settings: PoolSettings,
  rep: PoolRep,
  lead: PoolLead,
  history: ClaimHistory,
  now: Date,
): ClaimDecision {
  if (!lead.inPool) return refuse('not_in_pool');
  if (!rep.active) return refuse('inactive');
  if (!canSee(settings, rep)) return refuse('not_visible');
  const nowMs = now.getTime();
  if (settings.maxHeld !== null) {
    const held = rep.held.open + (settings.countWon ? rep.held.won : 0);
    if (held >= settings.maxHeld) return refuse('max_held');
  }
  if (settings.claimsPerDay !== null) {
    const dayStart = startOfLocalDay(settings.timeZone, now).getTime();
    const today = history.repClaims.filter((at) => at.getTime() >= dayStart && at.getTime() <= nowMs).length;
    if (today >= settings.claimsPerDay) return refuse('daily_limit', nextLocalMidnight(settings.timeZone, now));
  }
  if (settings.minGapSeconds !== null && history.repClaims.length > 0) {
    const last = Math.max(...history.repClaims.map((at) => at.getTime()).filter((at) => at <= nowMs), -Infinity);
    const allowedAt = last + settings.minGapSeconds * 1000;
    if (allowedAt > nowMs) return refuse('too_soon', new Date(allowedAt));
  }
  if (settings.cooldownSeconds !== null) {
    const lostAt = history.formerOwners
      .filter((owner) => owner.userId === rep.id)
      .reduce((latest, owner) => Math.max(latest, owner.until.getTime()), -Infinity);
    const allowedAt = lostAt + settings.cooldownSeconds * 1000;
    if (allowedAt > nowMs) return refuse('cooling_down', new Date(allowedAt));
  }
  return { ok: true };
}

export interface FollowUp {
  type: ActivityType;
  at: Date;
}

function protectionEnd(period: ProtectionPeriod, assignedAt: Date, followUps: number): Date {
  const seconds = Math.min(period.baseSeconds + followUps * period.perActivitySeconds, period.capSeconds);
  return new Date(assignedAt.getTime() + seconds * 1000);
}

const followUpsSince = (assignedAt: Date, activities: readonly FollowUp[]) =>
  activities.filter((activity) => contactActivityTypes.has(activity.type) && activity.at >= assignedAt).length;

/**
 * When the owner's protection of a lead ends: the base period from the assignment, plus the
 * extension for each of the owner's contact activities since (a note does not extend it), never
 * past the cap. Null when the pool has no protection period.
 */
export function protectionUntil(
  settings: PoolSettings,
  assignedAt: Date,
  ownerActivities: readonly FollowUp[],
): Date | null {
  if (!settings.protection) return null;
  return protectionEnd(settings.protection, assignedAt, followUpsSince(assignedAt, ownerActivities));
}

/** What reclaim reads of an owned lead. Follow-ups and progress before the assignment belong to someone else. */
export interface HeldLead {
  ownerId: string | null;
  status: 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted' | 'won' | 'lost';
  assignedAt: Date;
  /** The owner's contact activities since the assignment. */
  followUps: number;
  lastFollowUpAt: Date | null;
  /** The last status change. */
  lastProgressAt: Date | null;
}

export interface ReclaimPlan {
  at: Date;
  reason: ReclaimReason;
  /** The time has come. */
  due: boolean;
}

const stillOpen: ReadonlySet<HeldLead['status']> = new Set(['new', 'contacted', 'qualified']);

/**
 * When the lead goes back to the pool, and why: the earliest of its protection ending, the
 * follow-up window passing and the progress window passing (on a tie, in that order). Null for a
 * lead nobody owns, a closed or converted lead, or a pool with none of these knobs.
 */
export function reclaimDue(settings: PoolSettings, lead: HeldLead, now: Date): ReclaimPlan | null {
  if (lead.ownerId === null || !stillOpen.has(lead.status)) return null;
  const assigned = lead.assignedAt.getTime();
  const since = (at: Date | null) => Math.max(assigned, at?.getTime() ?? assigned);
  const candidates: { at: number; reason: ReclaimReason }[] = [];
  if (settings.protection)
    candidates.push({
      at: protectionEnd(settings.protection, lead.assignedAt, lead.followUps).getTime(),
      reason: 'protection_expired',
    });
  if (settings.reclaimWithoutFollowUpSeconds !== null)
    candidates.push({
      at: since(lead.lastFollowUpAt) + settings.reclaimWithoutFollowUpSeconds * 1000,
      reason: 'no_follow_up',
    });
  if (settings.reclaimWithoutProgressSeconds !== null)
    candidates.push({
      at: since(lead.lastProgressAt) + settings.reclaimWithoutProgressSeconds * 1000,
      reason: 'no_progress',
    });
  let first: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) if (!first || candidate.at < first.at) first = candidate;
  if (!first) return null;
  return { at: new Date(first.at), reason: first.reason, due: first.at <= now.getTime() };
}

/** A phone number as a pool shows it before a claim: a mainland mobile as 138****5678, others alike. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  // +86 / 0086 before a mainland mobile is the country code, not part of the number shown.
  const mainland = /^(?:00)?86(1\d{10})$/.exec(digits);
  if (mainland) digits = mainland[1]!;
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 3) return `****${digits.slice(-2)}`;
  return '****';
}

/** An e-mail address as a pool shows it before a claim: its first letter and the domain (z***@example.com). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

/** Phone or e-mail, masked; null stays null. */
export function maskContact(value: string | null): string | null {
  if (value === null) return null;
  return value.includes('@') ? maskEmail(value) : maskPhone(value);
}
