import type { BusinessCalendar } from './business-calendar.schemas.ts';
import { addBusinessTime } from './business-time.rules.ts';
import {
  contactActivityTypes,
  slaTargetNames,
  type ActivityType,
  type PlannedStep,
  type PolicyScope,
  type SlaLead,
  type SlaPolicy,
  type SlaTargetName,
} from './sla.schemas.ts';

function inScope(scope: PolicyScope, lead: SlaLead): boolean {
  const allows = <T>(list: readonly T[] | undefined, value: T | null) =>
    list === undefined || (value !== null && list.includes(value));
  return (
    allows(scope.grades, lead.grade) &&
    allows(scope.urgencies, lead.urgency) &&
    allows(scope.channelTypes, lead.channelType) &&
    allows(scope.channelIds, lead.channelId) &&
    allows(scope.teamIds, lead.teamId)
  );
}

/** The first active policy whose scope takes the lead, by priority (lowest first; ties by id), or null. */
export function choosePolicy(policies: readonly SlaPolicy[], lead: SlaLead): SlaPolicy | null {
  let chosen: SlaPolicy | null = null;
  for (const policy of policies) {
    if (!policy.active || !inScope(policy.when, lead)) continue;
    if (!chosen || policy.priority < chosen.priority || (policy.priority === chosen.priority && policy.id < chosen.id))
      chosen = policy;
  }
  return chosen;
}

const targetOrder = new Map(slaTargetNames.map((name, index) => [name, index]));

export interface PlanOptions {
  /** When a target's clock starts, if not at `startedAt` (nextFollowUp: the last touch). */
  startsAt?: Partial<Record<SlaTargetName, Date>>;
  /** Only these targets (e.g. the ones not met yet); all of the policy's when absent. */
  targets?: readonly SlaTargetName[];
}

/**
 * Every step of the policy's ladders, in the order they fall due: by due time, then target order,
 * then each ladder's own order (reminders, then deadline actions as listed). A reminder at 0.5 of a
 * business-time target is due when half of the target's business time has passed. A null calendar
 * counts business-time targets around the clock.
 */
export function planDeadlines(
  policy: SlaPolicy,
  calendar: BusinessCalendar | null,
  startedAt: Date,
  options: PlanOptions = {},
): PlannedStep[] {
  const wanted = options.targets ? new Set(options.targets) : null;
  const steps: { step: PlannedStep; order: number }[] = [];
  for (const target of slaTargetNames) {
    const spec = policy.targets[target];
    if (!spec || (wanted && !wanted.has(target))) continue;
    const start = options.startsAt?.[target] ?? startedAt;
    const after = (seconds: number) =>
      spec.businessTime && calendar
        ? addBusinessTime(calendar, start, seconds)
        : new Date(start.getTime() + Math.round(seconds * 1000));
    const deadline = after(spec.seconds);
    const ladder = policy.ladders[target] ?? policy.ladder;
    let order = targetOrder.get(target)! * 100;
    for (const fraction of ladder.reminders) {
      steps.push({
        step: {
          target,
          step: `${target}:remind:${fraction}`,
          dueAt: after(spec.seconds * fraction),
          action: 'remind',
          deadline,
        },
        order: order++,
      });
    }
    for (const action of ladder.atDeadline) {
      steps.push({
        step: { target, step: `${target}:deadline:${action}`, dueAt: deadline, action, deadline },
        order: order++,
      });
    }
  }
  steps.sort((a, b) => a.step.dueAt.getTime() - b.step.dueAt.getTime() || a.order - b.order);
  return steps.map(({ step }) => step);
}

const asSet = <T>(values: Iterable<T>): ReadonlySet<T> => (values instanceof Set ? values : new Set(values));

/** Steps still to happen: not done, and their target not met. */
export function pendingSteps(
  plan: readonly PlannedStep[],
  done: Iterable<string>,
  met: Iterable<SlaTargetName> = [],
): PlannedStep[] {
  const doneSteps = asSet(done);
  const metTargets = asSet(met);
  return plan.filter((step) => !doneSteps.has(step.step) && !metTargets.has(step.target));
}

/** The step to happen next, or null when the ladder is finished (or every target met). */
export function nextStep(
  plan: readonly PlannedStep[],
  done: Iterable<string>,
  met: Iterable<SlaTargetName> = [],
): PlannedStep | null {
  return pendingSteps(plan, done, met)[0] ?? null;
}

/** Steps due at `now` that have not happened, in order; a worker that was down catches up on all of them. */
export function dueSteps(
  plan: readonly PlannedStep[],
  done: Iterable<string>,
  met: Iterable<SlaTargetName>,
  now: Date,
): PlannedStep[] {
  return pendingSteps(plan, done, met).filter((step) => step.dueAt.getTime() <= now.getTime());
}

export interface ActivityFact {
  type: ActivityType;
  actorId: string;
  at: Date;
}

/** What target checks read of a lead. */
export interface LeadProgress {
  ownerId: string | null;
  status: 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted' | 'won' | 'lost';
  tags: readonly string[];
  activities: readonly ActivityFact[];
}

const closedStatuses: ReadonlySet<LeadProgress['status']> = new Set(['unqualified', 'won', 'lost']);
const solutionStatuses: ReadonlySet<LeadProgress['status']> = new Set(['qualified', 'converted', 'won']);

/** A contact-type activity (call, WeChat, e-mail, visit; never a note) by the current owner in the window. */
function ownerContacted(lead: LeadProgress, after: Date, inclusive: boolean): boolean {
  if (lead.ownerId === null) return false;
  const from = after.getTime();
  return lead.activities.some(
    (activity) =>
      activity.actorId === lead.ownerId &&
      contactActivityTypes.has(activity.type) &&
      (inclusive ? activity.at.getTime() >= from : activity.at.getTime() > from),
  );
}

function hasNeedTags(policy: SlaPolicy, tags: readonly string[]): boolean {
  if (policy.needTags.length === 0) return tags.length >= policy.needTagsRequired;
  const wanted = new Set(policy.needTags.map((tag) => tag.toLowerCase()));
  const present = new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => wanted.has(tag)));
  return present.size >= policy.needTagsRequired;
}

/**
 * Whether a target is met. `since` is when its clock started: a touch must come at or after it
 * (for nextFollowUp, after the touch that started it). A lead that is closed (won, lost,
 * unqualified) has nothing left to chase, so every target counts as met.
 */
export function isTargetMet(target: SlaTargetName, policy: SlaPolicy, lead: LeadProgress, since: Date): boolean {
  if (closedStatuses.has(lead.status)) return true;
  switch (target) {
    case 'assign':
      return lead.ownerId !== null;
    case 'firstTouch':
      return ownerContacted(lead, since, true);
    case 'nextFollowUp':
      return ownerContacted(lead, since, false);
    case 'firstNeedTags':
      return hasNeedTags(policy, lead.tags);
    case 'solutionStart':
      return solutionStatuses.has(lead.status);
  }
}

/** The policy's targets that are met, each read from its own start. */
export function metTargets(
  policy: SlaPolicy,
  lead: LeadProgress,
  startedAt: Date,
  startsAt: Partial<Record<SlaTargetName, Date>> = {},
): SlaTargetName[] {
  return slaTargetNames.filter(
    (target) => policy.targets[target] && isTargetMet(target, policy, lead, startsAt[target] ?? startedAt),
  );
}
