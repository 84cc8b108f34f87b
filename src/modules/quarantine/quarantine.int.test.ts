import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { auditLog, intakeRejections, leads } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { recordRejectedIntake } from '../intake/intake.service.ts';
import { addUser, addWorkspace, client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

const clock = fixedClock(new Date('2026-03-02T08:00:00.000Z'));
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('quarantine: held submissions are listed, fixed and released, or discarded', () => {
  const f = intakeFixture({ reps: 2, clock });
  let channel: { id: string; name: string };
  let formKey: string;
  let badPhoneId: string;

  const admin = () => client(f.server.url, f.adminToken);
  const rowsOf = async () => f.server.clew.deps.db.select().from(intakeRejections);
  const heldRow = async (id: string) =>
    (await f.server.clew.deps.db.select().from(intakeRejections).where(eq(intakeRejections.id, id)))[0]!;

  beforeAll(async () => {
    channel = (await admin().post('/api/v1/channels', { type: 'web_form', name: '官网表单', campaign: '春季' })).body;
    formKey = (await admin().post('/api/v1/api-keys', { name: 'form', scopes: ['leads:write'], channelId: channel.id }))
      .body.key;
    const refused = await client(f.server.url, formKey).post('/api/v1/leads', {
      name: '周杰',
      phone: '139 1234',
      company: '杭州启明软件有限公司',
    });
    expect(refused.body.error).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
    clock.advance(60_000);
    await admin().post('/api/v1/leads/batch', {
      leads: [{ name: '无联系方式' }, { name: 42 }, 'not an object'],
    });
    clock.advance(60_000);
    await recordRejectedIntake(
      f.server.clew.deps,
      {
        kind: 'channel',
        workspaceId: f.server.workspaceId,
        source: 'web_form',
        channelId: channel.id,
        label: '官网表单',
      },
      [
        {
          payload: { values: { 姓名: '机器人', 手机: '13800000000' }, website_url: 'spam.example' },
          error: new AppError('VALIDATION_FAILED', 'The honeypot field was filled', 'website_url'),
          kind: 'quarantined',
          clientIp: '203.0.113.9',
        },
      ],
    );
    badPhoneId = (await rowsOf()).find((row) => row.code === 'INVALID_PHONE')!.id;
  });

  it('should list newest first with the reason, the payload and a proposed fix', async () => {
    const list = await admin().get('/api/v1/quarantine');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items[0]).toMatchObject({
      kind: 'quarantined',
      clientIp: '203.0.113.9',
      channelId: channel.id,
      resolution: null,
      proposal: { name: '机器人', phone: '13800000000' },
    });
    const badPhone = list.body.items.at(-1);
    expect(badPhone).toMatchObject({
      id: badPhoneId,
      kind: 'rejected',
      code: 'INVALID_PHONE',
      field: 'phone',
      source: '官网表单',
      channel: '官网表单',
      channelId: channel.id,
      payload: { name: '周杰', phone: '139 1234', company: '杭州启明软件有限公司' },
      proposal: { name: '周杰', phone: '139 1234', company: '杭州启明软件有限公司' },
      receivedAt: '2026-03-02T08:00:00.000Z',
    });
    expect(list.body.items.map((item: { payload: unknown }) => item.payload)).toContainEqual('not an object');
    expect((await admin().get(`/api/v1/quarantine/${badPhoneId}`)).body).toEqual(badPhone);
  });

  it('should filter by kind and status and page by cursor without repeats', async () => {
    const quarantined = await admin().get('/api/v1/quarantine?kind=quarantined');
    expect(quarantined.body.items.map((item: { code: string }) => item.code)).toEqual(['VALIDATION_FAILED']);
    expect((await admin().get('/api/v1/quarantine?kind=rejected&status=open')).body.items).toHaveLength(4);
    expect((await admin().get('/api/v1/quarantine?status=released')).body.items).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin().get(
        `/api/v1/quarantine?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(response.body.items));
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(ids((await admin().get('/api/v1/quarantine')).body.items));
    const bad = await admin().get('/api/v1/quarantine?cursor=nonsense');
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cursor' });
  });

  it('should count open items by kind and reason', async () => {
    const summary = await admin().get('/api/v1/quarantine/summary');
    expect(summary.body.open).toBe(5);
    expect(summary.body.byKind).toEqual({ rejected: 4, quarantined: 1 });
    expect(summary.body.byCode).toContainEqual({ kind: 'rejected', code: 'VALIDATION_FAILED', count: 2 });
  });

  it('should refuse a still-invalid fix with the field, keep the row open and keep no second rejection', async () => {
    const before = (await rowsOf()).length;
    const stillBad = await admin().post(`/api/v1/quarantine/${badPhoneId}/release`, {
      lead: { name: '周杰', phone: '139 12345' },
    });
    expect(stillBad.status).toBe(422);
    expect(stillBad.body.error).toMatchObject({ code: 'INVALID_PHONE', field: 'lead.phone' });
    const noName = await admin().post(`/api/v1/quarantine/${badPhoneId}/release`, { lead: { phone: '13912340001' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lead.name' });
    expect((await rowsOf()).length).toBe(before);
    expect((await heldRow(badPhoneId)).resolution).toBeNull();
  });

  it('should release a fixed submission as a lead of its original channel and mark it released', async () => {
    clock.advance(60_000);
    const released = await admin().post(`/api/v1/quarantine/${badPhoneId}/release`, {
      lead: { name: '周杰', phone: '139 1234 0001', company: '杭州启明软件有限公司' },
    });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ leadId: expect.any(String), deduplicated: false });
    const [lead] = await f.server.clew.deps.db.select().from(leads).where(eq(leads.id, released.body.leadId));
    expect(lead).toMatchObject({
      phone: '+8613912340001',
      channelId: channel.id,
      source: '官网表单',
      campaign: '春季',
    });
    expect(f.org.repIds).toContain(lead!.ownerId);
    const view = (await admin().get(`/api/v1/quarantine/${badPhoneId}`)).body;
    expect(view).toMatchObject({
      resolution: 'released',
      resolvedLeadId: released.body.leadId,
      resolvedAt: '2026-03-02T08:03:00.000Z',
      resolvedByName: expect.any(String),
    });
    const audit = await f.server.clew.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, badPhoneId), eq(auditLog.action, 'intake_rejection.released')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: view.resolvedBy });
    expect((await admin().get('/api/v1/quarantine/summary')).body.open).toBe(4);
  });

  it('should answer 409 to releasing a resolved submission and 404 to an unknown one', async () => {
    const again = await admin().post(`/api/v1/quarantine/${badPhoneId}/release`, {
      lead: { name: '周杰', phone: '13912340002' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const unknown = await admin().post('/api/v1/quarantine/00000000-0000-4000-8000-000000000000/release', {
      lead: { name: 'x', phone: '13912340003' },
    });
    expect(unknown.status).toBe(404);
  });

  it('should let only one of two simultaneous releases through', async () => {
    const [row] = (await admin().get('/api/v1/quarantine?kind=quarantined')).body.items;
    const attempts = await Promise.all(
      ['13700000001', '13700000002'].map((phone) =>
        admin().post(`/api/v1/quarantine/${row.id}/release`, { lead: { name: '并发', phone } }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 409]);
    const made = await f.server.clew.deps.db.select().from(leads).where(eq(leads.name, '并发'));
    expect(made).toHaveLength(1);
    expect((await heldRow(row.id)).resolvedLeadId).toBe(made[0]!.id);
  });

  it('should report a merge when the fixed lead repeats an existing one', async () => {
    const open = (await admin().get('/api/v1/quarantine?status=open')).body.items;
    const missing = open.find((item: { code: string }) => item.code === 'MISSING_CONTACT');
    const merged = await admin().post(`/api/v1/quarantine/${missing.id}/release`, {
      lead: { name: '无联系方式', phone: '13912340001' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.deduplicated).toBe(true);
    expect(merged.body.leadId).toBe((await heldRow(badPhoneId)).resolvedLeadId);
  });

  it('should discard without deleting, with the note in the audit trail', async () => {
    const [open] = (await admin().get('/api/v1/quarantine?status=open')).body.items;
    const discarded = await admin().post(`/api/v1/quarantine/${open.id}/discard`, { note: '垃圾数据' });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ id: open.id, resolution: 'discarded', resolvedLeadId: null });
    expect(await heldRow(open.id)).toMatchObject({ resolution: 'discarded', payload: open.payload });
    const [audit] = await f.server.clew.deps.db.select().from(auditLog).where(eq(auditLog.entityId, open.id));
    expect(audit).toMatchObject({ action: 'intake_rejection.discarded', after: { note: '垃圾数据' } });
    expect((await admin().post(`/api/v1/quarantine/${open.id}/discard`, {})).status).toBe(409);
    const release = await admin().post(`/api/v1/quarantine/${open.id}/release`, {
      lead: { name: 'x', phone: '13912340009' },
    });
    expect(release.status).toBe(409);
    expect(ids((await admin().get('/api/v1/quarantine?status=discarded')).body.items)).toEqual([open.id]);
  });

  it('should refuse reps and admit managers and marketing', async () => {
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    expect((await rep.get('/api/v1/quarantine')).status).toBe(403);
    expect((await rep.get('/api/v1/quarantine/summary')).status).toBe(403);
    expect((await rep.post(`/api/v1/quarantine/${badPhoneId}/discard`, {})).status).toBe(403);
    expect((await client(f.server.url, formKey).get('/api/v1/quarantine')).status).toBe(403);
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    expect((await manager.get('/api/v1/quarantine')).status).toBe(200);
    await addUser(f.server.clew, f.server.workspaceId, 'marketing', 'marketing.q@test.clew');
    const marketing = client(f.server.url, await loginAs(f.server.url, 'marketing.q@test.clew'));
    expect((await marketing.get('/api/v1/quarantine/summary')).status).toBe(200);
  });

  it('should keep workspaces apart', async () => {
    await addWorkspace(f.server.clew, 'Other Co', 'admin@other-q.clew');
    const other = client(f.server.url, await loginAs(f.server.url, 'admin@other-q.clew'));
    expect((await other.get('/api/v1/quarantine')).body.items).toEqual([]);
    expect((await other.get('/api/v1/quarantine/summary')).body.open).toBe(0);
    const [open] = (await admin().get('/api/v1/quarantine?status=open')).body.items;
    expect((await other.get(`/api/v1/quarantine/${open.id}`)).status).toBe(404);
    const release = await other.post(`/api/v1/quarantine/${open.id}/release`, {
      lead: { name: 'x', phone: '13912340010' },
    });
    expect(release.status).toBe(404);
    expect((await other.post(`/api/v1/quarantine/${open.id}/discard`, {})).status).toBe(404);
    expect((await heldRow(open.id)).resolution).toBeNull();
  });
});
