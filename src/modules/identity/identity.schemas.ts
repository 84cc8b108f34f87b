import { z } from 'zod';
import { roles } from '../../platform/http/actor.ts';
import { repCalendar } from '../routing/routing.schemas.ts';

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const userView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  teamId: z.uuid().nullable(),
  active: z.boolean(),
  /** Routing profile. */
  skills: z.array(z.string()),
  capacity: z.number().int().nullable(),
  maxNewPerDay: z.number().int().nullable(),
  calendar: repCalendar.nullable(),
  onLeave: z.boolean(),
  routingWeight: z.number(),
  /** Business hours for deadlines of leads they own; null: their team's. */
  businessCalendarId: z.uuid().nullable(),
  /** Open leads (new, contacted, qualified) they own now; on lists only. */
  openLeads: z.number().int().optional(),
});

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: userView,
});

export const meResponse = userView.extend({
  locale: z.enum(['zh-CN', 'en-US']),
  workspace: z.object({ id: z.uuid(), name: z.string() }),
});

export const userListResponse = z.object({ items: z.array(userView) });

export type UserView = z.infer<typeof userView>;

export function toUserView(
  user: Omit<UserView, 'openLeads' | 'calendar' | 'businessCalendarId'> & {
    calendar: unknown;
    businessCalendarId?: string | null;
  },
  openLeads?: number,
): UserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    active: user.active,
    skills: user.skills,
    capacity: user.capacity,
    maxNewPerDay: user.maxNewPerDay,
    calendar: user.calendar as UserView['calendar'],
    onLeave: user.onLeave,
    routingWeight: user.routingWeight,
    businessCalendarId: user.businessCalendarId ?? null,
    ...(openLeads === undefined ? {} : { openLeads }),
  };
}
