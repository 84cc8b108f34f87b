import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import {
  createNotificationSender,
  createSmtpTransport,
  type NotificationSenderDeps,
} from './notification-sender.service.ts';
import {
  dingtalkRobot,
  emailChannel,
  feishuRobot,
  notification,
  webhookEndpoint,
  webhookEvent,
  wecomRobot,
} from './notification.schemas.ts';
import type { RetryPolicy } from './retry.rules.ts';
import { verifyWebhookSignature } from './webhook-signature.rules.ts';

/**
 * The sender against local receivers that behave like the platforms: an HTTP server that checks
 * DingTalk's and Feishu's signatures and the webhook HMAC (computed here independently), failing
 * the first attempt with a 500 so the retry runs; and an in-process SMTP server. Time is a fixed
 * clock the retry "sleep" moves forward: nothing waits for real except the timeout test.
 */

const START = new Date('2026-12-05T04:00:00.000Z');
const DINGTALK_SECRET = 'SEC0123456789abcdef';
const FEISHU_SECRET = 'feishu-secret-0123';
const WEBHOOK_SECRET = 'whsec_test_secret_0123';
const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 30_000, factor: 4, maxDelayMs: 600_000, jitter: 0.2 };

const clock = fixedClock(START);

interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  at: Date;
}
let received: Received[] = [];
/** Paths that have failed their first attempt already. */
let failedOnce = new Set<string>();

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** A platform's rule: within an hour of its own clock (here, the test's clock). */
const withinHour = (ms: number) => Math.abs(clock.now().getTime() - ms) <= 3_600_000;

