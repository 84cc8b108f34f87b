import { z } from 'zod';
import { activityTypes } from '../sla/sla.schemas.ts';

export const activityBody = z.strictObject({
  type: z
    .enum(activityTypes)
    .meta({ description: 'call, wechat, email, visit (contact types: a touch when the owner logs them) or note' }),
  summary: z.string().trim().min(1).max(2_000),
  at: z.iso.datetime({ offset: true }).optional().meta({ description: 'When it happened; defaults to now' }),
});
export type ActivityBody = z.infer<typeof activityBody>;

export const activityView = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  type: z.enum(activityTypes),
  summary: z.string(),
  at: z.iso.datetime(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.uuid().nullable(),
  /** Whether it counted as the owner's touch (a contact type logged by the lead's owner). */
  touch: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ActivityView = z.infer<typeof activityView>;
export const activityList = z.object({ items: z.array(activityView) });

export const timelineKinds = ['touch', 'event', 'activity', 'assignment', 'audit'] as const;

export const timelineItem = z.object({
  kind: z.enum(timelineKinds).meta({
    description:
      'touch: a submission (intake); event: behaviour; activity: logged by a person; assignment: why the owner; audit: any other recorded change (sla.*, lead.reclaimed …)',
  }),
  type: z.string().meta({ description: 'The event type, activity type, assignment kind or audit action' }),
  at: z.iso.datetime(),
  id: z.string(),
  actorId: z.uuid().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItem>;
export const timeline = z.object({ items: z.array(timelineItem) });

export const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) });
