import { api } from '../api/client';
import type { ListResponse } from '../api/types';

export const ACTIVITY_TYPES = ['call', 'wechat', 'email', 'visit', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityBody {
  type: ActivityType;
  summary: string;
  /** When it happened; the server uses now without it. */
  at?: string;
}

export interface Activity {
  id: string;
  leadId: string;
  type: ActivityType;
  summary: string;
  at: string;
  actorType: 'user' | 'api_key' | 'system';
  actorId: string | null;
  touch: boolean;
  createdAt: string;
}

export type TimelineKind = 'touch' | 'event' | 'activity' | 'assignment' | 'audit';

export interface TimelineItem {
  kind: TimelineKind;
  /** The event type, activity type, assignment kind or audit action. */
  type: string;
  at: string;
  id: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function logActivity(leadId: string, body: ActivityBody): Promise<Activity> {
  return api.post<Activity>(`${leadPath(leadId)}/activities`, body);
}

/** Everything that happened to the lead, newest first. */
export function getTimeline(leadId: string, signal?: AbortSignal): Promise<ListResponse<TimelineItem>> {
  return api.get<ListResponse<TimelineItem>>(`${leadPath(leadId)}/timeline`, { query: { limit: 200 }, signal });
}

/** One pending step of the lead's response deadlines and the policy (or pool) that planned it. */
export interface LeadDeadline {
  id: string;
  target: string;
  step: string;
  action: string;
  startedAt: string;
  deadline: string;
  dueAt: string;
  source: { kind: 'policy' | 'pool'; id: string; name: string | null };
}

/** Soonest first. */
export function getLeadDeadlines(leadId: string, signal?: AbortSignal): Promise<ListResponse<LeadDeadline>> {
  return api.get<ListResponse<LeadDeadline>>(`${leadPath(leadId)}/deadlines`, { signal });
}
