import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, addWorkspace, client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const expoForm = (channelId: string) => ({
  name: 'Expo 2026',
  channelId,
  campaign: '2026 上海展',
  fields: [
    { key: 'name', required: true },
    { key: 'phone', required: true, label: { 'zh-CN': '手机', 'en-US': 'Mobile' } },
    { key: 'company' },
    { key: 'custom.budget' },
  ],
  texts: {
    title: { 'zh-CN': '展会登记', 'en-US': 'Expo sign-up' },
    consent: { 'zh-CN': '我同意隐私政策', 'en-US': 'I agree to the privacy policy' },
    success: { 'zh-CN': '谢谢！', 'en-US': 'Thanks!' },
  },
});

describe('form builder API', () => {
  const f = intakeFixture({ reps: 1, env: { CLEW_TRUST_PROXY: '127.0.0.1' } });
  let channelId: string;
  let marketingToken: string;

  beforeAll(async () => {
    const admin = client(f.server.url, f.adminToken);
    await admin.post('/api/v1/fields', { entity: 'lead', name: 'budget', label: '预算', type: 'number' });
    channelId = (await admin.post('/api/v1/channels', { type: 'web_form', name: '展会' })).body.id;
    await addUser(f.server.clew, f.server.workspaceId, 'marketing', 'marketing@test.clew');
    marketingToken = await loginAs(f.server.url, 'marketing@test.clew');
  });

  it('should let marketing create a form with a generated slug, filled labels, its address and snippet', async () => {
    const created = await client(f.server.url, marketingToken).post('/api/v1/forms', expoForm(channelId));
    expect(created.status).toBe(201);
    const form = created.body;
    expect(form.slug).toMatch(/^expo-2026-[a-z2-9]{8}$/);
    expect(form).toMatchObject({
      name: 'Expo 2026',
      channelId,
      campaign: '2026 上海展',
      active: true,
      redirectUrl: null,
      publicPath: `/f/${form.slug}`,
      publicUrl: `${f.server.url}/f/${form.slug}`,
    });
    expect(form.fields).toEqual([
      { key: 'name', required: true, label: { 'zh-CN': '姓名', 'en-US': 'Name' } },
      { key: 'phone', required: true, label: { 'zh-CN': '手机', 'en-US': 'Mobile' } },
      { key: 'company', required: false, label: { 'zh-CN': '公司名称', 'en-US': 'Company' } },
      { key: 'custom.budget', required: false, label: { 'zh-CN': '预算', 'en-US': '预算' } },
    ]);
    expect(form.embedSnippet).toContain(
      `<iframe id="clew-form-${form.slug}" src="${f.server.url}/f/${form.slug}?embed=1"`,
    );
  });

  it('should print the origin a trusted proxy forwards, and a chosen slug', async () => {
    const created = await client(f.server.url, f.adminToken).post(
      '/api/v1/forms',
      { ...expoForm(channelId), slug: 'expo-forwarded' },
      { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'leads.example.cn' },
    );
    expect(created.status).toBe(201);
    expect(created.body.publicUrl).toBe('https://leads.example.cn/f/expo-forwarded');
  });

  it.each([
    [
      'an unknown custom field',
      { fields: [{ key: 'name' }, { key: 'phone' }, { key: 'custom.size' }] },
      400,
      'fields.2.key',
    ],
    ['a form without a contact field', { fields: [{ key: 'name' }, { key: 'company' }] }, 400, 'fields'],
    ['an unknown channel', { channelId: '00000000-0000-4000-8000-000000000000' }, 400, 'channelId'],
    ['a taken slug', { slug: 'expo-forwarded' }, 409, 'slug'],
    ['a bad slug', { slug: 'Expo 2026' }, 400, 'slug'],
    ['a script as redirect', { redirectUrl: 'javascript:alert(1)' }, 400, 'redirectUrl'],
  ])('should refuse %s', async (_case, change, status, field) => {
    const response = await client(f.server.url, f.adminToken).post('/api/v1/forms', {
      ...expoForm(channelId),
      ...change,
    });
    expect(response.status).toBe(status);
    expect(response.body.error.field).toBe(field);
  });

  it('should list, read and change a form, deactivating it for the public', async () => {
    const admin = client(f.server.url, f.adminToken);
    const created = (await admin.post('/api/v1/forms', { ...expoForm(channelId), name: '官网试用' })).body;
    expect(created.slug).toMatch(/^[a-z2-9]{8}$/);
    const listed = await admin.get('/api/v1/forms');
    expect(listed.body.items.map((form: { id: string }) => form.id)).toContain(created.id);
    expect((await admin.get(`/api/v1/forms/${created.id}`)).body).toEqual(created);

    const renamed = await admin.patch(`/api/v1/forms/${created.id}`, {
      slug: 'trial-2026',
      redirectUrl: 'https://clew.cn/thanks',
      fields: [{ key: 'name' }, { key: 'email', required: true }],
      texts: { title: { 'en-US': 'Free trial' } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      slug: 'trial-2026',
      publicPath: '/f/trial-2026',
      redirectUrl: 'https://clew.cn/thanks',
      texts: { title: { 'en-US': 'Free trial' } },
    });
    expect(renamed.body.fields.map((field: { key: string }) => field.key)).toEqual(['name', 'email']);
    expect((await client(f.server.url).get('/api/v1/public/forms/trial-2026')).status).toBe(200);

    const off = await admin.patch(`/api/v1/forms/${created.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await client(f.server.url).get('/api/v1/public/forms/trial-2026')).status).toBe(404);
    const refused = await client(f.server.url).post('/api/v1/public/forms/trial-2026/submissions', {
      values: { name: 'A', email: 'a@example.cn' },
    });
    expect(refused.status).toBe(404);
    expect((await admin.patch(`/api/v1/forms/${created.id}`, { slug: 'expo-forwarded' })).status).toBe(409);
    expect((await admin.patch(`/api/v1/forms/${created.id}`, {})).status).toBe(400);
  });

  it('should refuse a rep, and hide one workspace’s forms from another', async () => {
    const admin = client(f.server.url, f.adminToken);
    const form = (await admin.post('/api/v1/forms', expoForm(channelId))).body;
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    expect((await rep.get('/api/v1/forms')).status).toBe(403);
    expect((await rep.post('/api/v1/forms', expoForm(channelId))).status).toBe(403);
    expect((await rep.patch(`/api/v1/forms/${form.id}`, { active: false })).status).toBe(403);
    expect((await rep.get(`/api/v1/forms/${form.id}/qr.png`)).status).toBe(403);
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    expect((await manager.get(`/api/v1/forms/${form.id}`)).status).toBe(200);

    await addWorkspace(f.server.clew, 'Other Co', 'admin@other.clew');
    const other = client(f.server.url, await loginAs(f.server.url, 'admin@other.clew'));
    expect((await other.get('/api/v1/forms')).body.items).toEqual([]);
    expect((await other.get(`/api/v1/forms/${form.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/forms/${form.id}`, { active: false })).status).toBe(404);
    expect((await other.get(`/api/v1/forms/${form.id}/qr.svg`)).status).toBe(404);
  });

  it('should draw the address with its tracking parameters as a PNG and an SVG QR code', async () => {
    const admin = client(f.server.url, f.adminToken);
    const form = (await admin.post('/api/v1/forms', expoForm(channelId))).body;
    const query = '?campaign=%E4%B8%8A%E6%B5%B7%E7%AB%99&utm_source=poster&utm_medium=offline&utm_campaign=expo';
    const png = await fetch(`${f.server.url}/api/v1/forms/${form.id}/qr.png${query}&size=256`, {
      headers: { authorization: `Bearer ${f.adminToken}` },
    });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    const svg = await admin.get(`/api/v1/forms/${form.id}/qr.svg${query}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    // The same code the library draws for the address we expect: the parameters are baked in.
    const expected = await QRCode.toString(
      `${form.publicUrl}?campaign=%E4%B8%8A%E6%B5%B7%E7%AB%99&utm_source=poster&utm_medium=offline&utm_campaign=expo`,
      { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 512 },
    );
    expect(svg.body).toBe(expected);
    expect((await admin.get(`/api/v1/forms/${form.id}/qr.svg?size=5`)).status).toBe(400);
  });
});
