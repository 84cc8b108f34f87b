import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, channelHooks, hookDeliveries, intakeRejections, leads } from '../../platform/db/schema.ts';
import { addTeam, addUser, ADMIN_EMAIL, client, loginAs, startTestClew, type TestClew } from '../../../test/harness.ts';
import { hookPresets } from './hook.presets.ts';

describe('ad-platform webhooks', () => {
  let server: TestClew;
  let admin: ReturnType<typeof client>;
  let channelId: string;
  let secret: string;

  /** Posts raw text or an object to the hook, with the secret in the header unless told otherwise. */
  const deliver = (body: unknown, options: { secret?: string | null; query?: boolean; contentType?: string } = {}) => {
    const key = options.secret === undefined ? secret : options.secret;
    const url = `${server.url}/api/v1/hooks/${channelId}${options.query && key ? `?secret=${key}` : ''}`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        ...(key && !options.query ? { 'x-clew-hook-secret': key } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
  };

  const leadCount = async () => (await server.clew.deps.db.select({ id: leads.id }).from(leads)).length;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 2 });
    admin = client(server.url, await loginAs(server.url, ADMIN_EMAIL));
    const channel = await admin.post('/api/v1/channels', {
      type: 'ad_webhook',
      name: '巨量引擎-华东',
      campaign: '五月试用',
      monthlyCost: 30000,
    });
    channelId = channel.body.id;
  });
  afterAll(async () => server?.close());

  it('should list the presets with their samples and mappings', async () => {
    const presets = await admin.get('/api/v1/hook-presets');
    expect(presets.status).toBe(200);
    expect(presets.body.items.map((preset: { name: string }) => preset.name)).toEqual([
      'oceanengine',
      'tencent_ads',
      'baidu',
      'generic',
    ]);
    expect(presets.body.items[0]).toMatchObject({
      labels: { zh: expect.stringContaining('巨量引擎') },
      sample: { clue_id: '7301234567890123456' },
      mapping: { externalIdPath: 'clue_id|id' },
    });
  });

  it('should create the hook with a secret shown once and keep it on later changes', async () => {
    const created = await admin.put(`/api/v1/channels/${channelId}/hook`, { preset: 'oceanengine' });
    expect(created.status).toBe(201);
    secret = created.body.secret;
    expect(secret).toMatch(/^clewhook_[\w-]{43}$/);
    expect(created.body).toMatchObject({
      channelId,
      preset: 'oceanengine',
      secretPrefix: secret.slice(0, 13),
      endpointPath: `/api/v1/hooks/${channelId}`,
      mapping: hookPresets.oceanengine.mapping,
    });

    const mapping = { ...hookPresets.oceanengine.mapping, rules: [...hookPresets.oceanengine.mapping.rules] };
    const updated = await admin.put(`/api/v1/channels/${channelId}/hook`, { preset: 'oceanengine', mapping });
    expect(updated.status).toBe(200);
    expect(updated.body.secret).toBeUndefined();
    expect(updated.body.secretPrefix).toBe(created.body.secretPrefix);

    const shown = await admin.get(`/api/v1/channels/${channelId}/hook`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(secret);
    const [stored] = await server.clew.deps.db.select().from(channelHooks);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const audits = await server.clew.deps.db.select().from(auditLog).where(eq(auditLog.entity, 'channel_hook'));
    expect(audits.map((audit) => audit.action)).toEqual(['channel_hook.created', 'channel_hook.updated']);
    expect(JSON.stringify(audits)).not.toContain(stored!.secretHash);
  });

  it('should refuse a hook on a channel that is not an ad webhook, or on none', async () => {
    const api = await admin.post('/api/v1/channels', { type: 'api', name: 'ERP' });
    const refused = await admin.put(`/api/v1/channels/${api.body.id}/hook`, { preset: 'generic' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('type');
    const missing = await admin.put('/api/v1/channels/00000000-0000-4000-8000-000000000000/hook', {
      preset: 'generic',
    });
    expect(missing.status).toBe(404);
    const badMapping = await admin.put(`/api/v1/channels/${channelId}/hook`, {
      preset: 'generic',
      mapping: { rules: [{ target: 'name', path: 'a..b' }] },
    });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.field).toBe('mapping.rules.0.path');
  });

  let firstLeadId: string;

  it('should turn the preset sample into a lead of the channel, from source ad_webhook', async () => {
    const delivered = await deliver(hookPresets.oceanengine.sample);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({
      code: 0,
      results: [{ index: 0, externalId: '7301234567890123456', status: 'created' }],
    });
    firstLeadId = delivered.body.results[0].id;
    const lead = await admin.get(`/api/v1/leads/${firstLeadId}`);
    expect(lead.body).toMatchObject({
      name: '王磊',
      phone: '+8613912345678',
      company: '杭州云帆科技有限公司',
      source: 'ad_webhook',
      channelId,
      campaign: '五月试用',
      city: '杭州市',
      utm: { source: 'oceanengine', medium: 'paid', campaign: '华东-表单-0512' },
      touchCount: 1,
    });
    const touches = await admin.get(`/api/v1/leads/${firstLeadId}/touches`);
    expect(touches.body.items).toEqual([expect.objectContaining({ source: 'ad_webhook', channel: '巨量引擎-华东' })]);
  });

  it('should answer a retry with the same lead and no new touch, with the secret in the query too', async () => {
    const before = await leadCount();
    const retried = await deliver(hookPresets.oceanengine.sample, { query: true });
    expect(retried.status).toBe(200);
    expect(retried.body.results).toEqual([
      { index: 0, externalId: '7301234567890123456', id: firstLeadId, status: 'duplicate' },
    ]);
    expect(await leadCount()).toBe(before);
    expect((await admin.get(`/api/v1/leads/${firstLeadId}`)).body.touchCount).toBe(1);
  });

  it('should write one lead and one touch for two identical deliveries arriving together', async () => {
    const sample = {
      ...(hookPresets.oceanengine.sample as object),
      clue_id: '7301234567890000001',
      telephone: '13912340001',
      // A name of its own: the sample's name at the sample's company would be taken for one person.
      name: '并发客户',
    };
    const before = await leadCount();
    const answers = await Promise.all([deliver(sample), deliver(sample), deliver(sample)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const ids = new Set(answers.map((answer) => answer.body.results[0].id));
    expect(ids.size).toBe(1);
    expect(answers.map((answer) => answer.body.results[0].status).sort()).toEqual([
      'created',
      'duplicate',
      'duplicate',
    ]);
    expect(await leadCount()).toBe(before + 1);
    const touches = await admin.get(`/api/v1/leads/${[...ids][0]}/touches`);
    expect(touches.body.items).toHaveLength(1);
  });

  it('should wait for a delivery that holds the lead and answer with the lead it wrote', async () => {
    const sample = { ...(hookPresets.oceanengine.sample as object), clue_id: 'held-1', telephone: '13912340011' };
    const holder = { workspaceId: server.workspaceId, channelId, externalId: 'held-1' };
    const db = server.clew.deps.db;
    await db.insert(hookDeliveries).values({ ...holder, status: 'pending', receivedAt: server.clew.deps.clock.now() });
    const waiting = deliver(sample);
    // The holder finishes while the delivery waits: it answers with the holder's lead.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db
      .update(hookDeliveries)
      .set({ status: 'created', leadId: firstLeadId })
      .where(eq(hookDeliveries.externalId, 'held-1'));
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]).toMatchObject({ externalId: 'held-1', id: firstLeadId, status: 'duplicate' });
  });

  it('should take over a claim abandoned past its lease, and answer 409 while a live one holds', async () => {
    const db = server.clew.deps.db;
    const now = server.clew.deps.clock.now().getTime();
    const claim = (externalId: string, ageMs: number) =>
      db.insert(hookDeliveries).values({
        workspaceId: server.workspaceId,
        channelId,
        externalId,
        status: 'pending',
        receivedAt: new Date(now - ageMs),
      });
    await claim('abandoned-1', 5 * 60_000);
    const sample = (id: string, phone: string) => ({
      ...(hookPresets.oceanengine.sample as object),
      clue_id: id,
      telephone: phone,
      name: `客户${phone.slice(-4)}`,
    });
    const takenOver = await deliver(sample('abandoned-1', '13912340012'));
    expect(takenOver.body.results[0]).toMatchObject({ externalId: 'abandoned-1', status: 'created' });
    await claim('live-1', 0);
    const busy = await deliver(sample('live-1', '13912340013'));
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('CONFLICT');
  });

  it('should keep 64-bit lead ids that differ only past a double’s precision apart', async () => {
    const text = (id: string, phone: string) => `{"clue_id": ${id}, "name": "大数", "telephone": "${phone}"}`;
    const a = await deliver(text('7301234567890123460', '13912340002'));
    const b = await deliver(text('7301234567890123461', '13912340003'));
    expect(a.body.results[0]).toMatchObject({ externalId: '7301234567890123460', status: 'created' });
    expect(b.body.results[0]).toMatchObject({ externalId: '7301234567890123461', status: 'created' });
  });

  it('should answer 401 alike for a wrong or missing secret and an unknown channel', async () => {
    const wrong = await deliver(hookPresets.oceanengine.sample, { secret: 'clewhook_wrong' });
    const missing = await deliver(hookPresets.oceanengine.sample, { secret: null });
    // The secret is checked before the body is read: a wrong one with a broken body is still 401.
    const unread = await deliver('{"broken": ', { secret: 'clewhook_wrong' });
    const saved = channelId;
    channelId = '00000000-0000-4000-8000-000000000000';
    const unknown = await deliver(hookPresets.oceanengine.sample);
    channelId = 'not-a-uuid';
    const malformedId = await deliver(hookPresets.oceanengine.sample);
    channelId = saved;
    for (const answer of [wrong, missing, unread, unknown, malformedId]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Unknown hook or wrong secret' } });
    }
  });

  it('should refuse malformed JSON and a payload without its list of leads, keeping the latter', async () => {
    expect((await deliver('{"clue_id": ')).body.error.code).toBe('MALFORMED_JSON');
    const generic = await admin.put(`/api/v1/channels/${channelId}/hook`, { preset: 'generic' });
    expect(generic.status).toBe(200);
    const noList = await deliver({ lead: { name: 'x' } });
    expect(noList.status).toBe(400);
    expect(noList.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'itemsPath' });
    const kept = await server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(and(eq(intakeRejections.channelId, channelId), eq(intakeRejections.field, 'itemsPath')));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ source: 'ad_webhook', channel: '巨量引擎-华东', payload: { lead: { name: 'x' } } });
  });

  it('should answer each lead of a delivery on its own and keep the rejected one', async () => {
    const delivered = await deliver({
      leads: [
        { id: 'g-1', name: '赵敏', phone: '13612345601' },
        { id: 'g-2', name: '坏号码', phone: '12345' },
        { id: 'g-1', name: '赵敏', phone: '13612345601' },
        { name: '无编号', email: 'no.id@example.cn' },
        { id: 'g-3', phone: '13612345602' },
      ],
    });
    expect(delivered.status).toBe(200);
    const [created, rejected, repeated, hashed, unnamed] = delivered.body.results;
    expect(created).toMatchObject({ externalId: 'g-1', status: 'created' });
    expect(rejected).toMatchObject({
      externalId: 'g-2',
      id: null,
      status: 'rejected',
      error: { code: 'INVALID_PHONE', field: 'phone' },
    });
    expect(repeated).toEqual({ index: 2, externalId: 'g-1', id: created.id, status: 'duplicate' });
    expect(hashed).toMatchObject({ externalId: expect.stringMatching(/^sha256:/), status: 'created' });
    // Numbered by its place in the delivery, not among the leads sent on to intake.
    expect(unnamed).toMatchObject({
      index: 4,
      status: 'rejected',
      error: { code: 'VALIDATION_FAILED', field: 'name', message: expect.stringMatching(/^leads\[4\]\.name/) },
    });
    const kept = await server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(and(eq(intakeRejections.channelId, channelId), eq(intakeRejections.code, 'INVALID_PHONE')));
    expect(kept).toHaveLength(1);
  });

  it('should take a form post too', async () => {
    const tencent = await admin.put(`/api/v1/channels/${channelId}/hook`, {
      preset: 'tencent_ads',
    });
    expect(tencent.status).toBe(200);
    const body = new URLSearchParams({ leads_id: 'form-1', leads_name: '表单', leads_tel: '13512345678' });
    const delivered = await deliver(body.toString(), { contentType: 'application/x-www-form-urlencoded' });
    expect(delivered.status).toBe(200);
    expect(delivered.body.results[0]).toMatchObject({ externalId: 'form-1', status: 'created' });
  });

  it('should stop taking the old secret once rotated', async () => {
    const rotated = await admin.post(`/api/v1/channels/${channelId}/hook/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const old = secret;
    expect((await deliver(hookPresets.tencent_ads.sample, { secret: old })).status).toBe(401);
    secret = rotated.body.secret;
    expect((await deliver(hookPresets.tencent_ads.sample)).status).toBe(200);
  });

  it('should preview a pasted sample with the cleaned lead or the error of each item, writing nothing', async () => {
    const before = await leadCount();
    const preview = await admin.post(`/api/v1/channels/${channelId}/hook/preview`, {
      sample: JSON.stringify(hookPresets.baidu.sample),
      mapping: hookPresets.baidu.mapping,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.items).toEqual([
      expect.objectContaining({
        externalId: '210604140990751127',
        externalIdFrom: 'path',
        body: expect.objectContaining({ name: '刘洋', phone: '13712345678' }),
        outcome: {
          status: 'ok',
          lead: expect.objectContaining({
            phone: '+8613712345678',
            city: '苏州市',
            source: 'ad_webhook',
            campaign: '五月试用',
          }),
        },
      }),
    ]);
    const saved = await admin.post(`/api/v1/channels/${channelId}/hook/preview`, {
      sample: { leads_id: '9', leads_name: '无号码' },
    });
    expect(saved.body.items[0].outcome).toEqual({
      status: 'error',
      error: { code: 'MISSING_CONTACT', message: expect.any(String), field: 'phone' },
    });
    const broken = await admin.post(`/api/v1/channels/${channelId}/hook/preview`, { sample: '{"a":' });
    expect(broken.body.error).toMatchObject({ code: 'MALFORMED_JSON', field: 'sample' });
    expect(await leadCount()).toBe(before);
  });

  it('should let managers and marketing configure hooks and refuse reps', async () => {
    const org = await addTeam(server.clew, server.workspaceId, { name: 'Field', reps: 1, makeDefault: false });
    await addUser(server.clew, server.workspaceId, 'marketing', 'marketing@hooks.test');
    const rep = client(server.url, await loginAs(server.url, org.repEmails[0]!));
    const manager = client(server.url, await loginAs(server.url, org.managerEmail));
    const marketing = client(server.url, await loginAs(server.url, 'marketing@hooks.test'));
    const hookPath = `/api/v1/channels/${channelId}/hook`;
    for (const refused of [
      await rep.get('/api/v1/hook-presets'),
      await rep.get(hookPath),
      await rep.put(hookPath, { preset: 'generic' }),
      await rep.post(`${hookPath}/rotate-secret`),
      await rep.post(`${hookPath}/preview`, { sample: {} }),
    ]) {
      expect(refused.status).toBe(403);
    }
    expect((await manager.get(hookPath)).status).toBe(200);
    expect((await marketing.put(hookPath, { preset: 'baidu' })).status).toBe(200);
  });
});
