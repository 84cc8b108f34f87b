import { api } from '../api/client';

export interface NotificationItem {
  id: string;
  type: string;
  data: Record<string, unknown>;
  leadId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
}

export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'webhook' | 'email';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['wecom', 'dingtalk', 'feishu', 'webhook', 'email'];

export interface NotificationChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
  events: string[];
  teamId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  id: string;
  /** Null for a personal e-mail (a user's own preference), sent to `recipient`. */
  channelId: string | null;
  recipient: string | null;
  userId: string | null;
  event: string;
  status: 'pending' | 'sent' | 'failed' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  responseCode: number | null;
  createdAt: string;
  updatedAt: string;
}

export type PreferenceChannel = 'in_app' | 'email' | 'wecom' | 'dingtalk' | 'feishu';
export const PREFERENCE_CHANNELS: readonly PreferenceChannel[] = ['in_app', 'email', 'wecom', 'dingtalk', 'feishu'];
export const NOTIFIED_EVENTS = [
  'lead.assigned',
  'lead.touched',
  'lead.urgent',
  'lead.flagged',
  'lead.deadline',
  'lead.pool',
] as const;

export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
  urgentEvents?: string[];
  allowChannels?: PreferenceChannel[];
}

export interface Preferences {
  events?: string[];
  channels?: PreferenceChannel[];
  byEvent?: Record<string, PreferenceChannel[]>;
  quietHours?: QuietHours | null;
}

export interface MyPreferences {
  preferences: Preferences;
  team: Required<Preferences> | null;
  effective: Required<Preferences>;
}

export interface TeamOption {
  id: string;
  name: string;
}

export interface TeamPreferences {
  teamId: string;
  preferences: Required<Preferences>;
}

export const notificationApi = {
  list: (query: { unread?: boolean; cursor?: string | null }) =>
    api.get<NotificationPage>('/notifications', {
      query: { unread: query.unread, cursor: query.cursor ?? undefined, limit: 20 },
    }),
  unreadCount: () => api.get<{ unread: number }>('/notifications/unread-count'),
  markRead: (body: { ids: string[] } | { all: true }) =>
    api.post<{ marked: number; unread: number }>('/notifications/read', body),
  channels: () => api.get<{ items: NotificationChannel[] }>('/notification-channels'),
  createChannel: (body: { name: string; config: Record<string, unknown>; events: string[]; teamId?: string | null }) =>
    api.post<NotificationChannel>('/notification-channels', body),
  updateChannel: (
    id: string,
    body: Partial<{
      name: string;
      active: boolean;
      events: string[];
      config: Record<string, unknown>;
      teamId: string | null;
    }>,
  ) => api.patch<NotificationChannel>(`/notification-channels/${id}`, body),
  deleteChannel: (id: string) => api.delete(`/notification-channels/${id}`),
  testChannel: (id: string) => api.post<Delivery>(`/notification-channels/${id}/test`, {}),
  deliveries: (cursor?: string | null) =>
    api.get<{ items: Delivery[]; nextCursor: string | null }>('/notification-deliveries', {
      query: { cursor: cursor ?? undefined, limit: 50 },
    }),
  myPreferences: () => api.get<MyPreferences>('/notification-preferences/me'),
  saveMyPreferences: (body: Preferences) => api.put<MyPreferences>('/notification-preferences/me', body),
  teams: () => api.get<{ items: TeamOption[] }>('/teams'),
  teamPreferences: (teamId: string) =>
    api.get<TeamPreferences>(`/notification-preferences/teams/${encodeURIComponent(teamId)}`),
  saveTeamPreferences: (teamId: string, body: Required<Preferences>) =>
    api.put<TeamPreferences>(`/notification-preferences/teams/${encodeURIComponent(teamId)}`, body),
};
