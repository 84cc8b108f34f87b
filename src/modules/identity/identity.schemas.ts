import { z } from 'zod';
import { roles } from '../../platform/http/actor.ts';

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

export function toUserView(user: {
  id: string;
  name: string;
  email: string;
  role: UserView['role'];
  teamId: string | null;
  active: boolean;
}): UserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    active: user.active,
  };
}
