import type { MessageKey } from '../i18n/zh-CN';
import type { DeadlineAction, SlaTargetName } from './sla.types';

export const targetLabel: Record<SlaTargetName, MessageKey> = {
  assign: 'sla.target.assign',
  firstTouch: 'sla.target.firstTouch',
  firstNeedTags: 'sla.target.firstNeedTags',
  solutionStart: 'sla.target.solutionStart',
  nextFollowUp: 'sla.target.nextFollowUp',
};

export const actionLabel: Record<DeadlineAction, MessageKey> = {
  notify_owner: 'sla.action.notify_owner',
  escalate_manager: 'sla.action.escalate_manager',
  reclaim_to_pool: 'sla.action.reclaim_to_pool',
  reassign_by_rules: 'sla.action.reassign_by_rules',
};
