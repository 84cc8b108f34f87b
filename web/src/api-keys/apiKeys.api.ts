import { api } from '../api/client';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, ListResponse } from '../api/types';

export function listApiKeys(signal?: AbortSignal): Promise<ListResponse<ApiKey>> {
  return api.get<ListResponse<ApiKey>>('/api-keys', { signal });
}

export function createApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
  return api.post<CreatedApiKey>('/api-keys', request);
}

export function revokeApiKey(id: string): Promise<void> {
  return api.delete(`/api-keys/${encodeURIComponent(id)}`);
}
