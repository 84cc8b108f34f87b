import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';
import type { TimelineItem } from './activities.api';

const AUDITS: Record<string, MessageKey> = {
  'lead.created': 'timeline.audit.lead.created',
  'lead.merged': 'timeline.audit.lead.merged',
  'lead.merge_undone': 'timeline.audit.lead.merge_undone',
  'pool.claimed': 'timeline.audit.pool.claimed',
  'pool.assigned': 'timeline.audit.pool.assigned',
  'pool.released': 'timeline.audit.pool.released',
  'pool.reclaimed': 'timeline.audit.pool.reclaimed',
  'sla.remind': 'timeline.audit.sla.remind',
  'sla.notify_owner': 'timeline.audit.sla.notify_owner',
  'sla.escalate_manager': 'timeline.audit.sla.escalate_manager',
  'sla.reclaim_to_pool': 'timeline.audit.sla.reclaim_to_pool',
  'sla.reassign_by_rules': 'timeline.audit.sla.reassign_by_rules',
};

const ASSIGNMENTS: Record<string, MessageKey> = {
  rules: 'routing.kind.rules',
  affinity: 'routing.kind.affinity',
  manual: 'routing.kind.manual',
  transfer: 'routing.kind.transfer',
  handover: 'routing.kind.handover',
};

const ACTIVITIES: Record<string, MessageKey> = {
  call: 'activity.type.call',
  wechat: 'activity.type.wechat',
  email: 'activity.type.email',
  visit: 'activity.type.visit',
  note: 'activity.type.note',
};

export type TimelineTone = 'green' | 'blue' | 'red' | 'orange' | 'gray';

/** What happened, in words, and the colour of its dot: moves to and from the pool stand out. */
export function timelineLabel(item: TimelineItem, t: Translate): { title: string; tone: TimelineTone } {
  switch (item.kind) {
    case 'touch':
      return { title: t('timeline.touch', { source: item.type }), tone: 'green' };
    case 'activity': {
      const key = ACTIVITIES[item.type];
      return { title: key ? t(key) : item.type, tone: 'blue' };
    }
    case 'assignment': {
      const key = ASSIGNMENTS[item.type];
      return { title: t('timeline.assigned', { how: key ? t(key) : item.type }), tone: 'green' };
    }
    case 'event':
      return { title: t('timeline.event', { type: item.type }), tone: 'gray' };
    case 'audit': {
      const key = AUDITS[item.type];
      const tone: TimelineTone =
        item.type === 'pool.reclaimed' || item.type === 'sla.reclaim_to_pool' || item.type === 'pool.released'
          ? 'red'
          : item.type.startsWith('sla.')
            ? 'orange'
            : 'blue';
      return { title: key ? t(key) : item.type, tone };
    }
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The line under the title: an activity's summary, a move's reason. */
export function timelineDetail(item: TimelineItem): string | null {
  if (item.kind === 'activity') return text(item.data.summary);
  if (item.kind === 'assignment') return text(item.data.reason);
  if (item.kind === 'audit') {
    const after = item.data.after;
    if (typeof after === 'object' && after !== null && 'reason' in after) return text(after.reason);
  }
  return null;
}

/** Whom the item names as the new owner, if anyone. */
export function timelineOwner(item: TimelineItem): string | null {
  if (item.kind === 'assignment') return text(item.data.chosenUserId);
  if (item.kind === 'audit' && (item.type === 'pool.claimed' || item.type === 'pool.assigned')) {
    const after = item.data.after;
    if (typeof after === 'object' && after !== null && 'ownerId' in after) return text(after.ownerId);
  }
  return null;
}
