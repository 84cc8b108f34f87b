import type { leadDeadlines } from '../../platform/db/schema.ts';
import { choosePolicy, planDeadlines } from './sla-ladder.rules.ts';
import type { BusinessCalendar } from './business-calendar.schemas.ts';
import { channelTypes } from '../../platform/db/schema.ts';
import type { SlaLead, SlaPolicy, SlaTargetName } from './sla.schemas.ts';

export type DeadlineRow = typeof leadDeadlines.$inferInsert & { id: string };

/** A lead just dealt (or dealt again): what policy choice reads, and the owner it now has. */
export interface DealtLead {
  id: string;
  grade: SlaLead['grade'];
  urgency: SlaLead['urgency'];
  channelType?: string | null | undefined;
  channelId?: string | null | undefined;
  teamId: string | null;
  ownerId: string | null;
}

/** What a lead row shows of its plan: the next pending step. */
export interface LeadSla {
  slaDueAt: Date | null;
  slaStep: string | null;
}

export const noSla: LeadSla = { slaDueAt: null, slaStep: null };

const knownChannelTypes: ReadonlySet<string> = new Set(channelTypes);

/**
 * The targets a fresh plan times. With an owner: every target but `assign` (met) and
 * `nextFollowUp` (it starts at a touch). Without one: `assign` alone — nobody can touch it yet.
 */
export function targetsOnAssignment(policy: SlaPolicy, owned: boolean): SlaTargetName[] {
  const targets = Object.keys(policy.targets) as SlaTargetName[];
  return owned ? targets.filter((t) => t !== 'assign' && t !== 'nextFollowUp') : targets.filter((t) => t === 'assign');
}

/** Rows of one plan: one per step, in the ladder's order. */
export function planRows(
  workspaceId: string,
  leadId: string,
  ownerId: string | null,
  policy: SlaPolicy,
  calendar: BusinessCalendar | null,
  startedAt: Date,
  targets: readonly SlaTargetName[],
  now: Date,
  newId: () => string,
): DeadlineRow[] {
  if (targets.length === 0) return [];
  const planId = newId();
  return planDeadlines(policy, calendar, startedAt, { targets }).map((step, position) => ({
    id: newId(),
    workspaceId,
    leadId,
    planId,
    policyId: policy.id,
    ownerId,
    target: step.target,
    step: step.step,
    action: step.action,
    position,
    startedAt,
    deadline: step.deadline,
    dueAt: step.dueAt,
    state: 'pending',
    attempts: 0,
    createdAt: now,
  }));
}

/**
 * Deadlines for leads routing has just dealt, each by the first policy that takes it, counted
 * from now. Business-time targets count in `calendarOf`'s calendar (calendar-choice.rules.ts:
 * owner's, team's, workspace default); null counts around the clock.
 */
export function planDealtLeads(
  policies: readonly SlaPolicy[],
  workspaceId: string,
  leads: readonly DealtLead[],
  now: Date,
  newId: () => string,
  calendarOf: (lead: DealtLead) => BusinessCalendar | null = () => null,
): { rows: DeadlineRow[]; sla: Map<string, LeadSla> } {
  const rows: DeadlineRow[] = [];
  const sla = new Map<string, LeadSla>();
  if (policies.length === 0) return { rows, sla };
  for (const lead of leads) {
    const channelType = lead.channelType && knownChannelTypes.has(lead.channelType) ? lead.channelType : null;
    const policy = choosePolicy(policies, {
      ...lead,
      channelId: lead.channelId ?? null,
      channelType: channelType as SlaLead['channelType'],
    });
    if (!policy) {
      sla.set(lead.id, noSla);
      continue;
    }
    const planned = planRows(
      workspaceId,
      lead.id,
      lead.ownerId,
      policy,
      calendarOf(lead),
      now,
      targetsOnAssignment(policy, lead.ownerId !== null),
      now,
      newId,
    );
    rows.push(...planned);
    sla.set(lead.id, planned[0] ? { slaDueAt: planned[0].dueAt, slaStep: planned[0].step } : noSla);
  }
  return { rows, sla };
}
