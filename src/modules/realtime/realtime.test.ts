import { describe, expect, it } from 'vitest';
import { packEvents, type RealtimeEvent } from './realtime.ts';

const event = (index: number): RealtimeEvent => ({
  workspaceId: '00000000-0000-4000-8000-000000000001',
  userId: '00000000-0000-4000-8000-000000000002',
  type: 'lead.assigned',
  data: { leadId: `lead-${index}`, name: `张伟${index}`, company: '北京华信科技有限公司', source: '官网注册' },
});

describe('packEvents', () => {
  it('should pack every event, in order, into payloads PostgreSQL accepts (under 8,000 bytes)', () => {
    const events = Array.from({ length: 500 }, (_, index) => event(index));
    const payloads = packEvents(events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(50);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(payloads.flatMap((payload) => JSON.parse(payload) as RealtimeEvent[])).toEqual(events);
  });

  it('should send nothing for no events and one payload for one', () => {
    expect(packEvents([])).toEqual([]);
    expect(packEvents([event(1)]).map((payload) => JSON.parse(payload))).toEqual([[event(1)]]);
  });
});
