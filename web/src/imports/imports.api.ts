import { api, ApiError, NETWORK_ERROR } from '../api/client';
import type { ListResponse } from '../api/types';
import type {
  ChannelOption,
  CustomField,
  DedupePolicy,
  ImportJob,
  ImportPreview,
  StartedImport,
} from './imports.types';

/** A multipart POST: the API client speaks JSON only. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      // Cookie-authenticated writes must carry the CSRF header, as in the API client.
      headers: { Accept: 'application/json', 'x-clew-csrf': '1' },
      body: form,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.field,
    );
  }
  return body as T;
}

export function previewImport(
  sample: Blob,
  fileName: string,
  options: { mapping?: Record<string, string>; channelId?: string | null } = {},
): Promise<ImportPreview> {
  const form = new FormData();
  if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
  if (options.channelId) form.append('channelId', options.channelId);
  form.append('file', sample, fileName);
  return postForm<ImportPreview>('/imports/preview', form);
}

export function startImport(
  file: File,
  options: { mapping: Record<string, string>; dedupe: DedupePolicy; channelId: string | null },
): Promise<StartedImport> {
  const form = new FormData();
  form.append('mapping', JSON.stringify(options.mapping));
  form.append('dedupe', options.dedupe);
  if (options.channelId) form.append('channelId', options.channelId);
  form.append('file', file, file.name);
  return postForm<StartedImport>('/imports', form);
}

export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return api.get<ImportJob>(`/imports/${encodeURIComponent(id)}`, { signal });
}

export function listImports(signal?: AbortSignal): Promise<ListResponse<ImportJob>> {
  return api.get<ListResponse<ImportJob>>('/imports', { query: { limit: 10 }, signal });
}

export function listCustomFields(signal?: AbortSignal): Promise<ListResponse<CustomField>> {
  return api.get<ListResponse<CustomField>>('/fields', { query: { entity: 'lead' }, signal });
}

export function listChannels(signal?: AbortSignal): Promise<ListResponse<ChannelOption>> {
  return api.get<ListResponse<ChannelOption>>('/channels', { signal });
}

export const errorFileUrl = (id: string, locale: string) =>
  `/api/v1/imports/${encodeURIComponent(id)}/errors.csv?locale=${encodeURIComponent(locale)}`;
