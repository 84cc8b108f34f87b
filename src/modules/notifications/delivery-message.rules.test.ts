import { describe, expect, it } from 'vitest';
import { deliveryNotification } from './delivery-message.rules.ts';
import { outcomeOf } from './delivery.worker.ts';
import type { DeliveryResult } from './notification-sender.service.ts';

describe('deliveryNotification', () => {
  it('should title the event in the locale, list the known fields and link the lead when there is a public URL', () => {
    const data = { leadId: 'L1', name: '周杰', company: '启明软件', source: '官网', ownerId: 'U1', extra: 'x' };
    expect(deliveryNotification('lead.assigned', data, 'zh-CN', 'https://leads.example.cn')).toEqual({
      event: 'lead.assigned',
      title: '新线索分配给你',
      lines: ['姓名: 周杰', '公司: 启明软件', '来源: 官网'],
      link: 'https://leads.example.cn/leads/L1',
      locale: 'zh-CN',
    });
    const english = deliveryNotification('lead.assigned', data, 'en-US', null);
    expect(english.title).toBe('A new lead was assigned to you');
    expect(english.link).toBeUndefined();
    expect(deliveryNotification('sla.breached', {}, 'zh-CN', null).title).toBe('sla.breached');
  });
});

describe('outcomeOf', () => {
  const now = new Date('2026-12-01T02:00:00.000Z');
  const base: DeliveryResult = {
    ok: false,
    channel: 'webhook',
    status: 503,
    attempt: 1,
    errorCode: 'http_status',
    platformCode: null,
    message: 'HTTP 503',
    retryable: true,
    retryAt: new Date('2026-12-01T02:00:30.000Z'),
  };

  it('should record a success as sent, a retryable failure as failed until retryAt, and the rest as dead', () => {
    expect(outcomeOf({ ...base, ok: true, status: 200, errorCode: null, message: null, retryAt: null }, now)).toEqual({
      status: 'sent',
      nextAttemptAt: now,
      lastError: null,
      responseCode: 200,
    });
    expect(outcomeOf(base, now)).toEqual({
      status: 'failed',
      nextAttemptAt: base.retryAt,
      lastError: 'http_status: HTTP 503',
      responseCode: 503,
    });
    expect(outcomeOf({ ...base, retryAt: null }, now)).toMatchObject({ status: 'dead', nextAttemptAt: now });
  });
});
