import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { intakeRejections, leads } from '../../platform/db/schema.ts';
import { fixedClock } from '../../platform/clock.ts';
import { client } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

const RATE = 3;

describe('public forms', () => {
  const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
  // Loopback is the trusted proxy, so each test can speak for its own visitor address.
  const f = intakeFixture({
    reps: 2,
    clock,
    env: { CLEW_TRUST_PROXY: '127.0.0.1', CLEW_FORM_RATE_PER_MINUTE: String(RATE) },
  });
  let channelId: string;
  let slug: string;

  const visitor = (ip: string, headers: Record<string, string> = {}) => {
    const http = client(f.server.url);
    return {
      get: (path: string) => http.get(path, { 'x-forwarded-for': ip, ...headers }),
      submit: (body: unknown, query = '') =>
        http.post(`/api/v1/public/forms/${slug}/submissions${query}`, body, { 'x-forwarded-for': ip, ...headers }),
    };
  };
  const leadsByPhone = (phone: string) =>
    f.server.clew.deps.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, f.server.workspaceId), eq(leads.phone, phone)));
  const rejectionsFrom = (ip: string) =>
    f.server.clew.deps.db
      .select()
      .from(intakeRejections)
      .where(and(eq(intakeRejections.workspaceId, f.server.workspaceId), eq(intakeRejections.clientIp, ip)));

  beforeAll(async () => {
    const admin = client(f.server.url, f.adminToken);
    await admin.post('/api/v1/fields', { entity: 'lead', name: 'budget', label: '预算', type: 'number' });
    await admin.post('/api/v1/fields', { entity: 'lead', name: 'industry', type: 'select', options: ['制造', '零售'] });
    channelId = (await admin.post('/api/v1/channels', { type: 'web_form', name: '展会' })).body.id;
    const form = await admin.post('/api/v1/forms', {
      name: 'Expo 2026',
      channelId,
      campaign: '2026 上海展',
      fields: [
        { key: 'name', required: true },
        { key: 'phone' },
        { key: 'email' },
        { key: 'company' },
        { key: 'custom.budget' },
        { key: 'custom.industry', required: true },
      ],
      texts: {
        title: { 'zh-CN': '展会登记', 'en-US': 'Expo sign-up' },
        consent: { 'zh-CN': '我同意隐私政策', 'en-US': 'I agree to the privacy policy' },
        success: { 'zh-CN': '谢谢！', 'en-US': 'Thanks!' },
      },
    });
    expect(form.status).toBe(201);
    slug = form.body.slug;
  });

  const zhThanks = { ok: true, message: '谢谢！' };
  let invalidVisitors = 0;
  // A name of its own per phone: the same name at the same company would be taken for one person.
  const valuesOf = (phone: string, name = `访客${phone.slice(-4)}`) => ({
    name,
    phone,
    company: '杭州启明软件有限公司',
    'custom.budget': '50,000',
    'custom.industry': '制造',
  });

  it('should give the page what it renders and no internal ids', async () => {
    const page = await visitor('10.0.0.1').get(`/api/v1/public/forms/${slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      slug,
      title: { 'zh-CN': '展会登记', 'en-US': 'Expo sign-up' },
      description: null,
      consent: { 'zh-CN': '我同意隐私政策', 'en-US': 'I agree to the privacy policy' },
      fields: [
        { key: 'name', required: true, label: { 'zh-CN': '姓名', 'en-US': 'Name' }, type: 'text', options: null },
        { key: 'phone', required: false, label: { 'zh-CN': '手机号', 'en-US': 'Phone' }, type: 'tel', options: null },
        { key: 'email', required: false, label: { 'zh-CN': '邮箱', 'en-US': 'E-mail' }, type: 'email', options: null },
        {
          key: 'company',
          required: false,
          label: { 'zh-CN': '公司名称', 'en-US': 'Company' },
          type: 'text',
          options: null,
        },
        {
          key: 'custom.budget',
          required: false,
          label: { 'zh-CN': '预算', 'en-US': '预算' },
          type: 'number',
          options: null,
        },
        {
          key: 'custom.industry',
          required: true,
          label: { 'zh-CN': 'industry', 'en-US': 'industry' },
          type: 'select',
          options: ['制造', '零售'],
        },
      ],
    });
    expect(JSON.stringify(page.body)).not.toMatch(new RegExp(`${f.server.workspaceId}|${channelId}`));
    expect((await visitor('10.0.0.1').get('/api/v1/public/forms/no-such-form')).status).toBe(404);
  });

  it('should turn a submission into a lead of the form’s channel with its campaign and UTM', async () => {
    const answer = await visitor('10.0.0.2').submit({
      values: valuesOf('13912340001', '周杰'),
      consent: true,
      context: {
        utm_source: 'poster',
        utm_medium: 'offline',
        utm_campaign: 'expo',
        campaign: '上海站',
        landingPage: `https://clew.cn/f/${slug}?utm_source=poster`,
        referrer: 'https://www.baidu.com/',
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(zhThanks);
    const [lead] = await leadsByPhone('+8613912340001');
    expect(lead).toMatchObject({
      name: '周杰',
      source: 'web_form',
      channelId,
      campaign: '上海站',
      utm: { source: 'poster', medium: 'offline', campaign: 'expo' },
      landingPage: `https://clew.cn/f/${slug}?utm_source=poster`,
      referrer: 'https://www.baidu.com/',
      custom: { budget: 50_000, industry: '制造' },
    });
    expect(lead!.ownerId).not.toBeNull();
    const listed = await client(f.server.url, f.adminToken).get('/api/v1/leads?source=web_form');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(lead!.id);
  });

  it('should merge a repeat and answer exactly as for a new person', async () => {
    const first = await visitor('10.0.0.3').submit({ values: valuesOf('13912340002'), consent: true });
    const repeat = await visitor('10.0.0.3').submit({ values: valuesOf('13912340002', '周杰伦'), consent: true });
    expect(repeat.status).toBe(first.status);
    expect(repeat.body).toEqual(first.body);
    const found = await leadsByPhone('+8613912340002');
    expect(found).toHaveLength(1);
    expect(found[0]!.touchCount).toBe(2);
    // The form's campaign, as no campaign parameter came.
    expect(found[0]!.campaign).toBe('2026 上海展');
  });

  it('should answer in the visitor’s language', async () => {
    const en = await visitor('10.0.0.4').submit({ values: valuesOf('13912340003'), consent: true }, '?lang=en-US');
    expect(en.body).toEqual({ ok: true, message: 'Thanks!' });
    const byHeader = await visitor('10.0.0.4', { 'accept-language': 'en-GB,en;q=0.9' }).submit({
      values: valuesOf('13912340004'),
      consent: true,
    });
    expect(byHeader.body).toEqual({ ok: true, message: 'Thanks!' });
  });

  it('should keep a bot’s submission quarantined, answer it as a success and make no lead', async () => {
    const answer = await visitor('10.0.0.5').submit({
      values: valuesOf('13912340005', 'Bot'),
      consent: true,
      hp: 'http://spam.example',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(zhThanks);
    expect(await leadsByPhone('+8613912340005')).toEqual([]);
    const [kept] = await rejectionsFrom('10.0.0.5');
    expect(kept).toMatchObject({
      kind: 'quarantined',
      code: 'VALIDATION_FAILED',
      field: 'hp',
      source: 'web_form',
      channel: 'Expo 2026',
      channelId,
      resolution: null,
    });
    expect(kept!.message).toMatch(/honeypot/);
    // Kept as the lead it would have made, so it can be released as it is.
    expect(kept!.payload).toMatchObject({ name: 'Bot', phone: '13912340005', custom: { budget: '50,000' } });
  });

  it('should quarantine a test or spam entry with its address, answering it as a success', async () => {
    const answer = await visitor('10.0.0.15').submit({ values: valuesOf('13912340015', '测试'), consent: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(zhThanks);
    expect(await leadsByPhone('+8613912340015')).toEqual([]);
    expect(await rejectionsFrom('10.0.0.15')).toEqual([
      expect.objectContaining({ kind: 'quarantined', code: 'SUSPECTED_SPAM', channelId }),
    ]);
  });

  it('should quarantine what one address sends over the rate limit, still answering success', async () => {
    const ip = '10.0.0.6';
    for (let index = 0; index < RATE; index++) {
      const answer = await visitor(ip).submit({ values: valuesOf(`1391234010${index}`), consent: true });
      expect(answer.body).toEqual(zhThanks);
    }
    const over = await visitor(ip).submit({ values: valuesOf('13912340199'), consent: true });
    expect(over.status).toBe(200);
    expect(over.body).toEqual(zhThanks);
    expect(await leadsByPhone('+8613912340199')).toEqual([]);
    const kept = await rejectionsFrom(ip);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ kind: 'quarantined', code: 'RATE_LIMITED', channelId });
    expect(kept[0]!.message).toMatch(/Rate limit/);
    // Another address is not held back by this one.
    expect((await visitor('10.0.0.7').submit({ values: valuesOf('13912340198'), consent: true })).body).toEqual(
      zhThanks,
    );
    expect(await leadsByPhone('+8613912340198')).toHaveLength(1);
    // A minute later the address may submit again.
    clock.advance(61_000);
    expect((await visitor(ip).submit({ values: valuesOf('13912340197'), consent: true })).body).toEqual(zhThanks);
    expect(await leadsByPhone('+8613912340197')).toHaveLength(1);
  });

  it.each([
    ['a missing required name', { ...valuesOf('13912340301'), name: '' }, true, 400, 'VALIDATION_FAILED', 'name'],
    ['an impossible phone', valuesOf('12345'), true, 422, 'INVALID_PHONE', 'phone'],
    ['no phone and no e-mail', { ...valuesOf(''), phone: null }, true, 422, 'MISSING_CONTACT', 'phone'],
    [
      'a budget that is no number',
      { ...valuesOf('13912340302'), 'custom.budget': 'lots' },
      true,
      400,
      'VALIDATION_FAILED',
      'custom.budget',
    ],
    [
      'an option the select lacks',
      { ...valuesOf('13912340303'), 'custom.industry': '金融' },
      true,
      400,
      'VALIDATION_FAILED',
      'custom.industry',
    ],
    ['consent not given', valuesOf('13912340304'), false, 400, 'VALIDATION_FAILED', 'consent'],
    ['a field the form lacks', { ...valuesOf('13912340305'), title: 'CEO' }, true, 400, 'VALIDATION_FAILED', 'title'],
  ])('should refuse %s with the field at fault, and keep it', async (_case, values, consent, status, code, field) => {
    const keptRows = async () =>
      (
        await f.server.clew.deps.db
          .select()
          .from(intakeRejections)
          .where(and(eq(intakeRejections.workspaceId, f.server.workspaceId), eq(intakeRejections.code, code)))
      ).filter((row) => row.kind === 'rejected' && row.field === field && row.channelId === channelId);
    const before = (await keptRows()).length;
    const answer = await visitor(`10.1.0.${++invalidVisitors}`).submit({ values, consent });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, field });
    expect(await keptRows()).toHaveLength(before + 1);
  });

  it('should keep a body the request schema refuses', async () => {
    const answer = await visitor('10.0.0.9').submit({ values: 'not an object', extra: 1 });
    expect(answer.status).toBe(400);
    const [kept] = await rejectionsFrom('10.0.0.9');
    expect(kept).toMatchObject({ kind: 'rejected', code: 'VALIDATION_FAILED' });
    expect(kept!.payload).toEqual({ values: 'not an object', extra: 1 });
  });

  it('should send the visitor to the redirect address when the form has one', async () => {
    const admin = client(f.server.url, f.adminToken);
    const listed = await admin.get('/api/v1/forms');
    const form = listed.body.items.find((item: { slug: string }) => item.slug === slug);
    await admin.patch(`/api/v1/forms/${form.id}`, { redirectUrl: 'https://clew.cn/thanks' });
    const answer = await visitor('10.0.0.10').submit({ values: valuesOf('13912340401'), consent: true });
    expect(answer.body).toEqual({ ok: true, redirectUrl: 'https://clew.cn/thanks' });
    await admin.patch(`/api/v1/forms/${form.id}`, { redirectUrl: null });
  });
});
