import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkRobot, feishuRobot, notification, wecomRobot, type Notification } from './notification.schemas.ts';
import {
  contentByteLimits,
  dingtalkMessage,
  dingtalkSignature,
  escapeMarkdown,
  feishuMessage,
  feishuSignature,
  readRobotReply,
  truncateUtf8,
  wecomMessage,
} from './robot-message.rules.ts';

// 2026-12-05T04:00:00Z: DingTalk signs milliseconds, Feishu seconds.
const NOW = new Date('2026-12-05T04:00:00.000Z');

const zh: Notification = notification.parse({
  event: 'sla.breached',
  title: '线索超时未跟进：张三（上海某某科技）',
  lines: ['等级：A', '负责人：李四', '已超时 5 分钟'],
  link: 'https://clew.example.com/leads/42',
  locale: 'zh-CN',
});
const en: Notification = notification.parse({
  event: 'lead.assigned',
  title: 'New lead: Jane Doe',
  lines: ['Grade A', 'Channel: web form'],
  link: 'https://clew.example.com/leads/7',
  locale: 'en-US',
});

describe('signature vectors', () => {
  // Computed outside Node with openssl (see the report), and again here with node:crypto written the other way round.
  it.each([
    {
      secret: 'SEC0123456789abcdef',
      timestamp: 1796443200000,
      openssl: 'eIp0yVmJ6Dg0p8uLFRny5zoIsYtEbD+s+1RqTmohonI=',
    },
    { secret: 'SECxyz', timestamp: 1, openssl: null },
    { secret: 'SEC密钥', timestamp: 1796443200123, openssl: null },
  ])(
    'should sign DingTalk as HMAC(secret, "ts\\nsecret") for $secret at $timestamp',
    ({ secret, timestamp, openssl }) => {
      const independent = createHmac('sha256', Buffer.from(secret, 'utf8'))
        .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
        .digest()
        .toString('base64');
      expect(dingtalkSignature(secret, timestamp)).toBe(independent);
      if (openssl) expect(dingtalkSignature(secret, timestamp)).toBe(openssl);
    },
  );

  it.each([
    { secret: 'feishu-secret-0123', timestamp: 1796443200, openssl: 'ZRtdUvdvNeGS8dQVg39yCIS4c/9nqgzUiULYprL9mY4=' },
    { secret: 'x', timestamp: 1599360473, openssl: null },
    { secret: '飞书密钥', timestamp: 1796443201, openssl: null },
  ])('should sign Feishu as HMAC("ts\\nsecret", empty) for $secret at $timestamp', ({ secret, timestamp, openssl }) => {
    const independent = createHmac('sha256', Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
      .update(Buffer.alloc(0))
      .digest('base64');
    expect(feishuSignature(secret, timestamp)).toBe(independent);
    if (openssl) expect(feishuSignature(secret, timestamp)).toBe(openssl);
  });
});

describe('dingtalkMessage', () => {
  const signed = dingtalkRobot.parse({
    kind: 'dingtalk',
    url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
    secret: 'SEC0123456789abcdef',
  });

  it('should put timestamp (ms) and the URL-encoded sign in the query, keeping the access token', () => {
    const request = dingtalkMessage(signed, zh, NOW);
    const query = request.url.split('?')[1]!;
    expect(query).toContain('access_token=abc123');
    expect(query).toContain('timestamp=1796443200000');
    // + / = of the base64 are percent-encoded, as DingTalk's urlEncode step asks.
    expect(query).toContain('sign=eIp0yVmJ6Dg0p8uLFRny5zoIsYtEbD%2Bs%2B1RqTmohonI%3D');
    expect(new URL(request.url).searchParams.get('sign')).toBe('eIp0yVmJ6Dg0p8uLFRny5zoIsYtEbD+s+1RqTmohonI=');
  });

  it('should leave the URL alone without a secret', () => {
    const request = dingtalkMessage({ ...signed, secret: undefined }, zh, NOW);
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123');
  });

  it.each([
    {
      format: 'markdown' as const,
      expected: {
        msgtype: 'markdown',
        markdown: {
          title: zh.title,
          text: '**线索超时未跟进：张三（上海某某科技）**\n> 等级：A\n\n> 负责人：李四\n\n> 已超时 5 分钟\n\n[查看详情](https://clew.example.com/leads/42)',
        },
        at: { atMobiles: [], isAtAll: false },
      },
    },
    {
      format: 'text' as const,
      expected: {
        msgtype: 'text',
        text: {
          content:
            '线索超时未跟进：张三（上海某某科技）\n等级：A\n负责人：李四\n已超时 5 分钟\n查看详情: https://clew.example.com/leads/42',
        },
        at: { atMobiles: [], isAtAll: false },
      },
    },
  ])('should build the $format body', ({ format, expected }) => {
    expect(dingtalkMessage({ ...signed, format }, zh, NOW).body).toEqual(expected);
  });

  it('should @ mentioned mobiles in the text as well as in at.atMobiles', () => {
    const request = dingtalkMessage({ ...signed, mentionMobiles: ['13800001111'] }, en, NOW);
    expect(request.body.at).toEqual({ atMobiles: ['13800001111'], isAtAll: false });
    expect((request.body.markdown as { text: string }).text.endsWith('\n\n@13800001111')).toBe(true);
  });
});

describe('feishuMessage', () => {
  const signed = feishuRobot.parse({
    kind: 'feishu',
    url: 'https://open.feishu.cn/open-apis/bot/v2/hook/0000',
    secret: 'feishu-secret-0123',
  });

  it.each([
    {
      name: 'zh-CN rich text',
      input: zh,
      format: 'post' as const,
      content: {
        post: {
          zh_cn: {
            title: zh.title,
            content: [
              [{ tag: 'text', text: '等级：A' }],
              [{ tag: 'text', text: '负责人：李四' }],
              [{ tag: 'text', text: '已超时 5 分钟' }],
              [{ tag: 'a', text: '查看详情', href: 'https://clew.example.com/leads/42' }],
            ],
          },
        },
      },
    },
    {
      name: 'en-US rich text',
      input: en,
      format: 'post' as const,
      content: {
        post: {
          en_us: {
            title: 'New lead: Jane Doe',
            content: [
              [{ tag: 'text', text: 'Grade A' }],
              [{ tag: 'text', text: 'Channel: web form' }],
              [{ tag: 'a', text: 'Open in Clew', href: 'https://clew.example.com/leads/7' }],
            ],
          },
        },
      },
    },
    {
      name: 'en-US text',
      input: en,
      format: 'text' as const,
      content: {
        text: 'New lead: Jane Doe\nGrade A\nChannel: web form\nOpen in Clew: https://clew.example.com/leads/7',
      },
    },
  ])('should sign in the body (seconds) and build $name', ({ input, format, content }) => {
    const request = feishuMessage({ ...signed, format }, input, NOW);
    expect(request.url).toBe(signed.url);
    expect(request.body).toEqual({
      timestamp: '1796443200',
      sign: 'ZRtdUvdvNeGS8dQVg39yCIS4c/9nqgzUiULYprL9mY4=',
      msg_type: format,
      content,
    });
  });

  it('should send no timestamp or sign without a secret', () => {
    const body = feishuMessage({ ...signed, secret: undefined }, zh, NOW).body;
    expect(body).not.toHaveProperty('sign');
    expect(body).not.toHaveProperty('timestamp');
  });
});

describe('wecomMessage', () => {
  const robot = wecomRobot.parse({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1' });

  it.each([
    {
      format: 'markdown' as const,
      mentionMobiles: [],
      body: {
        msgtype: 'markdown',
        markdown: {
          content:
            '**New lead: Jane Doe**\n> Grade A\n\n> Channel: web form\n\n[Open in Clew](https://clew.example.com/leads/7)',
        },
      },
    },
    {
      format: 'text' as const,
      mentionMobiles: ['13800001111'],
      body: {
        msgtype: 'text',
        text: {
          content: 'New lead: Jane Doe\nGrade A\nChannel: web form\nOpen in Clew: https://clew.example.com/leads/7',
          mentioned_mobile_list: ['13800001111'],
        },
      },
    },
  ])('should build the $format body, unsigned, to the configured URL', ({ format, mentionMobiles, body }) => {
    const request = wecomMessage({ ...robot, format, mentionMobiles }, en);
    expect(request).toEqual({ url: robot.url, body });
  });

  it.each([
    { format: 'text' as const, limit: contentByteLimits.wecom.text },
    { format: 'markdown' as const, limit: contentByteLimits.wecom.markdown },
  ])('should keep $format content within $limit bytes and keep the link', ({ format, limit }) => {
    const long = notification.parse({ ...zh, lines: Array.from({ length: 20 }, () => '很长的备注'.repeat(100)) });
    const request = wecomMessage({ ...robot, format }, long);
    const content = (request.body[format] as { content: string }).content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(limit);
    expect(Buffer.byteLength(content, 'utf8')).toBeGreaterThan(limit - 10);
    expect(content).toContain('https://clew.example.com/leads/42');
    expect(content).toContain('…');
  });
});

describe('truncateUtf8 and escapeMarkdown', () => {
  it.each([
    { text: 'abc', max: 3, expected: 'abc' },
    { text: 'abcd', max: 3, expected: '…' },
    { text: 'abcdef', max: 5, expected: 'ab…' },
    // 中 is 3 bytes: never cut inside it.
    { text: '中文字', max: 8, expected: '中…' },
    { text: '中文字', max: 9, expected: '中文字' },
    // an emoji is one code point of 4 bytes and two UTF-16 units.
    { text: '😀😀', max: 7, expected: '😀…' },
  ])('should cut "$text" to $max bytes as "$expected"', ({ text, max, expected }) => {
    expect(truncateUtf8(text, max)).toBe(expected);
    expect(Buffer.byteLength(truncateUtf8(text, max))).toBeLessThanOrEqual(max);
  });

  it('should keep a lead name from turning into a link', () => {
    expect(escapeMarkdown('[x](http://evil)')).toBe('\\[x\\]\\(http://evil\\)');
  });
});

describe('readRobotReply', () => {
  it.each([
    { kind: 'wecom' as const, body: '{"errcode":0,"errmsg":"ok"}', ok: true, code: 0, rateLimited: false },
    {
      kind: 'wecom' as const,
      body: '{"errcode":45009,"errmsg":"api freq out of limit"}',
      ok: false,
      code: 45009,
      rateLimited: true,
    },
    {
      kind: 'wecom' as const,
      body: '{"errcode":93000,"errmsg":"invalid webhook url"}',
      ok: false,
      code: 93000,
      rateLimited: false,
    },
    { kind: 'dingtalk' as const, body: '{"errcode":0,"errmsg":"ok"}', ok: true, code: 0, rateLimited: false },
    {
      kind: 'dingtalk' as const,
      body: '{"errcode":310000,"errmsg":"sign not match"}',
      ok: false,
      code: 310000,
      rateLimited: false,
    },
    {
      kind: 'dingtalk' as const,
      body: '{"errcode":130101,"errmsg":"send too fast"}',
      ok: false,
      code: 130101,
      rateLimited: true,
    },
    { kind: 'feishu' as const, body: '{"code":0,"msg":"success","data":{}}', ok: true, code: 0, rateLimited: false },
    {
      kind: 'feishu' as const,
      body: '{"StatusCode":0,"StatusMessage":"success"}',
      ok: true,
      code: 0,
      rateLimited: false,
    },
    {
      kind: 'feishu' as const,
      body: '{"code":19021,"msg":"sign match fail"}',
      ok: false,
      code: 19021,
      rateLimited: false,
    },
    {
      kind: 'feishu' as const,
      body: '{"code":11232,"msg":"frequency limited"}',
      ok: false,
      code: 11232,
      rateLimited: true,
    },
    { kind: 'feishu' as const, body: '<html>502</html>', ok: false, code: null, rateLimited: false },
    { kind: 'dingtalk' as const, body: '{"ok":true}', ok: false, code: null, rateLimited: false },
  ])('should read $kind $body', ({ kind, body, ok, code, rateLimited }) => {
    const reply = readRobotReply(kind, body);
    expect(reply.ok).toBe(ok);
    expect(reply.platformCode).toBe(code);
    if (!reply.ok) expect(reply.rateLimited).toBe(rateLimited);
  });
});

describe('robot schemas', () => {
  it.each([
    { input: { kind: 'wecom', url: 'ftp://example.com/x' }, ok: false },
    { input: { kind: 'wecom', url: 'https://user:pw@example.com/x' }, ok: false },
    { input: { kind: 'wecom', url: 'http://127.0.0.1:8080/hook' }, ok: true },
    {
      input: { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'nope' },
      ok: false,
    },
    {
      input: { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECabc' },
      ok: true,
    },
    { input: { kind: 'feishu', url: 'not a url' }, ok: false },
  ])('should accept $input.kind $input.url: $ok', ({ input, ok }) => {
    const schema = { wecom: wecomRobot, dingtalk: dingtalkRobot, feishu: feishuRobot }[input.kind]!;
    expect(schema.safeParse(input).success).toBe(ok);
  });
});
