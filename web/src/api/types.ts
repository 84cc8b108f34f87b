// Shapes of the Clew HTTP API (/api/v1) as the web UI consumes them.

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

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted';

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
}

export interface LeadListQuery {
  status?: LeadStatus;
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
  error: { code: string; message: string; field?: string };
}
