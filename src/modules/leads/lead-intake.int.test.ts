import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, intakeRejections, leads } from '../../platform/db/schema.ts';
import { addWorkspace, addTeam, client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('lead intake', () => {
  const f = intakeFixture({ reps: 4 });

  it('should normalise, assign to a rep of the default team and answer 201', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: ' 张伟 ',
      phone: '138 0013 8000',
      email: 'Zhang.Wei@Example.COM',
      company: '北京华信科技有限公司',
      source: '官网注册',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: '张伟',
      phone: '+8613800138000',
      email: 'zhang.wei@example.com',
      status: 'new',
      deduplicated: false,
      touchCount: 1,
    });
    expect(f.org.repIds).toContain(response.body.ownerId);
  });

  it('should merge a second submission with the same phone into the existing lead as a touch', async () => {
    const first = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '李娜', phone: '13912345678' });
    const again = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '李娜',
      phone: '+86 139-1234-5678',
      company: '上海恒泰物流有限公司',
    });
    expect(again.status).toBe(200);
    // An intake key may not read leads: a repeat tells it the id and nothing else.
    expect(again.body).toEqual({ id: first.body.id, deduplicated: true });
    const merged = await client(f.server.url, f.adminToken).get(`/api/v1/leads/${first.body.id}`);
    expect(merged.body).toMatchObject({ touchCount: 2, company: '上海恒泰物流有限公司', ownerId: first.body.ownerId });
    const touches = await client(f.server.url, f.adminToken).get(`/api/v1/leads/${first.body.id}/touches`);
    expect(touches.body.items).toHaveLength(2);
  });

  it('should merge by e-mail regardless of case', async () => {
    const first = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: 'Wang', email: 'wang@corp.cn' });
    const again = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: 'Wang', email: 'WANG@corp.cn' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('should reject an invalid phone with 422 and keep the submission with its reason', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: 'Bad', phone: '12345' });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
    const kept = await f.server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(eq(intakeRejections.code, 'INVALID_PHONE'));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.payload).toEqual({ name: 'Bad', phone: '12345' });
  });

  it('should keep a submission that fails schema validation too', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: 'Extra',
      phone: '13700000001',
      fax: '1',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fax' });
    const kept = await f.server.clew.deps.db.select().from(intakeRejections).where(eq(intakeRejections.field, 'fax'));
    expect(kept).toHaveLength(1);
  });

  it('should require a phone or an e-mail', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: 'Nobody' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('MISSING_CONTACT');
  });

  it('should spread 100 concurrent intakes evenly (±1) and lose none', async () => {
    const before = await f.server.clew.deps.db.select({ id: leads.id, ownerId: leads.ownerId }).from(leads);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        client(f.server.url, f.apiKey).post('/api/v1/leads', {
          name: `并发${index}`,
          phone: `1860000${String(index).padStart(4, '0')}`,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(201));
    const after = await f.server.clew.deps.db.select({ id: leads.id, ownerId: leads.ownerId }).from(leads);
    expect(after.length - before.length).toBe(100);
    const counts = new Map<string, number>();
    for (const lead of after) counts.set(lead.ownerId!, (counts.get(lead.ownerId!) ?? 0) + 1);
    const perRep = f.org.repIds.map((id) => counts.get(id) ?? 0);
    expect(Math.max(...perRep) - Math.min(...perRep)).toBeLessThanOrEqual(1);
  });

  it('should make one lead of 20 concurrent submissions of the same person', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '重复', phone: '13511112222' }),
      ),
    );
    const ids = new Set(responses.map((response) => response.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const lead = await client(f.server.url, f.adminToken).get(`/api/v1/leads/${[...ids][0]}`);
    expect(lead.body.touchCount).toBe(20);
  });

  it('should write an audit record for the creation and for a status change', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '审计', phone: '13600001111' });
    const changed = await client(f.server.url, f.adminToken).patch(`/api/v1/leads/${created.body.id}`, {
      status: 'contacted',
    });
    expect(changed.status).toBe(200);
    const records = await f.server.clew.deps.db.select().from(auditLog).where(eq(auditLog.entityId, created.body.id));
    expect(records.map((record) => record.action).sort()).toEqual(['lead.created', 'lead.updated']);
    const update = records.find((record) => record.action === 'lead.updated')!;
    expect(update.before).toEqual({ status: 'new' });
    expect(update.after).toEqual({ status: 'contacted' });
    expect(update.actorType).toBe('user');
  });
});

describe('lead intake edge cases', () => {
  const f = intakeFixture({ reps: 2 });

  it('should show a user the full lead on a repeat they may see', async () => {
    const first = await client(f.server.url, f.adminToken).post('/api/v1/leads', {
      name: '可见',
      phone: '13100001111',
    });
    const again = await client(f.server.url, f.adminToken).post('/api/v1/leads', {
      name: '可见',
      phone: '13100001111',
    });
    expect(again.body).toMatchObject({ id: first.body.id, deduplicated: true, touchCount: 2, name: '可见' });
  });

  it.each([
    ['an empty body', undefined],
    ['a JSON null', 'null'],
    ['a NUL character', JSON.stringify({ name: 'a\u0000b', phone: '13800138000' })],
    ['a lone surrogate', '{"name":"\\ud800","phone":"13800138000"}'],
  ])('should answer %s with a 4xx, never a 500', async (_label, body) => {
    const response = await fetch(`${f.server.url}/api/v1/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.apiKey}` },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const json = (await response.json()) as { error: { code: string } };
    expect(json.error.code).toMatch(/^[A-Z_]+$/);
  });

  it('should keep a JSON null submission as a rejection', async () => {
    const before = (await f.server.clew.deps.db.select().from(intakeRejections)).length;
    await fetch(`${f.server.url}/api/v1/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.apiKey}` },
      body: 'null',
    });
    expect((await f.server.clew.deps.db.select().from(intakeRejections)).length).toBe(before + 1);
  });

  it('should keep the same phone in two workspaces as two leads', async () => {
    await addWorkspace(f.server.clew, 'Second Co', 'admin@second.clew');
    const otherToken = await loginAs(f.server.url, 'admin@second.clew');
    const mine = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '两家', phone: '13200002222' });
    const theirs = await client(f.server.url, otherToken).post('/api/v1/leads', { name: '两家', phone: '13200002222' });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('should record what each touch changed when one batch creates and then touches a lead', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', {
      leads: [
        { name: '同批', phone: '13300003333' },
        { name: '同批', phone: '13300003333', email: 'tongpi@corp.cn' },
      ],
    });
    const id = response.body.results[0].id;
    const records = await f.server.clew.deps.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    const touched = records.find((record) => record.action === 'lead.touched')!;
    expect(touched.before).toEqual({ email: null, touchCount: 1 });
    expect(touched.after).toEqual({ email: 'tongpi@corp.cn', touchCount: 2 });
  });

  it('should move a reassigned lead to its new owner’s team', async () => {
    const south = await addTeam(f.server.clew, f.server.workspaceId, { name: 'South', reps: 1, makeDefault: false });
    const lead = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '转派', phone: '13400004444' });
    const moved = await client(f.server.url, f.adminToken).patch(`/api/v1/leads/${lead.body.id}`, {
      ownerId: south.repIds[0],
    });
    expect(moved.body).toMatchObject({ ownerId: south.repIds[0], teamId: south.teamId });
  });
});
