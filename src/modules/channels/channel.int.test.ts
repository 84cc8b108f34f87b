import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, ADMIN_EMAIL, client, loginAs, startTestClew, type TestClew } from '../../../test/harness.ts';

describe('channels and tag rules', () => {
  let server: TestClew;
  let adminToken: string;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
  });
  afterAll(async () => server?.close());

  it('should tag and attribute a lead sent with a key bound to a channel', async () => {
    const admin = client(server.url, adminToken);
    const channel = await admin.post('/api/v1/channels', {
      type: 'web_form',
      name: '官网注册',
      campaign: '双十一',
      monthlyCost: 12000.5,
    });
    expect(channel.status).toBe(201);
    expect(channel.body).toMatchObject({ name: '官网注册', monthlyCost: 12000.5, active: true });
    const rules = await admin.put('/api/v1/channel-tag-rules', {
      rules: [
        { when: { channelType: 'web_form' }, tags: ['线上渠道-主动咨询'] },
        { when: { utmMedium: 'cpc' }, tags: ['付费投放'] },
        { when: { source: '电话外呼' }, tags: ['外呼-被动响应'] },
      ],
    });
    expect(rules.status).toBe(200);
    const key = await admin.post('/api/v1/api-keys', {
      name: '官网表单',
      scopes: ['leads:write'],
      channelId: channel.body.id,
    });
    expect(key.body).toMatchObject({ channel: '官网注册', channelId: channel.body.id });
    const lead = await client(server.url, key.body.key).post('/api/v1/leads', {
      name: '渠道',
      phone: '13811112233',
      utm: { source: 'baidu', medium: 'cpc', campaign: 'brand' },
      landingPage: 'https://clew.cn/pricing',
      referrer: 'https://www.baidu.com/',
    });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({
      channelId: channel.body.id,
      campaign: '双十一',
      source: '官网注册',
      utm: { source: 'baidu', medium: 'cpc', campaign: 'brand' },
      landingPage: 'https://clew.cn/pricing',
      tags: ['线上渠道-主动咨询', '付费投放'],
    });
  });

  it('should add the tags a repeat earns without removing any', async () => {
    const repeat = await client(server.url, adminToken).post('/api/v1/leads', {
      name: '渠道',
      phone: '13811112233',
      source: '电话外呼',
    });
    expect(repeat.body.tags).toEqual(['线上渠道-主动咨询', '付费投放', '外呼-被动响应']);
  });

  it('should refuse an unknown channel, a duplicate name and an empty rule', async () => {
    const admin = client(server.url, adminToken);
    const unknown = await admin.post('/api/v1/leads', {
      name: 'x',
      phone: '13811112299',
      channelId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'channelId' });
    expect((await admin.post('/api/v1/channels', { type: 'api', name: '官网注册' })).status).toBe(409);
    const empty = await admin.put('/api/v1/channel-tag-rules', { rules: [{ when: {}, tags: ['x'] }] });
    expect(empty.status).toBe(400);
  });

  it('should update a channel and record its cost in fen exactly', async () => {
    const admin = client(server.url, adminToken);
    const [channel] = (await admin.get('/api/v1/channels')).body.items;
    const updated = await admin.patch(`/api/v1/channels/${channel.id}`, { monthlyCost: 0.1 + 0.2, active: false });
    expect(updated.body).toMatchObject({ monthlyCost: 0.3, active: false });
  });
});
