import { api } from '../api/client';
import type { ListResponse } from '../api/types';

/** What a person types to enter a lead by hand, as POST /leads takes it. */
export interface LeadEntryBody {
  name: string;
  phone?: string;
  email?: string;
  company?: string;
  website?: string;
  title?: string;
  province?: string;
  city?: string;
  source?: string;
  campaign?: string;
  landingPage?: string;
  referrer?: string;
  channelId?: string;
  utm?: Record<string, string>;
  custom?: Record<string, unknown>;
}

/** 201: a new lead (full view); 200: a repeat merged into an existing lead, maybe out of the caller's sight. */
export interface LeadEntryResult {
  id: string;
  deduplicated: boolean;
  name?: string;
  ownerName?: string | null;
}

export function createLead(body: LeadEntryBody): Promise<LeadEntryResult> {
  return api.post<LeadEntryResult>('/leads', body);
}

export interface Channel {
  id: string;
  type: string;
  name: string;
  active: boolean;
}

export function listChannels(signal?: AbortSignal): Promise<ListResponse<Channel>> {
  return api.get<ListResponse<Channel>>('/channels', { signal });
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'bool';

export interface CustomField {
  id: string;
  name: string;
  label: string | null;
  type: CustomFieldType;
  options: string[] | null;
}

export function listCustomFields(signal?: AbortSignal): Promise<ListResponse<CustomField>> {
  return api.get<ListResponse<CustomField>>('/fields', { signal });
}

export type DuplicateReason = 'phone' | 'email' | 'name_company' | 'company';

export interface DuplicateMatch {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  ownerName: string | null;
  reason: DuplicateReason;
  score: number;
}

export interface DuplicateQuery {
  phone?: string;
  email?: string;
  name?: string;
  company?: string;
}

export function checkDuplicates(query: DuplicateQuery, signal?: AbortSignal): Promise<{ matches: DuplicateMatch[] }> {
  return api.get<{ matches: DuplicateMatch[] }>('/leads/duplicate-check', { query: { ...query }, signal });
}
