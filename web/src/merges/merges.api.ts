import { api } from '../api/client';
import type { DuplicateCheckQuery, DuplicateMatch, LeadMerge, ListResponse } from '../api/types';

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

/** Merges into this lead, newest first, undone ones included. */
export function listMerges(leadId: string, signal?: AbortSignal): Promise<ListResponse<LeadMerge>> {
  return api.get<ListResponse<LeadMerge>>(`${leadPath(leadId)}/merges`, { signal });
}

export function undoMerge(mergeId: string): Promise<LeadMerge> {
  return api.post<LeadMerge>(`/merges/${encodeURIComponent(mergeId)}/undo`);
}

/** Folds `mergedId` into `survivorId`: the survivor keeps its owner, the other lead is removed. */
export function mergeLeadInto(survivorId: string, mergedId: string): Promise<LeadMerge> {
  return api.post<LeadMerge>(`${leadPath(survivorId)}/merge`, { mergedId });
}

export function duplicateCheck(
  query: DuplicateCheckQuery,
  signal?: AbortSignal,
): Promise<{ matches: DuplicateMatch[] }> {
  return api.get<{ matches: DuplicateMatch[] }>('/leads/duplicate-check', { query: { ...query }, signal });
}
