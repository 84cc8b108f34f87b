// Shapes of the Clew HTTP API (/api/v1) as the web UI consumes them.

import type { Grade, ScoreFactor, UrgencyLevel } from '../scoring/scoring.types';

export type Role = 'admin' | 'manager' | 'rep' | 'marketing';

export interface Me {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  workspace: { id: string; name: string };
}

export interface LoginResponse {
  token: string;
  user: Pick<Me, 'id' | 'name' | 'email' | 'role'> & Partial<Me>;
}

/** `won` and `lost` close a lead; the scoring model learns from them. */
export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted' | 'won' | 'lost';

export interface Lead {
  id: string;
  name: string;
  /** E.164, e.g. +8613800138000 */
  phone: string | null;
  email: string | null;
  company: string | null;
  website: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  source: string;
  status: LeadStatus;
  ownerId: string | null;
  ownerName: string | null;
  teamId: string | null;
  touchCount: number;
  lastTouchAt: string;
  createdAt: string;
  updatedAt: string;
  /** 0–100, from the rules, the model or their blend (the workspace's scoring mode). */
  score: number;
  grade: Grade;
  urgency: UrgencyLevel;
  /** The urgency rule that raised it; null at normal urgency. */
  urgencyReason: string | null;
  /** 0–1; null until a model is active. */
  winProbability: number | null;
  /** The strongest pushes on the score, signed, in score points. */
  scoreFactors: ScoreFactor[];
  /** When the next pending response-deadline step falls due; null when none is pending. */
  slaDueAt: string | null;
  /** That step, e.g. `firstTouch:remind:0.5`, `firstTouch:deadline:notify_owner`, `pool:reclaim:no_follow_up`. */
  slaStep: string | null;
  /** The public pool the lead waits in, if any. */
  poolId: string | null;
}

export interface LeadListQuery {
  status?: LeadStatus;
  grade?: 'A' | 'B' | 'C' | 'D';
  urgency?: 'high' | 'critical';
  ownerId?: string;
  source?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type LeadPatch = Partial<Pick<Lead, 'status' | 'name' | 'company' | 'title' | 'province' | 'city'>>;

export interface Touch {
  id: string;
  source: string;
  channel: string | null;
  receivedAt: string;
  payload: Record<string, unknown>;
}

/** Types the scoring and urgency rules know; any other lower-case name is a custom event. */
export type KnownLeadEventType = 'page_view' | 'download' | 'trial_expiring' | 'competitor_compare';

/** A behaviour event on a lead (a page view, a download…), sent by the website or an integration. */
export interface LeadEvent {
  id: string;
  leadId: string;
  /** A `KnownLeadEventType` or a custom lower-case name. */
  type: string;
  /** When it happened, by the sender's clock. */
  at: string;
  props: Record<string, unknown>;
  receivedAt: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  active: boolean;
}

export type ApiKeyScope = 'leads:write' | 'full';

export interface ApiKey {
  id: string;
  name: string;
  channel: string | null;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
  channel?: string;
}

/** Returned once, at creation: `key` is the only time the full secret is visible. */
export interface CreatedApiKey {
  id: string;
  key: string;
  name: string;
  scopes: ApiKeyScope[];
  channel: string | null;
  prefix: string;
  createdAt: string;
}

export interface ListResponse<T> {
  items: T[];
}

/** Body of every non-2xx response. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; [detail: string]: unknown };
}

// De-duplication: the review queue, merges and their undo (src/modules/dedupe/dedupe.schemas.ts).

export type DuplicateReason = 'phone' | 'email' | 'name_company';
export type DuplicateStatus = 'open' | 'merged' | 'dismissed';

/** The lead view as the dedupe endpoints send it; `channelId` names the channel it came through. */
export type DuplicateLead = Lead & { channelId: string | null };

export interface DuplicatePair {
  id: string;
  reason: DuplicateReason;
  /** 1 for a shared phone or e-mail; the company names' likeness (0–1) for a name match. */
  score: number;
  foundBy: 'intake' | 'scan';
  status: DuplicateStatus;
  createdAt: string;
  /** The newer lead. */
  lead: DuplicateLead;
  /** The older lead, which survives a merge by default. */
  duplicateOf: DuplicateLead;
}

/** Which of a pair survives its merge. */
export type DuplicateKeep = 'duplicateOf' | 'lead';

export interface LeadMerge {
  id: string;
  survivorId: string;
  /** The lead folded in and removed; after an undo it exists again under this id. */
  mergedId: string;
  /** `intake`: a submission merged as it arrived; `manual`: a person merged two leads. */
  kind: 'intake' | 'manual';
  mergedName: string | null;
  mergedAt: string;
  undoneAt: string | null;
}

export interface DedupeSettings {
  /** 0.3–1: how alike two company names must be for the same person's name to count as a duplicate. */
  companyMatchThreshold: number;
}

export interface DuplicateCheckQuery {
  name?: string;
  company?: string;
  phone?: string;
  email?: string;
}

export interface DuplicateMatch {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  ownerName: string | null;
  reason: DuplicateReason | 'company';
  score: number;
  /** False for a lead outside the asker's scope: its contacts are withheld and it cannot be merged. */
  visible: boolean;
}

export interface ChannelRef {
  id: string;
  name: string;
}
