import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('activities and the timeline', () => {
  const clock = fixedClock(new Date('2026-11-23T08:00:00.000Z'));
  const f = intakeFixture({ reps: 2, clock, channel: '官网' });
  let leadId: string;
  let ownerToken: string;
  let otherRepToken: string;

  beforeAll(async () => {
    const lead = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '活动', phone: '13822220000' });
    leadId = lead.body.id;
    const ownerIndex = f.org.repIds.indexOf(lead.body.ownerId);
    ownerToken = await loginAs(f.server.url, f.org.repEmails[ownerIndex]!);
    otherRepToken = await loginAs(f.server.url, f.org.repEmails[1 - ownerIndex]!);
  });

  it('should log an activity (201) and list them newest first, a contact by the owner marked as a touch', async () => {
    const owner = client(f.server.url, ownerToken);
    const call = await owner.post(`/api/v1/leads/${leadId}/activities`, {
      type: 'call',
      summary: '首次电话，约了演示',
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ leadId, type: 'call', at: '2026-11-23T08:00:00.000Z', touch: true });
    clock.advance(60_000);
    const note = await owner.post(`/api/v1/leads/${leadId}/activities`, {
      type: 'note',
      summary: '预算待定',
      at: '2026-11-23T07:30:00+08:00',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ type: 'note', at: '2026-11-22T23:30:00.000Z', touch: false });
    const byAdmin = await client(f.server.url, f.adminToken).post(`/api/v1/leads/${leadId}/activities`, {
      type: 'wechat',
      summary: '经理代发微信',
    });
    expect(byAdmin.body.touch).toBe(false);

    const listed = await owner.get(`/api/v1/leads/${leadId}/activities`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { type: string }) => item.type)).toEqual(['wechat', 'call', 'note']);
  });

  it('should refuse bad input with a code and a field, and hide other reps’ leads', async () => {
    const owner = client(f.server.url, ownerToken);
    const badType = await owner.post(`/api/v1/leads/${leadId}/activities`, { type: 'fax', summary: 'x' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.field).toBe('type');
    const future = await owner.post(`/api/v1/leads/${leadId}/activities`, {
      type: 'call',
      summary: 'x',
      at: '2026-11-24T08:00:00.000Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('at');
    const empty = await owner.post(`/api/v1/leads/${leadId}/activities`, { type: 'call', summary: '  ' });
    expect(empty.status).toBe(400);
    const hidden = await client(f.server.url, otherRepToken).post(`/api/v1/leads/${leadId}/activities`, {
      type: 'call',
      summary: 'x',
    });
    expect(hidden.status).toBe(404);
  });

  it('should list every kind of event on the timeline with its type and time, newest first', async () => {
    clock.advance(60_000);
    await client(f.server.url, f.apiKey).post(`/api/v1/leads/${leadId}/events`, { type: 'download', props: {} });
    clock.advance(60_000);
    // The same phone again: a touch on the same lead.
    await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '活动', phone: '13822220000' });
    const response = await client(f.server.url, ownerToken).get(`/api/v1/leads/${leadId}/timeline`);
    expect(response.status).toBe(200);
    const items: { kind: string; type: string; at: string }[] = response.body.items;
    const kinds = items.map((item) => `${item.kind}:${item.type}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'touch:官网',
        'event:download',
        'activity:call',
        'activity:note',
        'activity:wechat',
        'assignment:rules',
        'audit:lead.created',
      ]),
    );
    // Two submissions, two touches; the intake's own 'lead.touched' audit is not repeated.
    expect(kinds.filter((kind) => kind.startsWith('touch:'))).toHaveLength(2);
    expect(kinds).not.toContain('audit:lead.touched');
    const times = items.map((item) => item.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items[0]).toMatchObject({ kind: 'touch', at: '2026-11-23T08:03:00.000Z' });
  });

  it('should move a lead’s activities with a merge, and back with its undo', async () => {
    const api = client(f.server.url, f.apiKey);
    const survivor = (await api.post('/api/v1/leads', { name: '合并甲', phone: '13822220001' })).body;
    const folded = (await api.post('/api/v1/leads', { name: '合并乙', phone: '13822220002' })).body;
    const logged = await client(f.server.url, f.adminToken).post(`/api/v1/leads/${folded.id}/activities`, {
      type: 'visit',
      summary: '拜访乙',
    });
    const merge = await client(f.server.url, f.adminToken).post(`/api/v1/leads/${survivor.id}/merge`, {
      mergedId: folded.id,
    });
    expect(merge.status).toBe(200);
    const ids = async (leadId: string) =>
      (await client(f.server.url, f.adminToken).get(`/api/v1/leads/${leadId}/activities`)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids(survivor.id)).toEqual([logged.body.id]);
    const undone = await client(f.server.url, f.adminToken).post(`/api/v1/merges/${merge.body.id}/undo`);
    expect(undone.status).toBe(200);
    expect(await ids(survivor.id)).toEqual([]);
    expect(await ids(folded.id)).toEqual([logged.body.id]);
  });
});
