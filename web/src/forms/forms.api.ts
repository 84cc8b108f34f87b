import { api } from '../api/client';
import type { ListResponse } from '../api/types';
import type { Locale } from '../i18n/locale';
import type {
  Channel,
  CustomField,
  FormBody,
  HostedForm,
  PublicForm,
  Submission,
  SubmissionAnswer,
  TrackingParams,
} from './forms.types';

export function listForms(signal?: AbortSignal): Promise<ListResponse<HostedForm>> {
  return api.get<ListResponse<HostedForm>>('/forms', { signal });
}

export function getForm(id: string, signal?: AbortSignal): Promise<HostedForm> {
  return api.get<HostedForm>(`/forms/${encodeURIComponent(id)}`, { signal });
}

export function createForm(body: FormBody): Promise<HostedForm> {
  return api.post<HostedForm>('/forms', body);
}

export function updateForm(id: string, body: Partial<FormBody>): Promise<HostedForm> {
  return api.patch<HostedForm>(`/forms/${encodeURIComponent(id)}`, body);
}

export function listChannels(signal?: AbortSignal): Promise<ListResponse<Channel>> {
  return api.get<ListResponse<Channel>>('/channels', { signal });
}

export function listCustomFields(signal?: AbortSignal): Promise<ListResponse<CustomField>> {
  return api.get<ListResponse<CustomField>>('/fields', { signal, query: { entity: 'lead' } });
}

/** Same-origin and cookie-authenticated, so an <img> or a download link can use it directly. */
export function qrCodeUrl(id: string, format: 'png' | 'svg', params: TrackingParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value?.trim()) query.set(name, value.trim());
  }
  const search = query.toString();
  return `/api/v1/forms/${encodeURIComponent(id)}/qr.${format}${search ? `?${search}` : ''}`;
}

/** The public address with the tracking parameters, as the QR code encodes it. */
export function trackedUrl(publicUrl: string, params: TrackingParams): string {
  const url = new URL(publicUrl);
  for (const name of ['campaign', 'utm_source', 'utm_medium', 'utm_campaign'] as const) {
    const value = params[name]?.trim();
    if (value) url.searchParams.set(name, value);
  }
  return url.toString();
}

// The public page is for visitors who are not signed in: a 401 must never send them to the login page.
export function getPublicForm(slug: string, signal?: AbortSignal): Promise<PublicForm> {
  return api.get<PublicForm>(`/public/forms/${encodeURIComponent(slug)}`, { signal, redirectOnUnauthorized: false });
}

export function submitPublicForm(slug: string, submission: Submission, lang: Locale): Promise<SubmissionAnswer> {
  return api.post<SubmissionAnswer>(`/public/forms/${encodeURIComponent(slug)}/submissions`, submission, {
    query: { lang },
    redirectOnUnauthorized: false,
  });
}
