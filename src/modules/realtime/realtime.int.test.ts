import { describe, expect, it } from 'vitest';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens the SSE stream and collects events until `stop` is called. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
            waiters.splice(0).forEach((wake) => wake());
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: response.status,
    events,
    next: (count: number, timeoutMs = 5_000) =>
      new Promise<SseEvent[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${events.length} events`)), timeoutMs);
        const check = () => {
          if (events.length >= count) {
            clearTimeout(timer);
            resolve(events);
          } else waiters.push(check);
        };
        check();
      }),
    stop: () => controller.abort(),
  };
}

describe('realtime pop-up', () => {
  const f = intakeFixture({ reps: 2, env: { CLEW_SSE_HEARTBEAT_MS: '100' } });

  it('should push lead.assigned to the assigned rep only, after commit', async () => {
    const streams = await Promise.all(
      f.org.repEmails.map(async (email) => openStream(f.server.url, await loginAs(f.server.url, email))),
    );
    expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '实时',
      phone: '13811112222',
      company: '深圳启明电子有限公司',
    });
    const ownerIndex = f.org.repIds.indexOf(created.body.ownerId);
    const [event] = await streams[ownerIndex]!.next(1);
    expect(event).toEqual({
      event: 'lead.assigned',
      data: expect.objectContaining({
        leadId: created.body.id,
        name: '实时',
        company: '深圳启明电子有限公司',
        ownerId: created.body.ownerId,
      }),
    });
    // The other rep's lead arrives next; the first rep hears nothing of it.
    const second = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '实时二', phone: '13811113333' });
    const otherIndex = 1 - ownerIndex;
    const [otherEvent] = await streams[otherIndex]!.next(1);
    expect(otherEvent!.data.leadId).toBe(second.body.id);
    expect(streams[ownerIndex]!.events).toHaveLength(1);
    streams.forEach((stream) => stream.stop());
  });

  it('should end an open stream once its session is signed out', async () => {
    const token = await loginAs(f.server.url, f.org.repEmails[0]!);
    const response = await fetch(`${f.server.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
    const reader = response.body!.getReader();
    await client(f.server.url, token).post('/api/v1/auth/logout');
    let ended = false;
    const deadline = Date.now() + 5_000;
    while (!ended && Date.now() < deadline) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });

  it('should refuse the stream without a session', async () => {
    const response = await fetch(`${f.server.url}/api/v1/events`);
    expect(response.status).toBe(401);
  });
});
