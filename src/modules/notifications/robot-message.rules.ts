import { createHmac } from 'node:crypto';
import type {
  DingtalkRobot,
  FeishuRobot,
  Notification,
  NotificationLocale,
  RobotConfig,
  WecomRobot,
} from './notification.schemas.ts';

/**
 * Group robot messages, pure: a neutral notification → the platform's URL and JSON body. Formats
 * as documented by each platform (read, not copied):
 *  - 企业微信 group robot: https://developer.work.weixin.qq.com/document/path/91770
 *    (text content ≤ 2048 bytes, markdown content ≤ 4096 bytes, UTF-8; no signature, the key is in the URL)
 *  - 钉钉 custom robot: https://open.dingtalk.com/document/robots/custom-robot-access,
 *    message types https://open.dingtalk.com/document/development/robot-message-type,
 *    signing https://open.dingtalk.com/document/robots/customize-robot-security-settings
 *    (timestamp in milliseconds, within an hour of DingTalk's clock)
 *  - 飞书 / Lark custom bot: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 *    (timestamp in seconds, within an hour; request body ≤ 20 KB)
 */

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

const labels: Record<NotificationLocale, { open: string }> = {
  'zh-CN': { open: '查看详情' },
  'en-US': { open: 'Open in Clew' },
};

/**
 * How many UTF-8 bytes of message text each platform takes. WeCom's limits are documented; DingTalk
 * documents none we found and Feishu limits the whole body to 20 KB, so both get a budget that
 * leaves room for the JSON around the text.
 */
export const contentByteLimits = {
  wecom: { text: 2048, markdown: 4096 },
  dingtalk: { text: 16_000, markdown: 16_000 },
  feishu: { text: 16_000, post: 16_000 },
} as const;

const ELLIPSIS = '…';

/** The longest prefix of `text` within `maxBytes` of UTF-8, never splitting a character, marked with … when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS, 'utf8');
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * Lines that fit `maxBytes` once joined with newlines, after a fixed head and tail (title and link
 * are kept whole; the body lines give way).
 */
function fitLines(head: string, lines: readonly string[], tail: string, maxBytes: number): string {
  const fixed = [head, tail].filter((part) => part !== '').join('\n');
  const room = maxBytes - Buffer.byteLength(fixed, 'utf8') - 2; // two joining newlines at most
  const body = truncateUtf8(lines.join('\n'), Math.max(room, 0));
  return [head, body, tail].filter((part) => part !== '').join('\n');
}

/** Backslash-escapes markdown syntax in text that came from data (a lead's name must not become a link). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#>~|!]/g, (char) => `\\${char}`);
}

function plainText(notification: Notification, maxBytes: number): string {
  const tail = notification.link ? `${labels[notification.locale].open}: ${notification.link}` : '';
  return fitLines(notification.title, notification.lines, tail, maxBytes);
}

function markdownText(notification: Notification, maxBytes: number): string {
  const head = `**${escapeMarkdown(notification.title)}**`;
  const tail = notification.link ? `[${labels[notification.locale].open}](${notification.link})` : '';
  // A blank line keeps markdown from running the lines together into one paragraph.
  return fitLines(
    head,
    notification.lines.map((line) => `> ${escapeMarkdown(line)}\n`),
    tail,
    maxBytes,
  );
}

// ---- 企业微信 ----

export function wecomMessage(config: WecomRobot, notification: Notification): RobotRequest {
  if (config.format === 'text') {
    const text: Record<string, unknown> = { content: plainText(notification, contentByteLimits.wecom.text) };
    if (config.mentionMobiles.length > 0) text.mentioned_mobile_list = config.mentionMobiles;
    return { url: config.url, body: { msgtype: 'text', text } };
  }
  return {
    url: config.url,
    body: { msgtype: 'markdown', markdown: { content: markdownText(notification, contentByteLimits.wecom.markdown) } },
  };
}

// ---- 钉钉 ----

/** DingTalk's signature: HMAC-SHA256 keyed with the secret over `${timestampMs}\n${secret}`, base64 (URL-encoding comes with the query). */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function dingtalkMessage(config: DingtalkRobot, notification: Notification, now: Date): RobotRequest {
  const url = new URL(config.url);
  if (config.secret) {
    const timestamp = now.getTime();
    // URLSearchParams percent-encodes + / = of the base64, which is the URL-encoding DingTalk asks for.
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingtalkSignature(config.secret, timestamp));
  }
  const at = { atMobiles: config.mentionMobiles, isAtAll: false };
  // DingTalk only notifies a mentioned member when the text itself carries @mobile.
  const mentionLine = config.mentionMobiles.map((mobile) => `@${mobile}`).join(' ');
  if (config.format === 'text') {
    const content = plainText(
      { ...notification, lines: mentionLine ? [...notification.lines, mentionLine] : notification.lines },
      contentByteLimits.dingtalk.text,
    );
    return { url: url.toString(), body: { msgtype: 'text', text: { content }, at } };
  }
  const text =
    markdownText(notification, contentByteLimits.dingtalk.markdown) + (mentionLine ? `\n\n${mentionLine}` : '');
  return {
    url: url.toString(),
    body: { msgtype: 'markdown', markdown: { title: truncateUtf8(notification.title, 200), text }, at },
  };
}

