import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { intakeRejections, leads, leadTouches } from '../../platform/db/schema.ts';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('de-duplication', () => {
  const f = intakeFixture({ reps: 2 });
  const admin = () => client(f.server.url, f.adminToken);
  const intake = () => client(f.server.url, f.apiKey);
  const leadRow = async (id: string) => (await f.server.clew.deps.db.select().from(leads).where(eq(leads.id, id)))[0];

  it('should merge the same name at a like company, keep the owner, and undo the merge', async () => {
    const first = await intake().post('/api/v1/leads', {
      name: '周杰',
      phone: '13912340001',
      company: '北京星河互联科技有限公司',
    });
    expect(first.status).toBe(201);
    const repeat = await intake().post('/api/v1/leads', {
      name: '周 杰',
      email: 'zhoujie@xinghe.cn',
      company: '星河互联网络技术(北京)有限公司',
    });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(await leadRow(first.body.id)).toMatchObject({ email: 'zhoujie@xinghe.cn', touchCount: 2 });

    const merges = await admin().get(`/api/v1/leads/${first.body.id}/merges`);
    expect(merges.body.items).toEqual([expect.objectContaining({ kind: 'intake', undoneAt: null })]);
    const undone = await admin().post(`/api/v1/merges/${merges.body.items[0].id}/undo`);
    expect(undone.status).toBe(200);
    expect(await leadRow(first.body.id)).toMatchObject({ email: null, touchCount: 1, ownerId: first.body.ownerId });
    const split = await leadRow(undone.body.mergedId);
    expect(split).toMatchObject({ name: '周 杰', email: 'zhoujie@xinghe.cn', touchCount: 1, status: 'new' });
    expect(f.org.repIds).toContain(split!.ownerId);
    const touches = await f.server.clew.deps.db
      .select()
      .from(leadTouches)
      .where(eq(leadTouches.leadId, undone.body.mergedId));
    expect(touches).toHaveLength(1);
    expect((await admin().post(`/api/v1/merges/${merges.body.items[0].id}/undo`)).status).toBe(409);
  });

  it('should keep two people at one company apart and warn about both as the company is typed', async () => {
    const a = await intake().post('/api/v1/leads', {
      name: '林涛',
      phone: '13912340011',
      company: '杭州云帆数据有限公司',
    });
    const b = await intake().post('/api/v1/leads', { name: '陈静', phone: '13912340012', company: '杭州云帆数据' });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    const check = await admin().get(
      `/api/v1/leads/duplicate-check?name=${encodeURIComponent('林涛')}&company=${encodeURIComponent('云帆数据股份有限公司')}`,
    );
    expect(check.status).toBe(200);
    expect(check.body.matches.map((match: { id: string; reason: string }) => [match.id, match.reason])).toEqual(
      expect.arrayContaining([
        [a.body.id, 'name_company'],
        [b.body.id, 'company'],
      ]),
    );
    const byPhone = await admin().get('/api/v1/leads/duplicate-check?phone=139-1234-0011');
    expect(byPhone.body.matches).toEqual([expect.objectContaining({ id: a.body.id, reason: 'phone', visible: true })]);
  });

  it('should withhold the contacts of a lead the asker may not see', async () => {
    const lead = await intake().post('/api/v1/leads', { name: '隐私', phone: '13912340021' });
    const repToken = await loginAs(
      f.server.url,
      f.org.repEmails.find((_, i) => f.org.repIds[i] !== lead.body.ownerId)!,
    );
    const check = await client(f.server.url, repToken).get('/api/v1/leads/duplicate-check?phone=13912340021');
    expect(check.body.matches).toEqual([
      expect.objectContaining({ id: lead.body.id, phone: null, email: null, visible: false }),
    ]);
  });

  it('should queue repeats from a review channel and merge a pair from the queue', async () => {
    const channel = await admin().post('/api/v1/channels', {
      type: 'offline',
      name: '上海展会',
      dedupePolicy: 'review',
    });
    expect(channel.status).toBe(201);
    const original = await intake().post('/api/v1/leads', { name: '郑爽', phone: '13912340031' });
    const repeat = await admin().post('/api/v1/leads', {
      name: '郑爽',
      phone: '13912340031',
      title: '采购经理',
      channelId: channel.body.id,
    });
    expect(repeat.status).toBe(201);
    const queue = await admin().get('/api/v1/duplicates');
    const pair = queue.body.items.find((item: { lead: { id: string } }) => item.lead.id === repeat.body.id);
    expect(pair).toMatchObject({ reason: 'phone', foundBy: 'intake', duplicateOf: { id: original.body.id } });
    const merged = await admin().post(`/api/v1/duplicates/${pair.id}/merge`, {});
    expect(merged.status).toBe(200);
    expect(await leadRow(repeat.body.id)).toBeUndefined();
    expect(await leadRow(original.body.id)).toMatchObject({ title: '采购经理', touchCount: 2 });
    expect((await admin().post(`/api/v1/duplicates/${pair.id}/merge`, {})).status).toBe(409);

    const mergedPairs = await admin().get('/api/v1/duplicates?status=merged');
    expect(mergedPairs.body.items).toEqual([
      expect.objectContaining({ id: pair.id, lead: expect.objectContaining({ id: repeat.body.id, name: '郑爽' }) }),
    ]);

    const undone = await admin().post(`/api/v1/merges/${merged.body.id}/undo`);
    expect(undone.status).toBe(200);
    expect(await leadRow(repeat.body.id)).toMatchObject({ name: '郑爽', title: '采购经理', touchCount: 1 });
    // Pulled apart, the pair is back in the queue for a person to judge.
    const reopened = await admin().get('/api/v1/duplicates');
    expect(reopened.body.items.map((item: { id: string }) => item.id)).toContain(pair.id);
    expect(await leadRow(original.body.id)).toMatchObject({ title: null, touchCount: 1 });
  });

  it('should create under the create policy and find the pair with the background scan', async () => {
    const channel = await admin().post('/api/v1/channels', {
      type: 'manual',
      name: '手工补录',
      dedupePolicy: 'create',
    });
    const one = await admin().post('/api/v1/leads', {
      name: '冯雪',
      email: 'fx@lanxin.cn',
      channelId: channel.body.id,
    });
    const two = await admin().post('/api/v1/leads', {
      name: '冯雪',
      email: 'FX@lanxin.cn',
      channelId: channel.body.id,
    });
    expect([one.status, two.status]).toEqual([201, 201]);
    const scan = await admin().post('/api/v1/duplicates/scan');
    expect(scan.status).toBe(200);
    expect(scan.body.proposed).toBeGreaterThanOrEqual(1);
    expect((await admin().post('/api/v1/duplicates/scan')).body.proposed).toBe(0);
    const queue = await admin().get('/api/v1/duplicates');
    const pair = queue.body.items.find((item: { lead: { id: string } }) => item.lead.id === two.body.id);
    expect(pair).toMatchObject({ reason: 'email', foundBy: 'scan', duplicateOf: { id: one.body.id } });
    expect((await admin().post(`/api/v1/duplicates/${pair.id}/dismiss`)).status).toBe(204);
    expect((await admin().get('/api/v1/duplicates?status=dismissed')).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: pair.id })]),
    );
  });

  it('should quarantine spam in a batch, keep it, and answer with its status', async () => {
    const response = await intake().post('/api/v1/leads/batch', {
      leads: [
        { name: '测试', phone: '13912340041' },
        { name: '王强', email: 'wq@mailinator.com' },
      ],
    });
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual([
      'quarantined',
      'quarantined',
    ]);
    const kept = await f.server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(eq(intakeRejections.kind, 'quarantined'));
    expect(kept.map((row) => row.code)).toEqual(['SUSPECTED_SPAM', 'SUSPECTED_SPAM']);
  });

  it('should let an admin set the company threshold and refuse a rep', async () => {
    expect((await admin().put('/api/v1/dedupe/settings', { companyMatchThreshold: 0.2 })).status).toBe(400);
    const changed = await admin().put('/api/v1/dedupe/settings', { companyMatchThreshold: 0.7 });
    expect(changed.body).toEqual({ companyMatchThreshold: 0.7 });
    expect((await admin().get('/api/v1/dedupe/settings')).body).toEqual({ companyMatchThreshold: 0.7 });
    const repToken = await loginAs(f.server.url, f.org.repEmails[0]!);
    expect((await client(f.server.url, repToken).get('/api/v1/duplicates')).status).toBe(403);
  });
});
