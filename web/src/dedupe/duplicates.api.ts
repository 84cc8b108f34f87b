import { api } from '../api/client';
import type {
  ChannelRef,
  DedupeSettings,
  DuplicateKeep,
  DuplicatePair,
  DuplicateStatus,
  LeadMerge,
  ListResponse,
} from '../api/types';

const pairPath = (id: string) => `/duplicates/${encodeURIComponent(id)}`;

/** Newest first, at most 200, only pairs whose two leads the asker may both see. */
export function listDuplicates(status: DuplicateStatus, signal?: AbortSignal): Promise<ListResponse<DuplicatePair>> {
  return api.get<ListResponse<DuplicatePair>>('/duplicates', { query: { status }, signal });
}

export function mergeDuplicate(id: string, keep: DuplicateKeep): Promise<LeadMerge> {
  return api.post<LeadMerge>(`${pairPath(id)}/merge`, { keep });
}

export function dismissDuplicate(id: string): Promise<void> {
  return api.post<void>(`${pairPath(id)}/dismiss`);
}

export function scanDuplicates(): Promise<{ proposed: number }> {
  return api.post<{ proposed: number }>('/duplicates/scan');
}

export function getDedupeSettings(signal?: AbortSignal): Promise<DedupeSettings> {
  return api.get<DedupeSettings>('/dedupe/settings', { signal });
}

export function saveDedupeSettings(settings: DedupeSettings): Promise<DedupeSettings> {
  return api.put<DedupeSettings>('/dedupe/settings', settings);
}

/** Only to put a name on a lead's channel id. */
export function listChannels(signal?: AbortSignal): Promise<ListResponse<ChannelRef>> {
  return api.get<ListResponse<ChannelRef>>('/channels', { signal });
}