function receive(req: IncomingMessage, res: ServerResponse, body: string) {
  const url = new URL(req.url ?? '/', 'http://receiver');
  received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body, at: clock.now() });
  const firstTime = !failedOnce.has(url.pathname);
  failedOnce.add(url.pathname);
  switch (url.pathname) {
    case '/dingtalk': {
      const timestamp = Number(url.searchParams.get('timestamp'));
      const expected = createHmac('sha256', DINGTALK_SECRET)
        .update(`${timestamp}\n${DINGTALK_SECRET}`)
        .digest('base64');
      if (firstTime) return json(res, 500, { errcode: -1, errmsg: 'system busy' });
      if (
        url.searchParams.get('access_token') !== 'tok' ||
        url.searchParams.get('sign') !== expected ||
        !withinHour(timestamp)
      ) {
        return json(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      }
      return json(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    case '/feishu': {
      const parsed = JSON.parse(body) as { timestamp: string; sign: string };
      const key = `${parsed.timestamp}\n${FEISHU_SECRET}`;
      const expected = createHmac('sha256', key).update('').digest('base64');
      if (firstTime) return json(res, 500, { code: 500 });
      if (parsed.sign !== expected || !withinHour(Number(parsed.timestamp) * 1000)) {
        return json(res, 200, {
          code: 19021,
          msg: 'sign match fail or timestamp is not within one hour from current time',
        });
      }
      return json(res, 200, { code: 0, msg: 'success', data: {} });
    }
    case '/feishu-wrong-secret':
      return json(res, 200, { code: 19021, msg: 'sign match fail' });
    case '/wecom':
      return json(res, 200, { errcode: 0, errmsg: 'ok' });
    case '/webhook': {
      const header = String(req.headers['clew-signature'] ?? '');
      const t = /t=(\d+)/.exec(header)?.[1];
      const independent = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex');
      const verdict = verifyWebhookSignature({ body, header, secrets: [WEBHOOK_SECRET], now: clock.now() });
      if (firstTime) return json(res, 500, { error: 'down for a moment' });
      if (!verdict.ok || !header.includes(`v1=${independent}`)) return json(res, 401, { error: 'bad signature' });
      res.writeHead(204).end();
      return;
    }
    case '/gone':
      return json(res, 410, { error: 'endpoint removed' });
    case '/busy':
      res.writeHead(429, { 'retry-after': '120' }).end();
      return;
    case '/slow':
      return; // never answers
    default:
      return json(res, 404, {});
  }
}

let http: Server;
let base = '';
let closedPort = 0;

beforeAll(async () => {
  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => receive(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // A port nothing listens on: bind one, then let it go.
  const spare = createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((resolve) => spare.close(resolve));
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

let logs: { level: string; details: Record<string, unknown> }[] = [];

beforeEach(() => {
  received = [];
  failedOnce = new Set();
  logs = [];
  clock.set(START);
});

function sender(overrides: Partial<NotificationSenderDeps> = {}) {
  return createNotificationSender({
    fetch: globalThis.fetch,
    clock,
    smtp: null,
    logger: {
      info: (details) => logs.push({ level: 'info', details: details as Record<string, unknown> }),
      warn: (details) => logs.push({ level: 'warn', details: details as Record<string, unknown> }),
    },
    retryPolicy: policy,
    random: () => 0.5,
    sleep: async (ms) => clock.advance(ms),
    ...overrides,
  });
}

const zh = notification.parse({
  event: 'sla.breached',
  title: '线索超时未跟进：张三',
  lines: ['等级：A', '负责人：李四'],
  link: 'https://clew.example.com/leads/42',
  locale: 'zh-CN',
});

describe('group robots against a local receiver', () => {
  it('should retry DingTalk after a 500 and pass its signature check on the second attempt', async () => {
    const robot = dingtalkRobot.parse({
      kind: 'dingtalk',
      url: `${base}/dingtalk?access_token=tok`,
      secret: DINGTALK_SECRET,
    });
    const send = sender();
    const results = await send.withRetries((attempt) => send.sendRobot(robot, zh, attempt));
    expect(results.map((r) => [r.ok, r.status, r.attempt, r.errorCode])).toEqual([
      [false, 500, 1, 'http_status'],
      [true, 200, 2, null],
    ]);
    // 30 s less half the 20 % jitter; the second attempt was signed at the later time.
    expect(results[0]!.retryAt).toEqual(new Date(START.getTime() + 27_000));
    expect(received.map((r) => r.query.get('timestamp'))).toEqual([
      String(START.getTime()),
      String(START.getTime() + 27_000),
    ]);
    expect(JSON.parse(received[1]!.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: zh.title } });
  });

  it('should report DingTalk refusing a wrong secret as a platform error, not retried', async () => {
    const robot = dingtalkRobot.parse({
      kind: 'dingtalk',
      url: `${base}/dingtalk?access_token=tok`,
      secret: 'SECwrong',
    });
    failedOnce.add('/dingtalk');
    const send = sender();
    const results = await send.withRetries((attempt) => send.sendRobot(robot, zh, attempt));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      ok: false,
      status: 200,
      errorCode: 'platform_error',
      platformCode: 310000,
      retryable: false,
      retryAt: null,
    });
  });

  it('should retry Feishu after a 500 and pass its signature check in the body', async () => {
    const robot = feishuRobot.parse({ kind: 'feishu', url: `${base}/feishu`, secret: FEISHU_SECRET });
    const send = sender();
    const results = await send.withRetries((attempt) => send.sendRobot(robot, zh, attempt));
    expect(results.map((r) => [r.ok, r.status, r.attempt])).toEqual([
      [false, 500, 1],
      [true, 200, 2],
    ]);
    expect(JSON.parse(received[1]!.body)).toMatchObject({
      timestamp: String((START.getTime() + 27_000) / 1000),
      msg_type: 'post',
    });
  });

  it('should deliver to WeCom in one attempt', async () => {
    const robot = wecomRobot.parse({ kind: 'wecom', url: `${base}/wecom?key=wecom-key-1` });
    const result = await sender().sendRobot(robot, zh);
    expect(result).toMatchObject({ ok: true, status: 200, attempt: 1, errorCode: null, platformCode: 0 });
    expect(JSON.parse(received[0]!.body).msgtype).toBe('markdown');
  });

  it('should not retry a robot URL that answers 404', async () => {
    const robot = wecomRobot.parse({ kind: 'wecom', url: `${base}/nowhere?key=k` });
    const result = await sender().sendRobot(robot, zh);
    expect(result).toMatchObject({ ok: false, status: 404, errorCode: 'http_status', retryable: false, retryAt: null });
  });

  it('should log host, status and code but never the robot URL, its key or a secret', async () => {
    const robot = wecomRobot.parse({ kind: 'wecom', url: `${base}/wecom?key=wecom-key-1` });
    await sender().sendRobot(robot, zh);
    const dingtalk = dingtalkRobot.parse({
      kind: 'dingtalk',
      url: `${base}/dingtalk?access_token=tok`,
      secret: DINGTALK_SECRET,
    });
    await sender().sendRobot(dingtalk, zh);
    expect(logs.map((entry) => entry.level)).toEqual(['info', 'warn']);
    const logged = JSON.stringify(logs);
    for (const secret of ['wecom-key-1', 'access_token', DINGTALK_SECRET, '/wecom', '/dingtalk']) {
      expect(logged).not.toContain(secret);
    }
    expect(logs[0]!.details).toMatchObject({ channel: 'wecom', host: base.slice('http://'.length), status: 200 });
  });
});

describe('outbound webhooks against a local receiver', () => {
  // The receiver's port is known only once it listens: each test points the endpoint at its path.
  const endpoint = webhookEndpoint.parse({ kind: 'webhook', url: 'http://127.0.0.1/webhook', secret: WEBHOOK_SECRET });
  const event = webhookEvent.parse({
    id: 'evt_1',
    event: 'sla.breached',
    occurredAt: START.toISOString(),
    workspaceId: 'ws_1',
    data: { leadId: 'lead_42', name: '张三' },
  });

  it('should sign, fail once with a 500, and deliver the retry with the same delivery id', async () => {
    const send = sender();
    const target = { ...endpoint, url: `${base}/webhook` };
    const results = await send.withRetries((attempt) => send.sendWebhook(target, event, 'dlv_1', attempt));
    expect(results.map((r) => [r.ok, r.status, r.attempt, r.retryable])).toEqual([
      [false, 500, 1, true],
      [true, 204, 2, false],
    ]);
    expect(received.map((r) => r.headers['clew-delivery'])).toEqual(['dlv_1', 'dlv_1']);
    expect(received[1]!.headers['clew-event']).toBe('sla.breached');
    expect(JSON.parse(received[1]!.body)).toEqual(event);
  });

  it('should give up after maxAttempts when the receiver keeps failing', async () => {
    const send = sender();
    const target = { ...endpoint, url: `http://127.0.0.1:${closedPort}/webhook` };
    const results = await send.withRetries((attempt) => send.sendWebhook(target, event, 'dlv_2', attempt));
    expect(results.map((r) => [r.attempt, r.errorCode, r.status])).toEqual([
      [1, 'network', null],
      [2, 'network', null],
      [3, 'network', null],
    ]);
    expect(results[2]!.retryAt).toBeNull();
    expect(results[0]!.message).toBe('ECONNREFUSED');
  });

  it.each([
    { path: '/gone', status: 410, retryable: false, wait: null },
    { path: '/busy', status: 429, retryable: true, wait: 120_000 },
  ])('should treat $status as retryable: $retryable', async ({ path, status, retryable, wait }) => {
    const result = await sender().sendWebhook({ ...endpoint, url: `${base}${path}` }, event, 'dlv_3');
    expect(result).toMatchObject({ ok: false, status, retryable, errorCode: 'http_status' });
    expect(result.retryAt === null ? null : result.retryAt.getTime() - START.getTime()).toBe(wait);
  });

  it('should time out a receiver that never answers', async () => {
    const result = await sender({ timeoutMs: 200 }).sendWebhook({ ...endpoint, url: `${base}/slow` }, event, 'dlv_4');
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 'timeout', retryable: true });
  });
});