// ---- 飞书 ----

/** Feishu's signature: HMAC-SHA256 keyed with `${timestampSeconds}\n${secret}` over an empty message, base64. */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export function feishuMessage(config: FeishuRobot, notification: Notification, now: Date): RobotRequest {
  const signature: Record<string, string> = {};
  if (config.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    // The body carries the timestamp as a string, as Feishu's examples send it.
    signature.timestamp = String(timestamp);
    signature.sign = feishuSignature(config.secret, timestamp);
  }
  if (config.format === 'text') {
    return {
      url: config.url,
      body: {
        ...signature,
        msg_type: 'text',
        content: { text: plainText(notification, contentByteLimits.feishu.text) },
      },
    };
  }
  // Rich text ("post"): one paragraph per line, the link as an `a` element, under the locale's key.
  const lines = truncateUtf8(notification.lines.join('\n'), contentByteLimits.feishu.post).split('\n');
  const paragraphs: Record<string, string>[][] = lines
    .filter((line) => line !== '')
    .map((line) => [{ tag: 'text', text: line }]);
  if (notification.link)
    paragraphs.push([{ tag: 'a', text: labels[notification.locale].open, href: notification.link }]);
  const localeKey = notification.locale === 'zh-CN' ? 'zh_cn' : 'en_us';
  return {
    url: config.url,
    body: {
      ...signature,
      msg_type: 'post',
      content: { post: { [localeKey]: { title: notification.title, content: paragraphs } } },
    },
  };
}

export function robotMessage(config: RobotConfig, notification: Notification, now: Date): RobotRequest {
  switch (config.kind) {
    case 'wecom':
      return wecomMessage(config, notification);
    case 'dingtalk':
      return dingtalkMessage(config, notification, now);
    case 'feishu':
      return feishuMessage(config, notification, now);
  }
}

// ---- replies ----

export type RobotReply =
  | { ok: true; platformCode: number }
  | { ok: false; platformCode: number | null; rateLimited: boolean; message: string };

/**
 * Platform error codes that mean "too many messages, try later": WeCom 45009 (API call limit),
 * DingTalk 130101 (more than 20 a minute), Feishu 11232 (the documented rate-limit error). Every
 * other non-zero code (bad signature, keyword missing, IP not allowed, bad format) will not pass on
 * a retry either.
 */
const rateLimitCodes: Record<RobotConfig['kind'], readonly number[]> = {
  wecom: [45009],
  dingtalk: [130101],
  feishu: [11232],
};

/**
 * What a robot's 2xx reply says. All three answer HTTP 200 with an error code in the body:
 * `errcode`/`errmsg` (WeCom, DingTalk) or `code`/`msg` (Feishu; its older `StatusCode` too).
 */
export function readRobotReply(kind: RobotConfig['kind'], bodyText: string): RobotReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return { ok: false, platformCode: null, rateLimited: false, message: 'the reply is not JSON' };
  }
  const reply = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const code = kind === 'feishu' ? (reply.code ?? reply.StatusCode) : reply.errcode;
  const message = kind === 'feishu' ? (reply.msg ?? reply.StatusMessage) : reply.errmsg;
  if (typeof code !== 'number') {
    return { ok: false, platformCode: null, rateLimited: false, message: 'the reply has no error code' };
  }
  if (code === 0) return { ok: true, platformCode: 0 };
  return {
    ok: false,
    platformCode: code,
    rateLimited: rateLimitCodes[kind].includes(code),
    message: typeof message === 'string' ? message.slice(0, 300) : `error code ${code}`,
  };
}
