import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';

/** Within this long of the deadline the countdown turns amber. */
export const NEAR_MS = 15 * 60 * 1000;

export type Urgency = 'ok' | 'near' | 'overdue';

export function urgencyOf(remainingMs: number): Urgency {
  if (remainingMs <= 0) return 'overdue';
  return remainingMs <= NEAR_MS ? 'near' : 'ok';
}

/** `1d 02:03:04`, `02:03:04` or `03:04`; the sign is shown by the caller. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock =
    hours > 0 || days > 0 ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

const TARGETS: Record<string, MessageKey> = {
  firstTouch: 'deadline.target.firstTouch',
  nextFollowUp: 'deadline.target.nextFollowUp',
  assign: 'deadline.target.assign',
  firstNeedTags: 'deadline.target.firstNeedTags',
  solutionStart: 'deadline.target.solutionStart',
  pool: 'deadline.target.pool',
};

const ACTIONS: Record<string, MessageKey> = {
  remind: 'deadline.action.remind',
  notify_owner: 'deadline.action.notify_owner',
  escalate_manager: 'deadline.action.escalate_manager',
  reclaim_to_pool: 'deadline.action.reclaim_to_pool',
  reassign_by_rules: 'deadline.action.reassign_by_rules',
  no_follow_up: 'deadline.action.no_follow_up',
  no_progress: 'deadline.action.no_progress',
  protection_expired: 'deadline.action.protection_expired',
};

export interface StepLabel {
  target: string;
  action: string;
}

/**
 * Words a lead's `slaStep`: `firstTouch:remind:0.5` is a reminder, `firstTouch:deadline:<action>`
 * the deadline's action, `pool:reclaim:<reason>` a pool's reclaim. Unknown parts show as they are.
 */
export function describeStep(step: string, t: Translate): StepLabel {
  const [target = '', kind = '', detail = ''] = step.split(':');
  const targetKey = TARGETS[target];
  const actionName = kind === 'remind' ? 'remind' : detail;
  const actionKey = ACTIONS[actionName];
  return {
    target: targetKey ? t(targetKey) : target,
    action: actionKey ? t(actionKey) : actionName || kind,
  };
}
