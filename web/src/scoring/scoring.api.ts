import { api } from '../api/client';
import type { ListResponse } from '../api/types';
import type {
  ModelFeature,
  Readiness,
  ScoringConfig,
  ScoringConfigBody,
  ScoringJob,
  ScoringModel,
  ScoringModelReport,
  ScoringPreview,
} from './scoring.types';

const modelPath = (id: string) => `/scoring/models/${encodeURIComponent(id)}`;

export function getScoringConfig(signal?: AbortSignal): Promise<ScoringConfig> {
  return api.get<ScoringConfig>('/scoring/config', { signal });
}

/** Saves the whole rule set; the server starts a background rescore, which comes back as `lastJob`. */
export function saveScoringConfig(body: ScoringConfigBody): Promise<ScoringConfig> {
  return api.put<ScoringConfig>('/scoring/config', body);
}

/** What the unsaved draft would do to the workspace's grades. */
export function previewScoring(body: ScoringConfigBody, signal?: AbortSignal): Promise<ScoringPreview> {
  return api.post<ScoringPreview>('/scoring/preview', body, { signal });
}

export function getScoringJob(id: string, signal?: AbortSignal): Promise<ScoringJob> {
  return api.get<ScoringJob>(`/scoring/jobs/${encodeURIComponent(id)}`, { signal });
}

export function rescoreAll(): Promise<{ id: string }> {
  return api.post<{ id: string }>('/scoring/rescore');
}

export function getReadiness(signal?: AbortSignal): Promise<Readiness> {
  return api.get<Readiness>('/scoring/readiness', { signal });
}

export function listModelFeatures(signal?: AbortSignal): Promise<ListResponse<ModelFeature>> {
  return api.get<ListResponse<ModelFeature>>('/scoring/features', { signal });
}

export function trainModel(exclude: string[]): Promise<{ id: string }> {
  return api.post<{ id: string }>('/scoring/models', exclude.length > 0 ? { exclude } : {});
}

export function listModels(signal?: AbortSignal): Promise<ListResponse<ScoringModel>> {
  return api.get<ListResponse<ScoringModel>>('/scoring/models', { signal });
}

export function getModel(id: string, signal?: AbortSignal): Promise<ScoringModelReport> {
  return api.get<ScoringModelReport>(modelPath(id), { signal });
}

export function activateModel(id: string): Promise<ScoringModelReport> {
  return api.post<ScoringModelReport>(`${modelPath(id)}/activate`);
}
