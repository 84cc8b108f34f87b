import { z } from 'zod';
import { timeZoneName } from '../sla/business-calendar.schemas.ts';

/**
 * Outbound notification channels: group robots (WeCom, DingTalk, Feishu), signed webhooks and
 * e-mail. Nothing here is stored yet; these are the shapes a later delivery log and settings API
 * will validate with.
 */

export const notificationLocales = ['zh-CN', 'en-US'] as const;
export type NotificationLocale = (typeof notificationLocales)[number];

/** An event name: dotted lower-case words, e.g. `sla.breached`, `lead.assigned`. */
export const eventName = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'an event name: dotted lower-case words, e.g. sla.breached');

/** An event name, a prefix ending in `.*` (`sla.*`), or `*` for every event. */
export const eventPattern = z
  .string()
  .max(64)
  .regex(
    /^\*$|^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/,
    'an event name, a prefix ending in .* (sla.*), or * for every event',
  );

function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in the URL would end up in logs and proxies; robots carry their token in the query instead.
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

/** An absolute http(s) URL without user:password. */
export const httpUrl = z.string().trim().max(2048).refine(isHttpUrl, 'an http(s) URL');

/** What a person reads: the same neutral message is rendered for every robot and for e-mail. */
export const notification = z.strictObject({
  event: eventName,
  title: z.string().trim().min(1).max(200),
  lines: z.array(z.string().max(1000)).max(20).default([]),
  link: httpUrl.optional(),
  locale: z.enum(notificationLocales).default('zh-CN'),
});
export type Notification = z.output<typeof notification>;

const mobile = z.string().regex(/^\+?\d{5,20}$/, 'a mobile number, digits only');
const mentions = z.array(mobile).max(20).default([]);

/** 企业微信 group robot: the webhook URL carries its key; WeCom robots have no signature. */
export const wecomRobot = z.strictObject({
  kind: z.literal('wecom'),
  url: httpUrl,
  format: z.enum(['markdown', 'text']).default('markdown'),
  /** Mobiles to @ (text messages only: WeCom's markdown has no mentions by mobile). */
  mentionMobiles: mentions,
});

/** 钉钉 custom robot; `secret` is the 加签 secret (SEC…) when the robot uses signing. */
export const dingtalkRobot = z.strictObject({
  kind: z.literal('dingtalk'),
  url: httpUrl,
  secret: z
    .string()
    .min(4)
    .max(256)
    .refine((secret) => secret.startsWith('SEC'), 'the 加签 secret DingTalk shows, starting with SEC')
    .optional(),
  format: z.enum(['markdown', 'text']).default('markdown'),
  mentionMobiles: mentions,
});

/** 飞书 / Lark custom bot; `secret` is the 签名校验 secret when the bot uses signing. */
export const feishuRobot = z.strictObject({
  kind: z.literal('feishu'),
  url: httpUrl,
  secret: z.string().min(1).max(256).optional(),
  format: z.enum(['post', 'text']).default('post'),
});

/** An outbound webhook: signed with `secret`, sent for the events matching `events`. */
export const webhookEndpoint = z.strictObject({
  kind: z.literal('webhook'),
  url: httpUrl,
  /** At least 16 characters: a receiver's only proof that the call came from Clew. */
  secret: z.string().min(16).max(256),
  events: z.array(eventPattern).min(1).max(100).default(['*']),
});

export const emailChannel = z.strictObject({
  kind: z.literal('email'),
  to: z.array(z.email()).min(1).max(50),
});

export const robotConfig = z.discriminatedUnion('kind', [wecomRobot, dingtalkRobot, feishuRobot]);
export type RobotConfig = z.output<typeof robotConfig>;
export type WecomRobot = z.output<typeof wecomRobot>;
export type DingtalkRobot = z.output<typeof dingtalkRobot>;
export type FeishuRobot = z.output<typeof feishuRobot>;
export type WebhookEndpoint = z.output<typeof webhookEndpoint>;
export type EmailChannel = z.output<typeof emailChannel>;

export const channelConfig = z.discriminatedUnion('kind', [
  wecomRobot,
  dingtalkRobot,
  feishuRobot,
  webhookEndpoint,
  emailChannel,
]);
export type ChannelConfig = z.output<typeof channelConfig>;
export type ChannelKind = ChannelConfig['kind'];

/** The SMTP server mail goes through (one per installation or workspace). */
export const smtpConfig = z
  .strictObject({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    user: z.string().min(1).max(255).optional(),
    password: z.string().min(1).max(1024).optional(),
    /** The sender, a bare address or `Name <address>`. */
    from: z.string().trim().min(3).max(320),
  })
  .refine((config) => (config.user === undefined) === (config.password === undefined), {
    message: 'user and password go together',
    path: ['password'],
  });
export type SmtpConfig = z.output<typeof smtpConfig>;

/** The body of an outbound webhook: one event, with an id receivers can de-duplicate retries by. */
export const webhookEvent = z.strictObject({
  id: z.string().min(1).max(64),
  event: eventName,
  occurredAt: z.iso.datetime(),
  workspaceId: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.output<typeof webhookEvent>;

// ---- preferences ----

/** The channels a person or a team chooses between (webhooks are integrations with their own event filter). */
export const preferenceChannels = ['in_app', 'email', 'wecom', 'dingtalk', 'feishu'] as const;
export type PreferenceChannel = (typeof preferenceChannels)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');

export const quietHours = z
  .strictObject({
    /** Local wall-clock times in `timeZone`; start after end runs across midnight (22:00–08:00). */
    start: clockTime,
    end: clockTime,
    timeZone: timeZoneName,
    /** Events that may interrupt quiet hours (e.g. `sla.breached`). */
    urgentEvents: z.array(eventPattern).max(50).default([]),
    /** Channels quiet hours never hold; the in-app centre only counts unread, so it goes through. */
    allowChannels: z.array(z.enum(preferenceChannels)).default(['in_app']),
  })
  .refine((hours) => hours.start !== hours.end, 'quiet hours must start and end at different times');
export type QuietHours = z.output<typeof quietHours>;

export const notificationPreferences = z.strictObject({
  /** Which events to hear about. */
  events: z.array(eventPattern).max(100).default(['*']),
  /** Where to hear about them. */
  channels: z.array(z.enum(preferenceChannels)).max(preferenceChannels.length).default(['in_app']),
  /** Channels for particular events, replacing `channels` for them (the most specific pattern wins). */
  byEvent: z.record(eventPattern, z.array(z.enum(preferenceChannels))).default({}),
  quietHours: quietHours.nullable().default(null),
});
export type NotificationPreferences = z.output<typeof notificationPreferences>;

/** A user's own choices: what they leave out comes from their team. */
export const userPreferences = z.strictObject({
  events: notificationPreferences.shape.events.removeDefault().optional(),
  channels: notificationPreferences.shape.channels.removeDefault().optional(),
  byEvent: notificationPreferences.shape.byEvent.removeDefault().optional(),
  quietHours: quietHours.nullable().optional(),
});
export type UserPreferences = z.output<typeof userPreferences>;
