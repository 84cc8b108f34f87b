import { api } from '../api/client';
import type { ListResponse } from '../api/types';

// Shapes of src/modules/pipeline/pipeline.schemas.ts and src/modules/deals/deal.schemas.ts.

export interface Stage {
  id: string;
  name: string;
  nameEn: string | null;
  order: number;
  winProbability: number;
  requiredFields: string[];
  requiredTasks: string[];
}

export interface Pipeline {
  id: string;
  name: string;
  nameEn: string | null;
  isDefault: boolean;
  stages: Stage[];
}

export interface Missing {
  fields: string[];
  tasks: string[];
}

export interface StageStay {
  id: string;
  stageId: string;
  stageName: string | null;
  enteredAt: string;
  leftAt: string | null;
  timeInStageMs: number;
  skipped: boolean;
  skipReason: string | null;
  missing: Missing | null;
  actorId: string | null;
}

export interface Deal {
  id: string;
  leadId: string;
  accountId: string;
  pipelineId: string;
  stageId: string;
  ownerId: string | null;
  name: string;
  amount: number | null;
  product: string | null;
  expectedCloseAt: string | null;
  existingSystems: string | null;
  decisionProcess: string | null;
  acceptanceCriteria: string | null;
  updatedAt: string;
  stageHistory: StageStay[];
}

export type DealSummary = Omit<Deal, 'stageHistory'>;

export interface DealTask {
  id: string;
  stageId: string;
  key: string;
  title: string;
  description: string | null;
  talkTrack: string | null;
  dueAt: string;
  status: 'open' | 'done';
  overdue: boolean;
}

export type DealChange = Partial<
  Pick<Deal, 'amount' | 'product' | 'existingSystems' | 'decisionProcess' | 'acceptanceCriteria'>
>;

export const listPipelines = (signal?: AbortSignal) => api.get<Pipeline[]>('/pipelines', { signal });
export const listDeals = (signal?: AbortSignal) => api.get<ListResponse<DealSummary>>('/deals', { signal });
export const getDeal = (id: string, signal?: AbortSignal) =>
  api.get<Deal>(`/deals/${encodeURIComponent(id)}`, { signal });
export const dealTasks = (id: string, signal?: AbortSignal) =>
  api.get<ListResponse<DealTask>>(`/deals/${encodeURIComponent(id)}/tasks`, { signal });
export const changeDeal = (id: string, change: DealChange) =>
  api.patch<Deal>(`/deals/${encodeURIComponent(id)}`, change);
export const moveDeal = (id: string, stageId: string, skipReason?: string) =>
  api.post<Deal>(`/deals/${encodeURIComponent(id)}/stage`, { stageId, ...(skipReason ? { skipReason } : {}) });
export const completeTask = (id: string) => api.post<DealTask>(`/tasks/${encodeURIComponent(id)}/complete`);

export interface ConvertInput {
  amount?: number;
  product?: string;
  /** YYYY-MM-DD. */
  expectedCloseAt?: string;
  pipelineId?: string;
}
export const convertLead = (leadId: string, input: ConvertInput) =>
  api.post<{ dealId: string; accountId: string }>(`/leads/${encodeURIComponent(leadId)}/convert`, input);
