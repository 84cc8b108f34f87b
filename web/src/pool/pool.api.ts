import { api } from '../api/client';
import type { ListResponse } from '../api/types';

export interface ProtectionPeriod {
  baseSeconds: number;
  perActivitySeconds: number;
  capSeconds: number;
}

/** A pool's knobs; durations in seconds, null for a knob that is off. */
export interface PoolSettings {
  visibleTeamIds: string[] | null;
  adminUserIds: string[];
  timeZone: string;
  claimsPerDay: number | null;
  maxHeld: number | null;
  countWon: boolean;
  minGapSeconds: number | null;
  cooldownSeconds: number | null;
  protection: ProtectionPeriod | null;
  reclaimWithoutFollowUpSeconds: number | null;
  reclaimWithoutProgressSeconds: number | null;
  maskContacts: boolean;
}

export interface Pool {
  id: string;
  name: string;
  teamId: string | null;
  region: string | null;
  isDefault: boolean;
  settings: PoolSettings;
  createdAt: string;
  updatedAt: string;
}

export interface PoolLead {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  source: string;
  tags: string[];
  status: string;
  grade: string;
  score: number;
  masked: boolean;
  createdAt: string;
}

export interface PoolMove {
  leadId: string;
  poolId: string;
  ownerId: string | null;
  move: 'claim' | 'release' | 'assign' | 'reclaim';
  at: string;
  reclaimAt: string | null;
}

const poolPath = (id: string) => `/pools/${encodeURIComponent(id)}`;

export function listPools(signal?: AbortSignal): Promise<ListResponse<Pool>> {
  return api.get<ListResponse<Pool>>('/pools', { signal });
}

export function listPoolLeads(poolId: string, signal?: AbortSignal): Promise<ListResponse<PoolLead>> {
  return api.get<ListResponse<PoolLead>>(`${poolPath(poolId)}/leads`, { query: { limit: 200 }, signal });
}

export function updatePoolSettings(poolId: string, settings: PoolSettings): Promise<Pool> {
  return api.patch<Pool>(poolPath(poolId), { settings });
}

export function claimPoolLead(poolId: string, leadId: string): Promise<PoolMove> {
  return api.post<PoolMove>(`${poolPath(poolId)}/leads/${encodeURIComponent(leadId)}/claim`);
}

export function assignPoolLead(poolId: string, leadId: string, userId: string): Promise<PoolMove> {
  return api.post<PoolMove>(`${poolPath(poolId)}/leads/${encodeURIComponent(leadId)}/assign`, { userId });
}

export function releaseLead(leadId: string, reason: string): Promise<PoolMove> {
  return api.post<PoolMove>(`/leads/${encodeURIComponent(leadId)}/release`, { reason });
}
