import { api } from '../api/client';
import type { Page } from '../api/types';
import type { LeadEntryBody } from '../leads/leadEntry.api';

export type HeldKind = 'rejected' | 'quarantined';
export type HeldStatus = 'open' | 'released' | 'discarded';

/** The lead fields the server recognised in a held payload: the fix form's starting values. */
export interface FixProposal {
  name?: string;
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
  custom?: Record<string, string | number | boolean>;
}

/** A submission intake could not accept (rejected) or held as suspect (quarantined). */
export interface HeldSubmission {
  id: string;
  kind: HeldKind;
  code: string;
  field: string | null;
  message: string;
  source: string | null;
  channel: string | null;
  channelId: string | null;
  /** As sent: any JSON, or null. */
  payload: unknown;
  clientIp: string | null;
  receivedAt: string;
  resolution: 'released' | 'discarded' | null;
  resolvedLeadId: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  proposal: FixProposal;
}

export interface HeldSummary {
  open: number;
  byKind: Record<HeldKind, number>;
  byCode: { kind: HeldKind; code: string; count: number }[];
}

export interface HeldListQuery {
  kind?: HeldKind;
  status?: HeldStatus;
  cursor?: string;
  limit?: number;
}

const heldPath = (id: string) => `/quarantine/${encodeURIComponent(id)}`;

export function listHeld(query: HeldListQuery, signal?: AbortSignal): Promise<Page<HeldSubmission>> {
  return api.get<Page<HeldSubmission>>('/quarantine', { query: { ...query }, signal });
}

export function getHeldSummary(signal?: AbortSignal): Promise<HeldSummary> {
  return api.get<HeldSummary>('/quarantine/summary', { signal });
}

export function releaseHeld(id: string, lead: LeadEntryBody): Promise<{ leadId: string; deduplicated: boolean }> {
  return api.post(`${heldPath(id)}/release`, { lead });
}

export function discardHeld(id: string, note?: string): Promise<HeldSubmission> {
  return api.post(`${heldPath(id)}/discard`, note ? { note } : {});
}

// The nav badge listens for this, so a release or a discard updates it at once.
const CHANGED = 'clew:quarantine-changed';

export function announceQuarantineChange(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function onQuarantineChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
