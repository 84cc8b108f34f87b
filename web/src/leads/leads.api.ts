import { api } from '../api/client';
import type { Lead, LeadEvent, LeadListQuery, LeadPatch, ListResponse, Page, Touch } from '../api/types';

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function listLeads(query: LeadListQuery, signal?: AbortSignal): Promise<Page<Lead>> {
  return api.get<Page<Lead>>('/leads', { query: { ...query }, signal });
}

export function getLead(id: string, signal?: AbortSignal): Promise<Lead> {
  return api.get<Lead>(leadPath(id), { signal });
}

export function updateLead(id: string, patch: LeadPatch): Promise<Lead> {
  return api.patch<Lead>(leadPath(id), patch);
}

/** Newest first; the last item is the touch that created the lead. */
export function listTouches(id: string, signal?: AbortSignal): Promise<ListResponse<Touch>> {
  return api.get<ListResponse<Touch>>(`${leadPath(id)}/touches`, { signal });
}

/** Newest first (by when it happened), at most `limit` of them. */
export function listLeadEvents(id: string, limit: number, signal?: AbortSignal): Promise<ListResponse<LeadEvent>> {
  return api.get<ListResponse<LeadEvent>>(`${leadPath(id)}/events`, { query: { limit }, signal });
}
