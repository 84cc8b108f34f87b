import type { PoolSettings } from '../pool/pool.schemas.ts';
import type { SlaPolicy } from '../sla/sla.schemas.ts';
import type { DemoLead } from './demo-data.rules.ts';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * Seed 002's "5-30-120" for every lead, and A-grade leads starting solution talks within 2 h;
 * seed 004's three days without a follow-up send a lead back to the pool.
 */
export const demoSlaPolicies: Omit<SlaPolicy, 'id'>[] = [
  {
    name: 'A 级线索 · 2 小时启动方案',
    active: true,
    priority: 10,
    when: { grades: ['A'] },
    targets: {
      assign: { seconds: 5 * MINUTE, businessTime: true },
      firstTouch: { seconds: 30 * MINUTE, businessTime: true },
      firstNeedTags: { seconds: 2 * HOUR, businessTime: true },
      solutionStart: { seconds: 2 * HOUR, businessTime: true },
    },
    ladder: { reminders: [0.5, 0.8], atDeadline: ['notify_owner', 'escalate_manager'] },
    ladders: {},
    needTags: ['预算明确', '时间表明确', '决策人明确'],
    needTagsRequired: 1,
  },
  {
    name: '5-30-120 标准时限',
    active: true,
    priority: 100,
    when: {},
    targets: {
      assign: { seconds: 5 * MINUTE, businessTime: true },
      firstTouch: { seconds: 30 * MINUTE, businessTime: true },
      firstNeedTags: { seconds: 2 * HOUR, businessTime: true },
      nextFollowUp: { seconds: 3 * DAY, businessTime: false },
    },
    ladder: { reminders: [0.5, 0.8], atDeadline: ['notify_owner', 'escalate_manager'] },
    ladders: { nextFollowUp: { reminders: [0.8], atDeadline: ['notify_owner', 'reclaim_to_pool'] } },
    needTags: ['预算明确', '时间表明确', '决策人明确'],
    needTagsRequired: 1,
  },
];

/** The knobs Chinese CRMs ship with: 10 claims a day, 10 days' protection +3 per follow-up up to 20. */
export function demoPoolSettings(adminUserIds: string[]): PoolSettings {
  return {
    visibleTeamIds: null,
    adminUserIds,
    timeZone: 'Asia/Shanghai',
    claimsPerDay: 10,
    maxHeld: 200,
    countWon: false,
    minGapSeconds: MINUTE,
    cooldownSeconds: 7 * DAY,
    protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY },
    reclaimWithoutFollowUpSeconds: 15 * DAY,
    reclaimWithoutProgressSeconds: null,
    maskContacts: true,
  };
}

/** The demo's pool starts with its oldest untouched leads, as if reclaimed from reps who never called. */
export function demoPooledLeads(leads: DemoLead[], count: number): Set<DemoLead> {
  const untouched = leads.filter((lead) => lead.status === 'new').sort((a, b) => +a.createdAt - +b.createdAt);
  return new Set(untouched.slice(0, count));
}
