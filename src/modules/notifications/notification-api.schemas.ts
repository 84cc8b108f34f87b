import { z } from 'zod';
import { channelConfig, eventPattern, notificationPreferences, userPreferences } from './notification.schemas.ts';

const cursor = z.string().max(200).optional();
const limit = z.coerce.number().int().min(1).max(200).default(30);

export const listNotificationsQuery = z.strictObject({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .optional()
    .meta({ description: 'Only unread (true) or only read (false); all when left out' }),
  limit,
  cursor,
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationView = z.object({
  id: z.uuid(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  leadId: z.uuid().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationPage = z.object({ items: z.array(notificationView), nextCursor: z.string().nullable() });
export const unreadCount = z.object({ unread: z.number().int() });

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadBody = z.infer<typeof markReadBody>;
export const markReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });

export const channelKinds = ['wecom', 'dingtalk', 'feishu', 'webhook', 'email'] as const;

export const channelBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  config: channelConfig,
  events: z.array(eventPattern).min(1).max(100).default(['lead.*']),
  /** A team's robot hears its team's events only; null: every event of the workspace. */
  teamId: z.uuid().nullable().default(null),
  active: z.boolean().default(true),
});
export type ChannelBody = z.output<typeof channelBody>;

/** A change: what is left out stays; a config without its secret keeps the stored one. */
export const channelPatch = z.strictObject({
  name: channelBody.shape.name.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  events: z.array(eventPattern).min(1).max(100).optional(),
  teamId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export type ChannelPatch = z.output<typeof channelPatch>;

export const channelView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(channelKinds),
  /** The stored config with its secret shown as `••••` and the last four characters. */
  config: z.record(z.string(), z.unknown()),
  events: z.array(z.string()),
  teamId: z.uuid().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelView = z.infer<typeof channelView>;
export const channelList = z.object({ items: z.array(channelView) });
export const idParams = z.strictObject({ id: z.uuid() });
export const teamParams = z.strictObject({ teamId: z.uuid() });

export const deliveryStatuses = ['pending', 'sent', 'failed', 'dead'] as const;
export const deliveryView = z.object({
  id: z.uuid(),
  /** Null for a personal e-mail (a user's own preference), sent to `recipient`. */
  channelId: z.uuid().nullable(),
  recipient: z.string().nullable(),
  userId: z.uuid().nullable(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
export const deliveryPage = z.object({ items: z.array(deliveryView), nextCursor: z.string().nullable() });
export const listDeliveriesQuery = z.strictObject({
  channelId: z.uuid().optional(),
  status: z.enum(deliveryStatuses).optional(),
  limit,
  cursor,
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export const myPreferencesView = z.object({
  /** What the user chose (what they left out comes from the team). */
  preferences: userPreferences,
  team: notificationPreferences.nullable(),
  effective: notificationPreferences,
});
export const teamPreferencesView = z.object({ teamId: z.uuid(), preferences: notificationPreferences });