describe('e-mail through an in-process SMTP server', () => {
  let smtp: SMTPServer;
  let port = 0;
  const mails: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) {
          return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const transport = () =>
    createSmtpTransport({ host: '127.0.0.1', port, secure: false, from: 'Clew <clew@example.com>' }, 5_000);

  it('should deliver a zh-CN e-mail with a UTF-8 subject and body', async () => {
    const result = await sender({ smtp: { transport: transport(), from: 'Clew <clew@example.com>' } }).sendEmail(
      emailChannel.parse({ kind: 'email', to: ['li.si@example.com'] }),
      zh,
    );
    expect(result).toMatchObject({ ok: true, status: 250, attempt: 1, errorCode: null });
    const mail = mails.at(-1)!;
    expect(mail.from).toBe('clew@example.com');
    expect(mail.to).toEqual(['li.si@example.com']);
    expect(decodeSubject(mail.raw)).toBe('[Clew] 线索超时未跟进：张三');
    const text = textPart(mail.raw);
    expect(text).toContain('等级：A');
    expect(text).toContain('查看详情: https://clew.example.com/leads/42');
    expect(text).toContain('此邮件由 Clew 自动发送');
  });

  it('should report a refused recipient as smtp_rejected, not retried', async () => {
    const result = await sender({ smtp: { transport: transport(), from: 'clew@example.com' } }).sendEmail(
      emailChannel.parse({ kind: 'email', to: ['nobody@example.com'] }),
      zh,
    );
    expect(result).toMatchObject({ ok: false, status: 550, errorCode: 'smtp_rejected', retryable: false });
  });

  it('should report a server out of reach as smtp_unavailable, to retry', async () => {
    const unreachable = createSmtpTransport({
      host: '127.0.0.1',
      port: closedPort,
      secure: false,
      from: 'c@example.com',
    });
    const result = await sender({ smtp: { transport: unreachable, from: 'c@example.com' } }).sendEmail(
      emailChannel.parse({ kind: 'email', to: ['li.si@example.com'] }),
      zh,
    );
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 'smtp_unavailable', retryable: true });
    expect(result.retryAt).not.toBeNull();
  });

  it('should fail without an SMTP server set up', async () => {
    const result = await sender().sendEmail(emailChannel.parse({ kind: 'email', to: ['li.si@example.com'] }), zh);
    expect(result).toMatchObject({ ok: false, errorCode: 'smtp_unavailable', retryable: false });
  });
});

// ---- a little MIME reading, enough for what nodemailer writes ----

function headerBlock(raw: string): string {
  return raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
}

/** RFC 2047 encoded words (B and Q), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeSubject(raw: string): string {
  const line = headerBlock(raw)
    .split(/\r?\n/)
    .find((header) => header.toLowerCase().startsWith('subject:'));
  return decodeWords(line!.slice('subject:'.length).trim());
}

/** The text/plain part, its transfer encoding undone. */
function textPart(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headerBlock(raw))?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((p) => /content-type:\s*text\/plain/i.test(p))!;
  const [headers, ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers!)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const unfolded = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      unfolded.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return body;
}
