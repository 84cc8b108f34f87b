import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { intakeRejections } from '../../platform/db/schema.ts';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('behaviour events', () => {
  const clock = fixedClock(new Date('2026-11-23T08:00:00.000Z'));
  let leadId: string;
  let ownerEmail: string;

  const f = intakeFixture({ reps: 2, clock, channel: '官网' });

  beforeAll(async () => {
    const lead = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '行为',
      phone: '13811110000',
      email: 'xingwei@corp.cn',
    });
    leadId = lead.body.id;
    ownerEmail = f.org.repEmails[f.org.repIds.indexOf(lead.body.ownerId)]!;
  });

  it('should record each known type on the lead, newest first', async () => {
    const sent = [
      { type: 'page_view', at: '2026-11-23T07:00:00.000Z', props: { seconds: 240, url: '/pricing' } },
      { type: 'download', at: '2026-11-23T07:10:00.000Z', props: { asset: '制造业白皮书.pdf' } },
      { type: 'trial_expiring', at: '2026-11-23T07:20:00.000Z', props: { expiresAt: '2026-11-25T00:00:00+08:00' } },
      { type: 'competitor_compare', props: { competitor: '某CRM' } },
    ];
    for (const event of sent) {
      const response = await client(f.server.url, f.apiKey).post(`/api/v1/leads/${leadId}/events`, event);
      expect(response.status).toBe(201);
    }
    const listed = await client(f.server.url, await loginAs(f.server.url, ownerEmail)).get(
      `/api/v1/leads/${leadId}/events`,
    );
    expect(listed.body.items.map((event: { type: string }) => event.type)).toEqual([
      'competitor_compare',
      'trial_expiring',
      'download',
      'page_view',
    ]);
    expect(listed.body.items[0].at).toBe('2026-11-23T08:00:00.000Z');
  });

  it('should find the lead by phone or e-mail as intake normalises them', async () => {
    const byPhone = await client(f.server.url, f.apiKey).post('/api/v1/lead-events', {
      phone: '138 1111 0000',
      type: 'webinar.joined',
    });
    const byEmail = await client(f.server.url, f.apiKey).post('/api/v1/lead-events', {
      email: 'XINGWEI@corp.cn',
      type: 'download',
    });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body.leadId).toBe(leadId);
    expect(byEmail.body.leadId).toBe(leadId);
  });

  it('should keep an event for an unknown contact and answer 404', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/lead-events', {
      phone: '13999990000',
      type: 'page_view',
      props: { seconds: 10 },
    });
    expect(response.status).toBe(404);
    const kept = await f.server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(eq(intakeRejections.code, 'NOT_FOUND'));
    expect(kept).toHaveLength(1);
  });

  it.each([
    [{ type: 'page_view', props: {} }, 'props.seconds'],
    [{ type: 'page_view', props: { seconds: -1 } }, 'props.seconds'],
    [{ type: 'trial_expiring', props: { expiresAt: 'soon' } }, 'props.expiresAt'],
    [{ type: 'Bad Type' }, 'type'],
    [{ type: 'download', at: 'yesterday' }, 'at'],
    [{ type: 'download', at: '2026-11-24T08:00:00.000Z' }, 'at'],
    [{ type: 'download', extra: 1 }, 'extra'],
  ])('should refuse %j naming %s', async (body, field) => {
    const response = await client(f.server.url, f.apiKey).post(`/api/v1/leads/${leadId}/events`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('should hide another rep’s lead: 404 on write and read', async () => {
    const other = f.org.repEmails.find((email) => email !== ownerEmail)!;
    const token = await loginAs(f.server.url, other);
    expect(
      (await client(f.server.url, token).post(`/api/v1/leads/${leadId}/events`, { type: 'download' })).status,
    ).toBe(404);
    expect((await client(f.server.url, token).get(`/api/v1/leads/${leadId}/events`)).status).toBe(404);
  });

  it('should not let an intake key read events', async () => {
    expect((await client(f.server.url, f.apiKey).get(`/api/v1/leads/${leadId}/events`)).status).toBe(403);
  });
});
