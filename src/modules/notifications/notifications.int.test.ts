import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/database.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { client, loginAs } from '../../../test/harness.ts';
import { createDeliveryWorker } from './delivery.worker.ts';
import { dingtalkSignature, feishuSignature } from './robot-message.rules.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature.rules.ts';

interface Received {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const WEBHOOK_SECRET = 'whsec_0123456789abcdef';
const DING_SECRET = 'SECdingtalk-secret';
const FEISHU_SECRET = 'feishu-secret';

describe('notifications', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  const env: Record<string, string> = { SMTP_FROM: 'Clew <clew@test.clew>' };
  const received: Received[] = [];
  const mails: { to: string[]; raw: string }[] = [];
  let flakyFailures = 0;
  let receiver: http.Server;
  let smtp: SMTPServer;
  let base = '';

  // Registered before the fixture's, so the SMTP port is in `env` when the server boots.
  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://x');
        received.push({
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (url.pathname === '/flaky' && flakyFailures > 0) {
          flakyFailures--;
          response.writeHead(503).end('down');
          return;
        }
        const reply = url.pathname === '/feishu' ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  const f = intakeFixture({ reps: 1, clock, channel: '官网', env });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const admin = () => client(f.server.url, f.adminToken);
  const deps = () => f.server.clew.deps;
  let phone = 13700000000;
  const newLead = async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: `通知测试${phone + 1}`,
      company: `示例科技${phone + 1}`,
      phone: String(++phone),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; ownerId: string };
  };
  const deliveriesOf = (channelId: string) =>
    queryRows<{ id: string; status: string; attempts: number; next_attempt_at: string | Date; event: string }>(
      deps().db,
      sql`SELECT id, status, attempts, next_attempt_at, event FROM notification_deliveries
          WHERE channel_id = ${channelId} ORDER BY created_at, id`,
    );
  const addChannel = async (body: Record<string, unknown>) => {
    const response = await admin().post('/api/v1/notification-channels', body);
    expect(response.status).toBe(201);
    return response.body as { id: string; config: Record<string, unknown> };
  };
  const setActive = async (id: string, active: boolean) =>
    expect((await admin().patch(`/api/v1/notification-channels/${id}`, { active })).status).toBe(200);

  it('should give the owner an in-app notification on assignment, count it unread and mark it read', async () => {
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    const before = (await rep.get('/api/v1/notifications/unread-count')).body.unread as number;
    const lead = await newLead();
    expect(lead.ownerId).toBe(f.org.repIds[0]);
    expect((await rep.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: before + 1 });
    const list = await rep.get('/api/v1/notifications?unread=true&limit=1');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ type: 'lead.assigned', leadId: lead.id, readAt: null });
    expect(list.body.items[0].data).toMatchObject({
      name: expect.stringMatching(/^通知测试/),
      company: expect.stringMatching(/^示例科技/),
    });
    // Nobody else sees it.
    expect((await admin().get('/api/v1/notifications?unread=true')).body.items).toEqual([]);

    const marked = await rep.post('/api/v1/notifications/read', { ids: [list.body.items[0].id] });
    expect(marked.body).toEqual({ marked: 1, unread: before });
    expect((await rep.post('/api/v1/notifications/read', { all: true })).body).toEqual({ marked: before, unread: 0 });
    expect((await rep.get('/api/v1/notifications?unread=false')).body.items[0].readAt).toBe(clock.now().toISOString());
    expect((await rep.post('/api/v1/notifications/read', { ids: ['nope'] })).status).toBe(400);
    expect((await rep.get('/api/v1/notifications?cursor=nonsense')).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'cursor',
    });
  });

  it('should hold back in-app entries a user turned off', async () => {
    const repToken = await loginAs(f.server.url, f.org.repEmails[0]!);
    const rep = client(f.server.url, repToken);
    const put = await rep.put('/api/v1/notification-preferences/me', { channels: ['email'] });
    expect(put.status).toBe(200);
    expect(put.body.effective.channels).toEqual(['email']);
    await newLead();
    expect((await rep.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 0 });
    expect((await rep.put('/api/v1/notification-preferences/me', {})).status).toBe(200);
    await newLead();
    expect((await rep.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 1 });
    expect((await rep.put('/api/v1/notification-preferences/me', { channels: ['pager'] })).status).toBe(400);
  });

  it('should deliver an assignment to DingTalk, Feishu, WeCom and a webhook, each signed as its receiver checks', async () => {
    const channels = [
      await addChannel({
        name: '钉钉群',
        config: { kind: 'dingtalk', url: `${base}/dingtalk?access_token=t`, secret: DING_SECRET },
      }),
      await addChannel({ name: '飞书群', config: { kind: 'feishu', url: `${base}/feishu`, secret: FEISHU_SECRET } }),
      await addChannel({ name: '企业微信', config: { kind: 'wecom', url: `${base}/wecom?key=k` } }),
      await addChannel({
        name: 'CRM',
        config: { kind: 'webhook', url: `${base}/hook`, secret: WEBHOOK_SECRET },
        events: ['lead.assigned'],
      }),
    ];
    expect(channels[0]!.config.secret).toMatch(/^••••/);
    received.length = 0;
    const lead = await newLead();
    await deps().deliveryWorker.runNow();
    for (const channel of channels) {
      expect(await deliveriesOf(channel.id)).toMatchObject([{ status: 'sent', attempts: 1, event: 'lead.assigned' }]);
    }
    const at = (path: string) => received.find((request) => request.path === path)!;

    const ding = at('/dingtalk');
    expect(ding.query.get('sign')).toBe(dingtalkSignature(DING_SECRET, Number(ding.query.get('timestamp'))));
    expect(JSON.parse(ding.body).markdown.text).toContain('通知测试');

    const feishu = JSON.parse(at('/feishu').body);
    expect(feishu.sign).toBe(feishuSignature(FEISHU_SECRET, Number(feishu.timestamp)));

    expect(JSON.parse(at('/wecom').body).msgtype).toBe('markdown');

    const hook = at('/hook');
    expect(
      verifyWebhookSignature({
        body: hook.body,
        header: hook.headers[SIGNATURE_HEADER] as string,
        secrets: [WEBHOOK_SECRET],
        now: clock.now(),
      }),
    ).toMatchObject({ ok: true });
    expect(
      verifyWebhookSignature({
        body: hook.body,
        header: hook.headers[SIGNATURE_HEADER] as string,
        secrets: ['another-secret-0000'],
        now: clock.now(),
      }),
    ).toMatchObject({ ok: false });
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'lead.assigned', data: { leadId: lead.id } });

    clock.advance(1_000);
    const test = await admin().post(`/api/v1/notification-channels/${channels[1]!.id}/test`, {});
    expect(test.body).toMatchObject({ status: 'sent', event: 'notification.test', attempts: 1, responseCode: 200 });
    const log = await admin().get(`/api/v1/notification-deliveries?channelId=${channels[1]!.id}`);
    expect(log.body.items.map((item: { event: string }) => item.event)).toEqual(['notification.test', 'lead.assigned']);
    for (const channel of channels) await setActive(channel.id, false);
  });

  it('should retry a receiver that fails first with back-off, and log both attempts', async () => {
    const flaky = await addChannel({
      name: 'flaky',
      config: { kind: 'webhook', url: `${base}/flaky`, secret: WEBHOOK_SECRET },
    });
    flakyFailures = 1;
    received.length = 0;
    await newLead();
    await deps().deliveryWorker.runNow();
    const [failed] = await deliveriesOf(flaky.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    const wait = new Date(failed!.next_attempt_at).getTime() - clock.now().getTime();
    // 30 s base, less up to 20 % jitter.
    expect(wait).toBeGreaterThanOrEqual(24_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    // Not due yet: nothing is sent.
    await deps().deliveryWorker.runNow();
    expect(received.filter((request) => request.path === '/flaky')).toHaveLength(1);
    clock.advance(wait);
    await deps().deliveryWorker.runNow();
    expect(await deliveriesOf(flaky.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
    const attempts = received.filter((request) => request.path === '/flaky');
    expect(attempts).toHaveLength(2);
    // The same delivery id on both attempts, so a receiver can de-duplicate.
    expect(attempts[0]!.headers['clew-delivery']).toBe(attempts[1]!.headers['clew-delivery']);
    const log = await admin().get(`/api/v1/notification-deliveries?channelId=${flaky.id}`);
    expect(log.body.items[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null, responseCode: 200 });
    await setActive(flaky.id, false);
  });

  it('should e-mail through SMTP, and hold e-mail until the owner’s quiet hours end', async () => {
    const mail = await addChannel({ name: '邮件', config: { kind: 'email', to: ['sales@test.clew'] } });
    mails.length = 0;
    await newLead();
    await deps().deliveryWorker.runNow();
    expect(await deliveriesOf(mail.id)).toMatchObject([{ status: 'sent' }]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['sales@test.clew']);
    expect(mails[0]!.raw).toMatch(/Subject: /);

    // 02:00 UTC is 10:00 in Shanghai: quiet from 09:00 to 12:00 there holds the mail until 04:00 UTC.
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    const quiet = { start: '09:00', end: '12:00', timeZone: 'Asia/Shanghai' };
    expect((await rep.put('/api/v1/notification-preferences/me', { quietHours: quiet })).status).toBe(200);
    // A second later, so the log lists the two deliveries in order.
    clock.advance(1_000);
    await newLead();
    await deps().deliveryWorker.runNow();
    const held = (await deliveriesOf(mail.id))[1]!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(new Date(held.next_attempt_at).toISOString()).toBe(
      new Date(clock.now().toISOString().slice(0, 10) + 'T04:00:00.000Z').toISOString(),
    );
    expect(mails).toHaveLength(1);
    clock.set(new Date(held.next_attempt_at));
    await deps().deliveryWorker.runNow();
    expect((await deliveriesOf(mail.id))[1]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mails).toHaveLength(2);
    expect((await rep.put('/api/v1/notification-preferences/me', {})).status).toBe(200);
    await setActive(mail.id, false);
  });

  it('should send each due delivery once when two workers claim at the same time', async () => {
    const hook = await addChannel({
      name: 'once',
      config: { kind: 'webhook', url: `${base}/once`, secret: WEBHOOK_SECRET },
    });
    await deps().deliveryWorker.stop();
    for (let index = 0; index < 6; index++) await newLead();
    received.length = 0;
    const workers = [1, 2].map(() =>
      createDeliveryWorker({ db: deps().db, clock, sender: deps().notificationSender, publicUrl: null }, { chunk: 2 }),
    );
    const counts = await Promise.all(workers.map((worker) => worker.runNow()));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(6);
    const ids = received
      .filter((request) => request.path === '/once')
      .map((request) => request.headers['clew-delivery']);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(await deliveriesOf(hook.id)).toHaveLength(6);
    expect((await deliveriesOf(hook.id)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    deps().deliveryWorker.start();
  });

  it('should refuse bad channels with the field, hide them from reps, and keep team preferences to managers', async () => {
    const bad = await admin().post('/api/v1/notification-channels', {
      name: 'x',
      config: { kind: 'webhook', url: 'ftp://x', secret: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const rep = client(f.server.url, await loginAs(f.server.url, f.org.repEmails[0]!));
    expect((await rep.get('/api/v1/notification-channels')).status).toBe(403);
    expect((await rep.get(`/api/v1/notification-preferences/teams/${f.org.teamId}`)).status).toBe(403);
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    const put = await manager.put(`/api/v1/notification-preferences/teams/${f.org.teamId}`, { events: ['lead.*'] });
    expect(put.status).toBe(200);
    expect((await rep.get('/api/v1/notification-preferences/me')).body.team).toMatchObject({ events: ['lead.*'] });
    expect((await admin().get('/api/v1/notification-channels/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
