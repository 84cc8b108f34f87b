import type { Notification, NotificationLocale } from './notification.schemas.ts';

/** What a robot or an e-mail says about an event, pure: the same title the in-app centre shows. */

const titles: Record<NotificationLocale, Record<string, string>> = {
  'zh-CN': {
    'lead.assigned': '新线索分配给你',
    'lead.touched': '你的线索再次来访',
    'lead.urgent': '线索变得紧急',
    'lead.flagged': '线索需要关注：公司已有负责人',
    'lead.deadline': '线索跟进时限提醒',
    'lead.pool': '线索进出公海',
    'notification.test': 'Clew 测试通知',
  },
  'en-US': {
    'lead.assigned': 'A new lead was assigned to you',
    'lead.touched': 'Your lead came back',
    'lead.urgent': 'A lead became urgent',
    'lead.flagged': 'A lead needs a look: its company has an owner',
    'lead.deadline': 'Lead follow-up deadline',
    'lead.pool': 'A lead moved in or out of a pool',
    'notification.test': 'Clew test notification',
  },
};

const labels: Record<NotificationLocale, Record<string, string>> = {
  'zh-CN': { name: '姓名', company: '公司', source: '来源', urgency: '紧急度', reason: '原因', step: '步骤' },
  'en-US': { name: 'Name', company: 'Company', source: 'Source', urgency: 'Urgency', reason: 'Reason', step: 'Step' },
};

export function notificationTitle(event: string, locale: NotificationLocale): string {
  return titles[locale][event] ?? event;
}

export function deliveryNotification(
  event: string,
  data: Record<string, unknown>,
  locale: NotificationLocale,
  publicUrl: string | null,
): Notification {
  const lines = Object.entries(labels[locale]).flatMap(([key, label]) => {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? [`${label}: ${value.slice(0, 500)}`] : [];
  });
  const leadId = typeof data.leadId === 'string' ? data.leadId : null;
  return {
    event,
    title: notificationTitle(event, locale),
    lines,
    link: publicUrl && leadId ? `${publicUrl}/leads/${leadId}` : undefined,
    locale,
  };
}
