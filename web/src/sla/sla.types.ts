import type { ChannelType } from '../channels/channels.types';
import type { Grade, UrgencyLevel } from '../scoring/scoring.types';

export const SLA_TARGETS = ['assign', 'firstTouch', 'firstNeedTags', 'solutionStart', 'nextFollowUp'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

export const DEADLINE_ACTIONS = ['notify_owner', 'escalate_manager', 'reclaim_to_pool', 'reassign_by_rules'] as const;
export type DeadlineAction = (typeof DEADLINE_ACTIONS)[number];

export interface SlaTarget {
  seconds: number;
  businessTime: boolean;
}

export interface BreachLadder {
  /** Fractions of the target, rising: 0.5 reminds when half of it has passed. */
  reminders: number[];
  atDeadline: DeadlineAction[];
}

export interface PolicyScope {
  grades?: Grade[];
  urgencies?: UrgencyLevel[];
  channelTypes?: ChannelType[];
  channelIds?: string[];
  teamIds?: string[];
}

export interface SlaPolicyInput {
  name: string;
  active: boolean;
  priority: number;
  when: PolicyScope;
  targets: Partial<Record<SlaTargetName, SlaTarget>>;
  ladder: BreachLadder;
  ladders: Partial<Record<SlaTargetName, BreachLadder>>;
  needTags: string[];
  needTagsRequired: number;
}

export interface SlaPolicy extends SlaPolicyInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
