import { api } from '../api/client';
import type { ListResponse } from '../api/types';
import type { SlaPolicy, SlaPolicyInput } from './sla.types';

export function listSlaPolicies(signal?: AbortSignal): Promise<ListResponse<SlaPolicy>> {
  return api.get<ListResponse<SlaPolicy>>('/sla-policies', { signal });
}

export function createSlaPolicy(input: SlaPolicyInput): Promise<SlaPolicy> {
  return api.post<SlaPolicy>('/sla-policies', input);
}

export function updateSlaPolicy(id: string, input: Partial<SlaPolicyInput>): Promise<SlaPolicy> {
  return api.patch<SlaPolicy>(`/sla-policies/${encodeURIComponent(id)}`, input);
}
